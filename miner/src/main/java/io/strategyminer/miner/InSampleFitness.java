package io.strategyminer.miner;

import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import java.util.OptionalDouble;

/**
 * The search's fitness: one metrics-only backtest on the in-sample range, scored by the objective;
 * no fitness below the minimum number of trades. The same backtest gives the genome's daily Sharpe ratio
 * for the unit's trial statistics. The out-of-sample range never influences the search, so its metrics,
 * computed at the end, stay an honest check.
 */
final class InSampleFitness implements FitnessFunction {
    private final Backtester backtester;
    private final Range inSample;
    private final Objective objective;
    private final int minTrades;

    InSampleFitness(Backtester backtester, Range inSample, Objective objective, int minTrades) {
        this.backtester = backtester;
        this.inSample = inSample;
        this.objective = objective;
        this.minTrades = minTrades;
    }

    @Override
    public Trial evaluate(Genome genome) {
        Metrics metrics = backtester.metrics(genome, inSample);
        return new Trial(score(metrics, objective, minTrades), metrics.dailySharpe());
    }

    /** The fitness of in-sample {@code metrics}; shared with the final report so both always agree. */
    static Fitness score(Metrics metrics, Objective objective, int minTrades) {
        OptionalDouble fitness = objective.fitness(metrics, minTrades);
        return fitness.isPresent() ? Fitness.of(fitness.getAsDouble()) : Fitness.NONE;
    }
}
