package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Genome;

/**
 * The engine's money arithmetic of one trade, in one place: the trading loop books every trade with it, and a
 * Monte Carlo over a strategy's trades replays them with it, so the trades of a backtest replayed in their own
 * order end at the engine's final equity bit for bit.
 *
 * <p>A trade commits {@code share} of the current cash, fee included; the rest stays in cash. It buys
 * {@code committed / (1 + fee) / fill} units and sells them at the exit price (slippage already in both prices),
 * paying the fee on the proceeds.
 */
public final class PositionSizing {
    private PositionSizing() {
    }

    /** The share of equity a trade of {@code genome} commits, as a fraction (its size in percent / 100). */
    public static double share(Genome genome) {
        return genome.positionPct() / 100;
    }

    /** The fee per side as a fraction of the traded value. */
    public static double feeRate(BacktestConfig config) {
        return config.feePct() / 100;
    }

    /** Units bought with {@code committed} (fee included) at {@code fill}. */
    static double quantity(double committed, double feeRate, double fill) {
        return committed / (1 + feeRate) / fill;
    }

    /** The cash after selling {@code quantity} units at {@code exitPrice} (fee deducted) besides {@code rest}. */
    static double cashAfter(double rest, double quantity, double exitPrice, double feeRate) {
        double proceeds = quantity * exitPrice;
        return rest + (proceeds - proceeds * feeRate);
    }

    /**
     * The cash after {@code trade}'s fills (its entry and exit prices) taken with {@code cash}: what the engine books
     * when that trade is entered with that much cash.
     */
    public static double cashAfter(double cash, Trade trade, double share, double feeRate) {
        double committed = cash * share;
        return cashAfter(cash - committed, quantity(committed, feeRate, trade.entryPrice()), trade.exitPrice(),
                feeRate);
    }
}
