package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Genome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Breeds the next generation from an evaluated one:
 * <ol>
 *   <li>elitism: the best {@link #eliteCount} genomes pass unchanged (so the best fitness never drops);</li>
 *   <li>children: two parents chosen by tournament (best of {@link #TOURNAMENT_SIZE} drawn at random),
 *       crossed over with probability {@link #CROSSOVER_RATE} (else the first parent is copied) and mutated
 *       with probability {@link #MUTATION_RATE}, always when the child equals a parent;</li>
 *   <li>no duplicates: a child already in the new generation is mutated again, up to
 *       {@link #DUPLICATE_RETRIES} times, then replaced by a fresh random genome;</li>
 *   <li>immigrants: the last {@link #immigrantCount} places go to fresh random genomes, which keeps new
 *       indicators entering a population that would otherwise converge on its first good idea.</li>
 * </ol>
 * Every random number comes from the sampler's generator, on the calling thread, in this order.
 */
final class Breeder {
    static final int TOURNAMENT_SIZE = 3;
    static final double CROSSOVER_RATE = 0.8;
    static final double MUTATION_RATE = 0.7;
    static final int DUPLICATE_RETRIES = 8;

    private final GenomeSampler sampler;
    private final Xoshiro256 rng;
    private final Crossover crossover;
    private final Mutator mutator;

    Breeder(GenomeSampler sampler) {
        this.sampler = sampler;
        this.rng = sampler.rng();
        this.crossover = new Crossover(sampler);
        this.mutator = new Mutator(sampler);
    }

    /** 5 % of the population, at least one. */
    static int eliteCount(int population) {
        return Math.max(1, population / 20);
    }

    /** 5 % of the population (none below 20). */
    static int immigrantCount(int population) {
        return population / 20;
    }

    List<Genome> nextGeneration(List<Scored> population) {
        int size = population.size();
        List<Genome> ranked = ranked(population);
        List<Genome> next = new ArrayList<>(size);
        Set<Genome> taken = new HashSet<>();
        for (Genome elite : ranked.subList(0, eliteCount(size))) {
            next.add(elite);
            taken.add(elite);
        }
        int children = size - immigrantCount(size);
        while (next.size() < children) {
            Genome child = child(tournament(ranked), tournament(ranked));
            for (int retry = 0; taken.contains(child) && retry < DUPLICATE_RETRIES; retry++) {
                child = mutator.mutate(child);
            }
            if (taken.contains(child)) {
                child = sampler.sampleDistinct(1, taken).get(0);
            }
            next.add(child);
            taken.add(child);
        }
        next.addAll(sampler.sampleDistinct(size - next.size(), taken));
        return next;
    }

    private Genome child(Genome first, Genome second) {
        Genome child = rng.chance(CROSSOVER_RATE) ? crossover.cross(first, second) : first;
        if (rng.chance(MUTATION_RATE) || child.equals(first) || child.equals(second)) {
            child = mutator.mutate(child);
        }
        return child;
    }

    /**
     * Tournament selection on a ranked population: the best of k uniformly drawn members is the one with
     * the lowest rank, so drawing k ranks and keeping the smallest is the whole tournament.
     */
    private Genome tournament(List<Genome> ranked) {
        int winner = ranked.size();
        for (int i = 0; i < TOURNAMENT_SIZE; i++) {
            winner = Math.min(winner, rng.nextInt(ranked.size()));
        }
        return ranked.get(winner);
    }

    /** The genomes best first; equal fitness keeps population order (a stable sort). */
    static List<Genome> ranked(List<Scored> population) {
        return population.stream().sorted(SearchState.BEST_FIRST).map(Scored::genome).collect(Collectors.toList());
    }
}
