package io.strategyminer.data.suspect;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A candle that needs a choice before it may be used.
 *
 * @param index    its position in the series that was screened (oldest first)
 * @param time     its open time, unix seconds
 * @param location where it is in the input: "line 17", "candles[2373]", "lines 120–135" for candles built
 *                 from trades, "fetched candle 17"
 * @param values   the candle as read
 * @param reasons  every rule it breaks, at least one
 */
public record SuspectCandle(int index, long time, String location, CandleValues values, List<SuspectReason> reasons) {
    public SuspectCandle {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a suspect candle has at least one reason");
        }
    }

    /** True when one of its reasons is of this kind and about this field. */
    public boolean flags(SuspectKind kind, String field) {
        return reasons.stream().anyMatch(r -> r.kind() == kind && r.fields().contains(field));
    }

    /** The reasons on one line: "low 0.1 is … ; volume -3.0 is negative". */
    public String why() {
        return reasons.stream().map(SuspectReason::detail).collect(Collectors.joining("; "));
    }

    /** {@code 2017-06-21T16:00:00Z  candles[2373]  low 0.1 is 99.97 % below …}. */
    @Override
    public String toString() {
        return Instant.ofEpochSecond(time) + "  " + location + "  " + why();
    }
}
