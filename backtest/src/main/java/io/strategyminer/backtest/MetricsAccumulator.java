package io.strategyminer.backtest;

/**
 * Accumulates a backtest's metrics as the trading loop goes, without keeping the equity curve.
 *
 * <p>The loop reports the closing equity of every candle on which it changes (candles in a
 * position and the candle a position is closed on); every other candle of the range is flat, so
 * its return is exactly 0 and it only counts in the number of periods. Equity is always positive
 * (positions never exceed the cash, prices are positive), so returns are always defined. Sharpe and Sortino therefore
 * come from sums over the reported candles alone: this is what lets the fast path skip flat
 * stretches without losing exactness.
 */
final class MetricsAccumulator {
    /** Reported when a ratio is undefined in the trader's favour (no downside, no losing trade). */
    static final double RATIO_CAP = 100;

    private double initialCapital;
    private double equity;
    private double peak;
    /** Lowest equity since {@link #peak} was set. */
    private double trough;
    private double maxDrawdown;
    private double sumReturns;
    private double sumSquares;
    private double sumDownsideSquares;
    private int trades;
    private int wins;
    private double grossProfit;
    private double grossLoss;
    private long exposedCandles;

    void start(double capital) {
        initialCapital = capital;
        equity = capital;
        peak = capital;
        trough = capital;
        maxDrawdown = 0;
        sumReturns = 0;
        sumSquares = 0;
        sumDownsideSquares = 0;
        trades = 0;
        wins = 0;
        grossProfit = 0;
        grossLoss = 0;
        exposedCandles = 0;
    }

    /**
     * Candles {@code [first, last]} closed with a position of {@code quantity} units besides
     * {@code rest} in cash: their equity is {@code rest + quantity * close[k]}. The hot loop of
     * every backtest, so it keeps its sums in locals and divides once per candle.
     */
    void hold(double rest, double quantity, double[] close, int first, int last) {
        double previous = equity;
        double sum = sumReturns;
        double squares = sumSquares;
        double downside = sumDownsideSquares;
        double top = peak;
        double bottom = trough;
        for (int k = first; k <= last; k++) {
            double value = rest + quantity * close[k];
            double r = (value - previous) / previous;
            sum += r;
            squares += r * r;
            if (r < 0) {
                downside += r * r;
            }
            if (value > top) {
                closeDrawdown(top, bottom);
                top = value;
                bottom = value;
            } else if (value < bottom) {
                bottom = value;
            }
            previous = value;
        }
        equity = previous;
        sumReturns = sum;
        sumSquares = squares;
        sumDownsideSquares = downside;
        peak = top;
        trough = bottom;
    }

    /** One candle's closing equity (the candle a position was closed on). */
    void mark(double closingEquity) {
        double r = (closingEquity - equity) / equity;
        sumReturns += r;
        sumSquares += r * r;
        if (r < 0) {
            sumDownsideSquares += r * r;
        }
        if (closingEquity > peak) {
            closeDrawdown(peak, trough);
            peak = closingEquity;
            trough = closingEquity;
        } else if (closingEquity < trough) {
            trough = closingEquity;
        }
        equity = closingEquity;
    }

    /**
     * The fall from a peak to the lowest equity before the next higher peak. Computed once per peak
     * instead of per candle: (peak - x) / peak only grows as x falls, so its maximum is at the trough.
     */
    private void closeDrawdown(double top, double bottom) {
        double drawdown = (top - bottom) / top;
        if (drawdown > maxDrawdown) {
            maxDrawdown = drawdown;
        }
    }

    /**
     * A closed round trip.
     *
     * @param exposed candles whose close found this position open
     */
    void trade(double pnl, int exposed) {
        trades++;
        if (pnl > 0) {
            wins++;
            grossProfit += pnl;
        } else if (pnl < 0) {
            grossLoss -= pnl;
        }
        exposedCandles += exposed;
    }

    /**
     * @param candles        the range's length: every candle is one period, flat ones with return 0
     * @param periodsPerYear candles per year of a 24/7 market at the dataset's timeframe
     */
    Metrics finish(int candles, double periodsPerYear) {
        closeDrawdown(peak, trough);
        double netPnl = equity - initialCapital;
        double sharpe = 0;
        double sortino = 0;
        double exposure = 0;
        if (candles > 0) {
            double annualise = Math.sqrt(periodsPerYear);
            double mean = sumReturns / candles;
            double variance = sumSquares / candles - mean * mean;
            sharpe = variance > 0 ? mean / Math.sqrt(variance) * annualise : 0;
            double downside = Math.sqrt(sumDownsideSquares / candles);
            sortino = downside > 0 ? mean / downside * annualise : (mean > 0 ? RATIO_CAP : 0);
            exposure = 100.0 * exposedCandles / candles;
        }
        double profitFactor = grossLoss > 0 ? Math.min(grossProfit / grossLoss, RATIO_CAP)
                : (grossProfit > 0 ? RATIO_CAP : 0);
        return new Metrics(netPnl, netPnl / initialCapital * 100, trades, trades == 0 ? 0 : (double) wins / trades,
                sharpe, sortino, maxDrawdown * 100, profitFactor, exposure);
    }
}
