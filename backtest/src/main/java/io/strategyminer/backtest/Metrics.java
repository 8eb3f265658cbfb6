package io.strategyminer.backtest;

/**
 * What a backtest measured over its range. Every field is finite (never NaN or infinite), because
 * metrics go into digests and JSON.
 *
 * @param netPnl         final equity minus initial capital, quote currency
 * @param returnPct      net PnL as percent of initial capital
 * @param trades         closed round trips
 * @param winRate        share of trades with positive PnL, in [0, 1]; 0 without trades
 * @param sharpe         annualised Sharpe ratio of per-candle equity returns (24/7 market, 365 days)
 * @param sortino        annualised Sortino ratio (downside deviation) of the same returns
 * @param maxDrawdownPct largest peak-to-trough fall of the equity curve, percent of the peak, ≥ 0
 * @param profitFactor   gross profit / gross loss; capped (see the engine's docs) when there is no loss
 * @param exposurePct    percent of candles in the range with an open position
 */
public record Metrics(double netPnl, double returnPct, int trades, double winRate, double sharpe, double sortino,
                      double maxDrawdownPct, double profitFactor, double exposurePct) {

    /** Return over maximum drawdown; the drawdown is floored at 1 % so a lucky flat curve cannot score infinity. */
    public double calmar() {
        return returnPct / Math.max(maxDrawdownPct, 1.0);
    }
}
