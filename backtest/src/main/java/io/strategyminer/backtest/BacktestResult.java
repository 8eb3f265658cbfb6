package io.strategyminer.backtest;

import java.util.List;

/**
 * A full backtest: metrics, the trade list and the equity curve, beside holding the asset over the same candles.
 *
 * @param equity     mark-to-market equity at each candle's close, one value per candle of {@code range}
 * @param buyAndHold the metrics of buying at the range's first open and selling at its last close, with the
 *                   same costs ({@link Backtester#buyAndHold})
 */
public record BacktestResult(Range range, Metrics metrics, List<Trade> trades, double[] equity, Metrics buyAndHold) {
    public BacktestResult {
        trades = List.copyOf(trades);
    }

    /** The strategy's return minus buy-and-hold's over the same range, in percentage points. */
    public double excessReturnPct() {
        return metrics.returnPct() - buyAndHold.returnPct();
    }
}
