package io.strategyminer.backtest;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What a search maximises, computed on the in-sample metrics of a genome. SHARPE and SORTINO score the daily
 * figures ({@link Metrics#sharpe()}, {@link Metrics#sortino()}), which are undefined (NaN) on a range of fewer
 * than {@link Metrics#MIN_DAYS} days: no genome qualifies there, so such a range cannot be mined with them.
 */
public enum Objective {
    /** Net profit in quote currency. */
    PNL,
    /** Sharpe ratio of the daily returns, annualised × √365. */
    SHARPE,
    /** Sortino ratio of the daily returns, annualised × √365. */
    SORTINO,
    /** Return over maximum drawdown ({@link Metrics#calmar()}). */
    CALMAR;

    public double score(Metrics metrics) {
        switch (this) {
            case PNL:
                return metrics.netPnl();
            case SHARPE:
                return metrics.sharpe();
            case SORTINO:
                return metrics.sortino();
            case CALMAR:
                return metrics.calmar();
            default:
                throw new IllegalStateException("unhandled objective " + this);
        }
    }

    /**
     * A search's fitness of in-sample {@code metrics}: this objective's score, or empty when the genome made
     * fewer than {@code minTrades} trades or its score is undefined (NaN: a Sharpe or Sortino ratio on a range
     * shorter than {@link Metrics#MIN_DAYS} days, or of returns that do not vary). The GA ranks by it and reports
     * it, and the dashboard shows it, so it is defined once, here.
     */
    public OptionalDouble fitness(Metrics metrics, int minTrades) {
        if (metrics.trades() < minTrades) {
            return OptionalDouble.empty();
        }
        double value = score(metrics);
        // NaN is an undefined score (see Metrics): it does not qualify, and nothing non-finite may ever win.
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** The lower-case name used on the command line and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive lookup by name, with a message listing the valid names. */
    public static Objective parse(String name) {
        for (Objective objective : values()) {
            if (objective.name().equalsIgnoreCase(name.trim())) {
                return objective;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + name + "'; use one of "
                + Arrays.toString(Arrays.stream(values()).map(Objective::id).toArray()));
    }
}
