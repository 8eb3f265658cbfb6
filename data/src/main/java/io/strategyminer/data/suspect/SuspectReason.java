package io.strategyminer.data.suspect;

import java.util.List;
import java.util.Objects;

/**
 * One rule a candle breaks.
 *
 * @param kind   the rule
 * @param fields the values concerned, in candle order: "open", "high", "low", "close", "volume"
 * @param detail what is wrong, with the numbers ("low 0.1 is 99.97 % below the closes around it …")
 */
public record SuspectReason(SuspectKind kind, List<String> fields, String detail) {
    public SuspectReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a reason is about at least one value");
        }
    }

    /** "open, low". */
    public String fieldList() {
        return String.join(", ", fields);
    }
}
