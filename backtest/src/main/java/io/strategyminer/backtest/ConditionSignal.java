package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Comparison;

/**
 * Evaluates one condition on every candle of a dataset at once, into a bitset (see {@link Bits}).
 * A condition is false wherever either side is NaN (warm-up or an undefined value).
 *
 * <p>Crossings follow ta4j's CrossIndicator: "left crosses above right" holds on a candle where
 * {@code left > right} and, on the most recent earlier candle where the two sides differed,
 * {@code left < right}. Candles where they are equal are looked through, so touching the line and
 * bouncing back is not a crossing, while crossing through it over several candles counts once.
 * A NaN forgets the earlier relation: a crossing needs an observed "below" after the last NaN.
 *
 * <p>A search meets thousands of new conditions (a 200 × 300 work unit about 15,000), so this is the engine's
 * cold path: each 64-candle word is filled at once, without a branch per candle ({@code >}, {@code <} and
 * {@code ==} are already false on NaN) and, for crossings, without a candle-to-candle dependency.
 */
final class ConditionSignal {
    private ConditionSignal() {
    }

    /**
     * @param left  the left indicator's column
     * @param right the right indicator's column, or null to compare with {@code threshold}
     */
    static long[] compute(Comparison comparison, double[] left, double[] right, double threshold) {
        long[] bits = Bits.forCandles(left.length);
        switch (comparison) {
            case ABOVE, BELOW -> level(comparison == Comparison.ABOVE, left, right, threshold, bits);
            case CROSSES_ABOVE, CROSSES_BELOW -> crossings(comparison == Comparison.CROSSES_ABOVE, left, right,
                    threshold, bits);
        }
        return bits;
    }

    private static void level(boolean above, double[] left, double[] right, double threshold, long[] bits) {
        int n = left.length;
        for (int w = 0; w < bits.length; w++) {
            long word = 0;
            for (int i = w << 6, end = Math.min(i + 64, n); i < end; i++) {
                double l = left[i];
                double r = right == null ? threshold : right[i];
                word |= ((above ? l > r : l < r) ? 1L : 0L) << i;
            }
            bits[w] = word;
        }
    }

    /**
     * A crossing above holds where the left side is above and, after the candle before, the relation was "below"
     * (for a crossing below, the other way round). The relation after each candle is computed a word at a time:
     * a candle on the "from" side sets it, one on the "to" side or with a NaN clears it, and a run of candles where
     * the sides are equal keeps the state before the run.
     */
    private static void crossings(boolean up, double[] left, double[] right, double threshold, long[] bits) {
        int n = left.length;
        // Whether the relation after the previous word's last candle is the "from" side.
        long carry = 0;
        for (int w = 0; w < bits.length; w++) {
            long to = 0;
            long from = 0;
            long equal = 0;
            for (int i = w << 6, end = Math.min(i + 64, n); i < end; i++) {
                double l = left[i];
                double r = right == null ? threshold : right[i];
                to |= ((up ? l > r : l < r) ? 1L : 0L) << i;
                from |= ((up ? l < r : l > r) ? 1L : 0L) << i;
                equal |= (l == r ? 1L : 0L) << i;
            }
            // A run of equal candles keeps the state before it: mark each run that starts right after a "from"
            // state and fill it by a carry through the run (adding its first bit clears exactly the run's bits).
            long starts = ((from << 1) | carry) & equal;
            long state = from | (equal & ~(equal + starts));
            bits[w] = to & ((state << 1) | carry);
            carry = state >>> 63;
        }
    }
}
