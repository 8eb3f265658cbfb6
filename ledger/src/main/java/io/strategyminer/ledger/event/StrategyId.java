package io.strategyminer.ledger.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strategyminer.ledger.identity.PeerId;
import java.util.Comparator;

/**
 * A reported strategy is named by the event that reported it: its reporter (the event's origin)
 * and that event's sequence number. Printed as {@code <peer id>-<sequence>}.
 */
public record StrategyId(PeerId reporter, long sequence) implements Comparable<StrategyId> {
    private static final Comparator<StrategyId> ORDER = Comparator.comparing(StrategyId::reporter)
            .thenComparingLong(StrategyId::sequence);

    public StrategyId {
        Checks.required("strategy reporter", reporter);
        Checks.range("strategy sequence", sequence, 1, Long.MAX_VALUE);
    }

    @JsonCreator
    public static StrategyId parse(String text) {
        Checks.required("strategy id", text);
        int dash = text.indexOf('-');
        if (dash < 0 || dash == text.length() - 1 || text.length() > 64) {
            throw new IllegalArgumentException("a strategy id is <peer id>-<sequence>, got: " + text);
        }
        try {
            return new StrategyId(PeerId.parse(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a strategy id is <peer id>-<sequence>, got: " + text, e);
        }
    }

    @JsonValue
    @Override
    public String toString() {
        return reporter.hex() + "-" + sequence;
    }

    @Override
    public int compareTo(StrategyId other) {
        return ORDER.compare(this, other);
    }
}
