package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.RiskLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The generational genetic algorithm, independent of where fitness comes from: generation 0 is a
 * distinct random population, each later one is bred from the previous ({@link Breeder}). Every
 * generation, the genomes not already known from the previous generation (elites, unchanged copies)
 * are evaluated, in parallel; the unit's trial statistics take in those it never evaluated before, and
 * the hall of fame is updated. A step is a pure function of the {@link SearchState}, which is why a
 * checkpointed state resumes exactly.
 */
final class GeneticSearch {
    private final int populationSize;
    private final int generations;
    private final RiskLevel risk;
    private final int hallOfFameSize;
    private final FitnessFunction fitness;
    private final PopulationEvaluator evaluator;

    GeneticSearch(int populationSize, int generations, RiskLevel risk, int hallOfFameSize, FitnessFunction fitness,
                  PopulationEvaluator evaluator) {
        this.populationSize = populationSize;
        this.generations = generations;
        this.risk = risk;
        this.hallOfFameSize = hallOfFameSize;
        this.fitness = fitness;
        this.evaluator = evaluator;
    }

    /**
     * Runs from {@code state} to the last generation, handing each new state to {@code onGeneration}.
     *
     * @throws CancellationException as soon as {@code token} is cancelled (between two evaluations);
     *                               the last state handed to {@code onGeneration} is the last complete one
     */
    SearchState run(SearchState state, Consumer<SearchState> onGeneration, CancellationToken token) {
        while (state.generation() < generations) {
            if (token.isCancelled()) {
                throw new CancellationException("work unit cancelled");
            }
            state = next(state, token);
            onGeneration.accept(state);
        }
        return state;
    }

    /** Breeds and evaluates one generation. */
    SearchState next(SearchState state, CancellationToken token) {
        Xoshiro256 rng = Xoshiro256.restore(state.rng());
        GenomeSampler sampler = new GenomeSampler(risk, rng);
        List<Genome> genomes = state.generation() == 0
                ? sampler.sampleDistinct(populationSize, Set.of())
                : new Breeder(sampler).nextGeneration(state.population());

        Map<Genome, Fitness> known = new HashMap<>();
        state.population().forEach(s -> known.put(s.genome(), s.fitness()));
        List<Genome> unknown = new ArrayList<>();
        for (Genome genome : genomes) {
            if (!known.containsKey(genome)) {
                unknown.add(genome);
            }
        }
        List<Trial> evaluated = evaluator.evaluate(unknown, fitness::evaluate, token);

        List<Scored> population = new ArrayList<>(genomes.size());
        int next = 0;
        for (Genome genome : genomes) {
            Fitness f = known.get(genome);
            population.add(new Scored(genome, f != null ? f : evaluated.get(next++).fitness()));
        }
        List<Scored> hall = SearchState.updatedHall(state.hallOfFame(), population, hallOfFameSize);
        return state.next(rng.state(), population, hall, evaluated);
    }
}
