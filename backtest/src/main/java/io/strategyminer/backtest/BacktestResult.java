package io.strategyminer.backtest;

import java.util.List;

/**
 * A full backtest: metrics, the trade list and the equity curve.
 *
 * @param equity mark-to-market equity at each candle's close, one value per candle of {@code range}
 */
public record BacktestResult(Range range, Metrics metrics, List<Trade> trades, double[] equity) {
    public BacktestResult {
        trades = List.copyOf(trades);
    }
}
