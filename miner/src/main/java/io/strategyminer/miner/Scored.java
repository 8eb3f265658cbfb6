package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Genome;

/** A genome with its fitness: a member of a population or of the hall of fame. */
record Scored(Genome genome, Fitness fitness) {
    public Scored {
        if (genome == null || fitness == null) {
            throw new IllegalArgumentException("a scored genome needs a genome and a fitness");
        }
    }
}
