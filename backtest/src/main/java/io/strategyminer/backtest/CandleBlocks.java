package io.strategyminer.backtest;

import io.strategyminer.data.CandleSeries;

/**
 * The lowest low and highest high of every block of {@value #SIZE} candles (block {@code b} holds
 * candles {@code [64b, 64b + 64)}). A position's stop and target scan skips a whole block when
 * its extremes cannot reach either level, so a long trade costs a few comparisons per block instead
 * of per candle. Computed once per dataset.
 */
final class CandleBlocks {
    static final int SHIFT = 6;
    static final int SIZE = 1 << SHIFT;

    private final double[] lowest;
    private final double[] highest;

    CandleBlocks(CandleSeries candles) {
        int blocks = (candles.size() + SIZE - 1) >>> SHIFT;
        lowest = new double[blocks];
        highest = new double[blocks];
        double[] low = candles.low();
        double[] high = candles.high();
        for (int b = 0; b < blocks; b++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = b << SHIFT; i < Math.min(candles.size(), (b + 1) << SHIFT); i++) {
                lo = Math.min(lo, low[i]);
                hi = Math.max(hi, high[i]);
            }
            lowest[b] = lo;
            highest[b] = hi;
        }
    }

    double lowest(int block) {
        return lowest[block];
    }

    double highest(int block) {
        return highest[block];
    }
}
