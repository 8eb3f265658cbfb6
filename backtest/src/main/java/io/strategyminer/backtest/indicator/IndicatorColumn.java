package io.strategyminer.backtest.indicator;

import io.strategyminer.backtest.genome.Indicator;

/**
 * One indicator's values over a whole dataset, one per candle. Values before {@code firstValid}
 * (the warm-up) are NaN, so every comparison with them is false and no condition fires on an
 * untrustworthy value. A value may also be NaN after the warm-up where the formula is undefined
 * (a division by zero, e.g. stochastic %K over a perfectly flat window).
 *
 * <p>The array is shared by every genome that reads this indicator and must be treated as read-only.
 *
 * @param firstValid index of the first candle whose value is trusted (see {@link Indicators#warmUp})
 */
public record IndicatorColumn(Indicator indicator, double[] values, int firstValid) {
    /** Memory the column takes, for the cache's byte budget. */
    public long bytes() {
        return 16L + 8L * values.length;
    }
}
