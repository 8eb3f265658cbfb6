package io.strategyminer.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the full path records besides the metrics: every trade and the equity at every close. */
final class TradeLog {
    private final int from;
    private final double[] equity;
    private final List<Trade> trades = new ArrayList<>();

    TradeLog(Range range) {
        this.from = range.from();
        this.equity = new double[range.length()];
    }

    /** Candles {@code [start, end)} closed without a position, at equity {@code value}. */
    void flat(int start, int end, double value) {
        Arrays.fill(equity, start - from, end - from, value);
    }

    /** Candles {@code [first, last]} closed holding {@code quantity} units besides {@code rest} in cash. */
    void hold(double rest, double quantity, double[] close, int first, int last) {
        for (int k = first; k <= last; k++) {
            // The same expression as MetricsAccumulator.hold, so the curve and the metrics agree to the bit.
            equity[k - from] = rest + quantity * close[k];
        }
    }

    void mark(int candle, double value) {
        equity[candle - from] = value;
    }

    void trade(Trade trade) {
        trades.add(trade);
    }

    BacktestResult result(Range range, Metrics metrics, Metrics buyAndHold) {
        return new BacktestResult(range, metrics, trades, equity, buyAndHold);
    }
}
