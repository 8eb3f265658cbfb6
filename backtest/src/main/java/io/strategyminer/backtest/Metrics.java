package io.strategyminer.backtest;

/**
 * What a backtest measured over its range (conventions in backtest/README.md, "Metrics").
 *
 * <p>NaN means undefined and is shown as "n/a": {@link #cagrPct}, {@link #sharpe}, {@link #sortino},
 * {@link #dailySkewness} and {@link #dailyKurtosis} are NaN when the range has fewer than {@link #MIN_DAYS}
 * daily returns (a shorter range has too few days for them to mean anything), and the four daily statistics
 * also when the daily returns do not vary (e.g. no trade). Every other field is always finite. Metrics go
 * into digests as raw bits, so NaN is always the one canonical NaN ({@link Double#NaN}).
 *
 * @param netPnl         final equity minus initial capital, quote currency
 * @param returnPct      net PnL as percent of initial capital
 * @param cagrPct        compound annual growth rate, percent: (final / initial)^(365 / calendar days) − 1, the
 *                       calendar days running from the first candle's open to the last candle's close
 * @param trades         closed round trips
 * @param winRate        share of trades with positive PnL, in [0, 1]; 0 without trades
 * @param profitFactor   gross profit / gross loss; capped (see the engine's docs) when there is no loss
 * @param exposurePct    percent of candles in the range with an open position
 * @param maxDrawdownPct largest peak-to-trough fall of the equity curve, percent of the peak, ≥ 0
 * @param days           number of daily returns: the UTC dates the range's candles open on
 * @param sharpe         mean / sample standard deviation of the daily returns × √365 (24/7 market)
 * @param sortino        mean / downside deviation of the daily returns × √365
 * @param dailySkewness  skewness of the daily returns (third standardised moment)
 * @param dailyKurtosis  raw kurtosis of the daily returns (fourth standardised moment; 3 for a normal
 *                       distribution, not the excess over it)
 */
public record Metrics(double netPnl, double returnPct, double cagrPct, int trades, double winRate,
                      double profitFactor, double exposurePct, double maxDrawdownPct, int days, double sharpe,
                      double sortino, double dailySkewness, double dailyKurtosis) {

    /** Fewest daily returns for which CAGR, Sharpe, Sortino, skewness and kurtosis are reported. */
    public static final int MIN_DAYS = 30;

    /** √365: daily figures annualised for a market that trades every day of the year. */
    public static final double ANNUALISE = Math.sqrt(365);

    /** Return over maximum drawdown; the drawdown is floored at 1 % so a lucky flat curve cannot score infinity. */
    public double calmar() {
        return returnPct / Math.max(maxDrawdownPct, 1.0);
    }

    /** Whether the range is long enough ({@link #MIN_DAYS}) and varied enough for the daily statistics. */
    public boolean hasDailyStatistics() {
        return !Double.isNaN(sharpe);
    }

    /** The daily Sharpe ratio, not annualised (what the probabilistic and deflated Sharpe ratios take); NaN if undefined. */
    public double dailySharpe() {
        return sharpe / ANNUALISE;
    }
}
