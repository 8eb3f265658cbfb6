package io.strategyminer.backtest;

/**
 * Bitsets over candle indices as plain {@code long[]} (bit {@code i} is bit {@code i & 63} of word
 * {@code i >>> 6}), so that a backtest can jump from one signal to the next a word at a time
 * instead of visiting every candle.
 */
final class Bits {
    private Bits() {
    }

    static long[] forCandles(int candles) {
        return new long[(candles + 63) >>> 6];
    }

    static void set(long[] words, int index) {
        words[index >>> 6] |= 1L << index;
    }

    /** The first set bit in {@code [from, to)}, or -1. */
    static int next(long[] words, int from, int to) {
        if (from >= to) {
            return -1;
        }
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        int lastWord = (to - 1) >>> 6;
        while (true) {
            if (word != 0) {
                int index = (w << 6) + Long.numberOfTrailingZeros(word);
                return index < to ? index : -1;
            }
            if (++w > lastWord) {
                return -1;
            }
            word = words[w];
        }
    }

    /** {@code target = a AND b} (or {@code a OR b}) over the words that hold bits {@code [from, to)}. */
    static void combine(long[] a, long[] b, boolean and, long[] target, int from, int to) {
        int first = from >>> 6;
        int last = (to - 1) >>> 6;
        if (and) {
            for (int w = first; w <= last; w++) {
                target[w] = a[w] & b[w];
            }
        } else {
            for (int w = first; w <= last; w++) {
                target[w] = a[w] | b[w];
            }
        }
    }
}
