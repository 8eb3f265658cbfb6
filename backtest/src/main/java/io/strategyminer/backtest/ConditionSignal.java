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
 */
final class ConditionSignal {
    private ConditionSignal() {
    }

    /**
     * @param left  the left indicator's column
     * @param right the right indicator's column, or null to compare with {@code threshold}
     */
    static long[] compute(Comparison comparison, double[] left, double[] right, double threshold) {
        int n = left.length;
        long[] bits = Bits.forCandles(n);
        // -1: left was below right on the last candle they differed; +1: above; 0: not known.
        int relation = 0;
        for (int i = 0; i < n; i++) {
            double l = left[i];
            double r = right == null ? threshold : right[i];
            if (Double.isNaN(l) || Double.isNaN(r)) {
                relation = 0;
                continue;
            }
            boolean holds = switch (comparison) {
                case ABOVE -> l > r;
                case BELOW -> l < r;
                case CROSSES_ABOVE -> l > r && relation < 0;
                case CROSSES_BELOW -> l < r && relation > 0;
            };
            if (l > r) {
                relation = 1;
            } else if (l < r) {
                relation = -1;
            }
            if (holds) {
                Bits.set(bits, i);
            }
        }
        return bits;
    }
}
