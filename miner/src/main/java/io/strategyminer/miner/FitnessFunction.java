package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Genome;

/**
 * The fitness of a genome. Must be a pure function of the genome (the search caches results and
 * evaluates genomes on many threads at once) and safe to call concurrently.
 */
@FunctionalInterface
interface FitnessFunction {
    Fitness evaluate(Genome genome);
}
