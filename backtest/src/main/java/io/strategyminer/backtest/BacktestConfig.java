package io.strategyminer.backtest;

/**
 * Execution costs and starting capital.
 *
 * <p>Defaults are those of a retail spot exchange at its entry tier: 0.10 % fee per side (taker
 * fees at retail tiers run 0.1–0.6 %; 0.10 % keeps 5-minute strategies testable while still
 * punishing over-trading), 0.05 % slippage per side, 10,000 quote units of capital.
 *
 * @param feePct         fee per side, percent of the traded notional
 * @param slippagePct    adverse price move per side, percent of the fill price
 * @param initialCapital starting equity in quote currency
 */
public record BacktestConfig(double feePct, double slippagePct, double initialCapital) {
    public static final BacktestConfig DEFAULT = new BacktestConfig(0.10, 0.05, 10_000);
    /** No costs at all: what the ta4j oracle tests compare against. */
    public static final BacktestConfig FRICTIONLESS = new BacktestConfig(0, 0, 10_000);

    public BacktestConfig {
        if (!(feePct >= 0 && feePct < 10)) {
            throw new IllegalArgumentException("fee " + feePct + " % per side outside [0, 10)");
        }
        if (!(slippagePct >= 0 && slippagePct < 10)) {
            throw new IllegalArgumentException("slippage " + slippagePct + " % per side outside [0, 10)");
        }
        if (!(initialCapital > 0 && Double.isFinite(initialCapital))) {
            throw new IllegalArgumentException("initial capital must be positive, got " + initialCapital);
        }
    }
}
