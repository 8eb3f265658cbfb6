package io.strategyminer.backtest.genome;

/** How the conditions of a rule combine. */
public enum Combiner {
    AND, OR
}
