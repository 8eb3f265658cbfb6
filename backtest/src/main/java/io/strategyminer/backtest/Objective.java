package io.strategyminer.backtest;

import java.util.Arrays;
import java.util.Locale;

/** What a search maximises, computed on the in-sample metrics of a genome. */
public enum Objective {
    /** Net profit in quote currency. */
    PNL,
    /** Annualised Sharpe ratio. */
    SHARPE,
    /** Annualised Sortino ratio. */
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
