package io.strategyminer.web.api;

import java.util.List;

/**
 * A range's backtest: metrics, buy-and-hold's metrics and the excess return over it, every trade, and the equity
 * curve with the close price (for buy-and-hold), sampled.
 *
 * @param from candle index of the range's first candle; @param to exclusive
 */
public record BacktestJson(int from, int to, MetricsJson metrics, MetricsJson buyAndHold, double excessReturnPct,
                           List<TradeJson> trades, Equity equity) {

    /** Times are candle open times, unix seconds. */
    public record TradeJson(int entryIndex, long entryTime, double entryPrice, int exitIndex, long exitTime,
                            double exitPrice, double quantity, double pnl, double returnPct, String exitReason) {
    }

    /** Columns of equal length: candle time (unix seconds), equity, close price. */
    public record Equity(List<Long> time, List<Double> equity, List<Double> close) {
    }
}
