package io.strategyminer.miner;

/**
 * What evaluating one genome in-sample yields: the fitness the search selects by, and the genome's daily Sharpe
 * ratio, which the unit's trial statistics collect for the deflated Sharpe ratio whatever the objective.
 *
 * @param fitness     the objective's value ({@link Fitness#NONE} below the minimum number of trades)
 * @param dailySharpe the in-sample daily Sharpe ratio, not annualised ({@code Metrics.dailySharpe()}); NaN when
 *                    undefined (too few days, or returns that do not vary)
 */
record Trial(Fitness fitness, double dailySharpe) {
    Trial {
        if (fitness == null) {
            throw new IllegalArgumentException("a trial has a fitness");
        }
        if (Double.isInfinite(dailySharpe)) {
            throw new IllegalArgumentException("a daily Sharpe ratio is finite or undefined (NaN), got " + dailySharpe);
        }
    }
}
