package io.strategyminer.backtest;

/**
 * The version of the backtest semantics. Bump it whenever any change could alter a trade, a metric
 * or a digest (indicator formulas, fill rules, fees, metric definitions, digest encoding); peers
 * only compare results produced by equal versions.
 */
public final class EngineVersion {
    public static final String CURRENT = "sm-engine-2";

    private EngineVersion() {
    }
}
