package io.strategyminer.data.suspect;

import java.util.List;
import java.util.Objects;

/**
 * One candle a {@link Cleaning} removed or rewrote.
 *
 * @param time     its open time, unix seconds
 * @param location where it was in the input ("line 17", "candles[2373]"); for people, not part of the id
 * @param kinds    the rules it broke, in {@link SuspectKind} order
 * @param why      the reasons with their numbers; for people, not part of the id
 * @param before   the candle as read
 * @param after    the candle as repaired, or null when it was dropped
 */
public record CleanedCandle(long time, String location, List<SuspectKind> kinds, String why, CandleValues before,
                            CandleValues after) {
    public CleanedCandle {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(before, "before");
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a cleaned candle broke at least one rule");
        }
    }

    public boolean dropped() {
        return after == null;
    }
}
