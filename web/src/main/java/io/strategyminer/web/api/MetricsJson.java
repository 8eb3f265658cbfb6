package io.strategyminer.web.api;

import io.strategyminer.backtest.Metrics;

/**
 * A {@link Metrics} as the API shows it: every component under its own name, plus {@code calmar}. The figures that
 * may be undefined ({@code cagrPct}, {@code sharpe}, {@code sortino}, {@code dailySkewness}, {@code dailyKurtosis})
 * are null then, never "NaN"; every other field is always a number.
 */
public record MetricsJson(double netPnl, double returnPct, Double cagrPct, int trades, double winRate,
                          double profitFactor, double exposurePct, double maxDrawdownPct, int days, Double sharpe,
                          Double sortino, Double dailySkewness, Double dailyKurtosis, double calmar) {

    public static MetricsJson of(Metrics m) {
        return new MetricsJson(m.netPnl(), m.returnPct(), defined(m.cagrPct()), m.trades(), m.winRate(),
                m.profitFactor(), m.exposurePct(), m.maxDrawdownPct(), m.days(), defined(m.sharpe()),
                defined(m.sortino()), defined(m.dailySkewness()), defined(m.dailyKurtosis()), m.calmar());
    }

    /** Back as {@link Metrics} (null is NaN); {@code calmar}, derived from the others, is recomputed. */
    public Metrics toMetrics() {
        return new Metrics(netPnl, returnPct, nan(cagrPct), trades, winRate, profitFactor, exposurePct, maxDrawdownPct,
                days, nan(sharpe), nan(sortino), nan(dailySkewness), nan(dailyKurtosis));
    }

    /** A figure that may be undefined: null for NaN (JSON has no NaN). */
    public static Double defined(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }
}
