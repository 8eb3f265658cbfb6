package io.strategyminer.backtest;

/**
 * One round trip. Indices are candle indices in the dataset; prices are fill prices including
 * slippage; {@code pnl} is net of fees on both sides.
 */
public record Trade(int entryIndex, int exitIndex, double entryPrice, double exitPrice, double quantity,
                    double pnl, double returnPct, ExitReason exitReason) {
}
