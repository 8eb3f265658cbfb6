package io.strategyminer.miner.robustness;

/**
 * The equity after {@code trade} trades: its 5th, 50th and 95th percentile over the Monte Carlo runs, and the
 * strategy's own (its trades in their real order).
 */
public record FanPoint(int trade, double p5, double median, double p95, double actual) {
}
