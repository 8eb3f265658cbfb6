package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Genome;

/**
 * The fitness of a genome, with its daily Sharpe ratio for the trial statistics. Must be a pure function of the
 * genome (the search caches results and evaluates genomes on many threads at once) and safe to call concurrently.
 */
@FunctionalInterface
interface FitnessFunction {
    Trial evaluate(Genome genome);
}
