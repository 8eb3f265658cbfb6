package io.strategyminer.backtest;

/**
 * Entry signals on given candles instead of a genome's entry rule, for tests of the rule against chance (entries at
 * random candles with the genome's own exits). The entries are taken in order, each one: an entry whose candle
 * comes while a position is still open waits for the candle that position is sold on (the earliest a genome's own
 * signal could enter again, see the engine's "no flip on one candle"), so every entry makes one trade as long as the
 * range has room for it. A signal on candle {@code i} fills at {@code i + 1}'s open, as a rule's would.
 */
public final class EntrySchedule {
    private final int[] signals;

    private EntrySchedule(int[] signals) {
        this.signals = signals;
    }

    /** Signals on these candles (dataset indices), strictly increasing. */
    public static EntrySchedule of(int... signalCandles) {
        int[] copy = signalCandles.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0 || i > 0 && copy[i] <= copy[i - 1]) {
                throw new IllegalArgumentException("entry signal " + i + " on candle " + copy[i] + ": signals must be "
                        + "candle indices (≥ 0) in strictly increasing order");
            }
        }
        return new EntrySchedule(copy);
    }

    public int size() {
        return signals.length;
    }

    /** The first signal candle, or -1 when there is none. */
    int first() {
        return signals.length == 0 ? -1 : signals[0];
    }

    /** The last signal candle, or -1 when there is none. */
    int last() {
        return signals.length == 0 ? -1 : signals[signals.length - 1];
    }

    /** Signal number {@code k} (0-based). */
    int signal(int k) {
        return signals[k];
    }
}
