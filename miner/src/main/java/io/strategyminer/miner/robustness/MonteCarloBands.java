package io.strategyminer.miner.robustness;

import java.util.List;

/**
 * What {@code runs} resampled orders of a strategy's trades give: the percentiles of the total return and of the
 * maximum drawdown, and the fan of the equity path over the trade number.
 *
 * @param totalReturnPct final equity over initial capital, minus 1, in percent
 * @param maxDrawdownPct largest fall of the closed-trade equity (the equity after each trade) from its peak, percent of
 *                       the peak; it does not see the dips inside trades that the backtest's drawdown marks
 * @param fan            the equity at most {@link TradeResampling#MAX_FAN_POINTS} trade numbers from 0 to the last
 *                       trade, evenly spaced, both ends included
 */
public record MonteCarloBands(int runs, Percentiles totalReturnPct, Percentiles maxDrawdownPct, List<FanPoint> fan) {
    public MonteCarloBands {
        fan = List.copyOf(fan);
    }
}
