package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.stats.TrialStatistics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The search loop with a synthetic fitness: determinism, resumption, elitism, caching, cancellation. */
class GeneticSearchTest {
    private static final int POPULATION = 24;
    private static final int GENERATIONS = 15;

    private static List<SearchState> runAll(long seed, int threads, FitnessFunction fitness) {
        List<SearchState> states = new ArrayList<>();
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(threads)) {
            search(fitness, evaluator).run(SearchState.initial(seed), states::add, CancellationToken.none());
        }
        return states;
    }

    private static GeneticSearch search(FitnessFunction fitness, PopulationEvaluator evaluator) {
        return new GeneticSearch(POPULATION, GENERATIONS, RiskLevel.MEDIUM, 5, fitness, evaluator);
    }

    @Test
    void sameSeedGivesTheSameSearchOnOneTwoAndEightThreads() {
        List<SearchState> one = runAll(42, 1, new SyntheticFitness());
        assertEquals(GENERATIONS, one.size());
        assertEquals(one, runAll(42, 2, new SyntheticFitness()));
        assertEquals(one, runAll(42, 8, new SyntheticFitness()));
    }

    @Property(tries = 8)
    void resumingFromAnyGenerationsCheckpointContinuesIdentically(@ForAll @IntRange(min = 1, max = 14) int at,
                                                                  @ForAll long seed) {
        List<SearchState> uninterrupted = runAll(seed, 2, new SyntheticFitness());
        // Through the checkpoint's bytes, as another peer would receive it.
        Checkpoint checkpoint = Checkpoint.fromBytes(new Checkpoint("ab".repeat(32), uninterrupted.get(at - 1)).toBytes());
        List<SearchState> resumed = new ArrayList<>();
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(1)) {
            search(new SyntheticFitness(), evaluator).run(checkpoint.state(), resumed::add, CancellationToken.none());
        }
        assertEquals(uninterrupted.subList(at, GENERATIONS), resumed);
    }

    @Test
    void resumingFromEveryGenerationOnAnyThreadCountGivesTheSameTrialStatistics() {
        List<SearchState> uninterrupted = runAll(99, 1, new SyntheticFitness());
        for (int at = 1; at < GENERATIONS; at++) {
            Checkpoint checkpoint = Checkpoint.fromBytes(new Checkpoint("ab".repeat(32), uninterrupted.get(at - 1))
                    .toBytes());
            List<SearchState> resumed = new ArrayList<>();
            try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(new int[] {1, 2, 8}[at % 3])) {
                search(new SyntheticFitness(), evaluator).run(checkpoint.state(), resumed::add,
                        CancellationToken.none());
            }
            SearchState end = resumed.get(resumed.size() - 1);
            assertEquals(uninterrupted.get(GENERATIONS - 1).trials(), end.trials(), "resumed from generation " + at);
        }
    }

    @Test
    void everyEvaluationIsATrialFoldedInEvaluationOrder() {
        SyntheticFitness oracle = new SyntheticFitness();
        List<SearchState> states = runAll(4, 8, new SyntheticFitness());
        Set<Genome> seen = new HashSet<>();
        TrialStatistics expected = TrialStatistics.EMPTY;
        List<Scored> previous = List.of();
        for (SearchState state : states) {
            Set<Genome> carried = new HashSet<>();
            previous.forEach(s -> carried.add(s.genome()));
            for (Scored scored : state.population()) {
                // Evaluated this generation (not carried over from the population): a trial, even if bred again
                if (!carried.contains(scored.genome())) {
                    seen.add(scored.genome());
                    expected = expected.withTrial(oracle.evaluate(scored.genome()).dailySharpe());
                }
            }
            assertEquals(expected, state.trials(), "generation " + state.generation());
            previous = state.population();
        }
        SearchState last = states.get(GENERATIONS - 1);
        assertEquals(last.evaluations(), last.trials().genomes());
        assertTrue(seen.size() < last.trials().genomes(), "no genome was bred again after leaving the population,"
                + " so this seed does not show N as an upper bound of the distinct genomes");
        assertTrue(last.trials().sharpeCount() < last.trials().genomes(), "no trial without a Sharpe ratio");
    }

    @Test
    void differentSeedsExploreDifferently() {
        Set<Genome> first = genomesSeen(runAll(1, 1, new SyntheticFitness()));
        Set<Genome> second = genomesSeen(runAll(2, 1, new SyntheticFitness()));
        Set<Genome> shared = new HashSet<>(first);
        shared.retainAll(second);
        assertTrue(shared.size() < first.size() / 20, shared.size() + " of " + first.size() + " genomes shared");
    }

    private static Set<Genome> genomesSeen(List<SearchState> states) {
        Set<Genome> seen = new HashSet<>();
        states.forEach(s -> s.population().forEach(scored -> seen.add(scored.genome())));
        return seen;
    }

    @Test
    void elitismKeepsTheBestFitnessFromFallingAndTheSearchClimbs() {
        List<SearchState> states = runAll(7, 2, new SyntheticFitness());
        Fitness previous = Fitness.NONE;
        for (SearchState state : states) {
            Fitness best = state.population().stream().map(Scored::fitness).max(Fitness::compareTo).orElseThrow();
            assertFalse(previous.isBetterThan(best), "generation " + state.generation() + " lost its best");
            assertEquals(best, state.best().fitness(), "the hall's best is the population's best under elitism");
            previous = best;
        }
        double first = states.get(0).best().fitness().value();
        double last = states.get(GENERATIONS - 1).best().fitness().value();
        assertTrue(last > first + 0.5, "best fitness went from " + first + " to " + last);
        assertTrue(last > SyntheticFitness.OPTIMUM - 0.5, "ended at " + last + ", optimum " + SyntheticFitness.OPTIMUM);
    }

    @Test
    void populationsAreDistinctAndEachGenomeIsEvaluatedOncePerGeneration() {
        SyntheticFitness fitness = new SyntheticFitness();
        List<SearchState> states = runAll(3, 2, fitness);
        long expected = 0;
        for (int g = 0; g < states.size(); g++) {
            SearchState state = states.get(g);
            Set<Genome> genomes = new HashSet<>();
            state.population().forEach(s -> genomes.add(s.genome()));
            assertEquals(POPULATION, genomes.size(), "duplicates in generation " + state.generation());
            // Genomes carried over from the previous generation (at least the elites) are not re-evaluated.
            Set<Genome> previous = new HashSet<>();
            if (g > 0) {
                states.get(g - 1).population().forEach(s -> previous.add(s.genome()));
            }
            long fresh = genomes.stream().filter(x -> !previous.contains(x)).count();
            assertTrue(g == 0 || fresh <= POPULATION - Breeder.eliteCount(POPULATION));
            expected += fresh;
            assertEquals(expected, state.evaluations());
        }
        assertEquals(expected, fitness.calls.get());
    }

    @Test
    void hallOfFameHoldsTheBestResultsSeenEachInItsSimplestForm() {
        List<SearchState> states = runAll(5, 1, new SyntheticFitness());
        // For every fitness value seen, the fewest conditions any genome reached it with.
        java.util.TreeMap<Fitness, Integer> simplest = new java.util.TreeMap<>();
        for (SearchState state : states) {
            for (Scored scored : state.population()) {
                int conditions = scored.genome().entry().conditions().size()
                        + scored.genome().exit().conditions().size();
                simplest.merge(scored.fitness(), conditions, Math::min);
            }
        }
        List<Scored> hall = states.get(GENERATIONS - 1).hallOfFame();
        List<Fitness> expected = new ArrayList<>(simplest.descendingKeySet()).subList(0, 5);
        assertEquals(expected, hall.stream().map(Scored::fitness).toList());
        for (Scored entry : hall) {
            assertEquals(simplest.get(entry.fitness()), entry.genome().entry().conditions().size()
                    + entry.genome().exit().conditions().size(), "not the simplest form of " + entry.fitness());
        }
    }

    @Test
    void hallOfFameKeepsOneStakeOfEachStrategy() {
        Genome rsi = io.strategyminer.backtest.genome.GenomeJson.read("""
                {"entry": {"combine": "AND", "conditions": [{"left": "RSI(14)", "op": "<", "right": 30}]},
                 "exit": {"combine": "AND", "conditions": []}, "stopLossPct": 2, "takeProfitPct": 4,
                 "trailingStopPct": 0, "maxBarsHeld": 0, "positionPct": 10, "risk": "MEDIUM"}""");
        Genome rsiBigger = new Genome(rsi.entry(), rsi.exit(), rsi.stopLossPct(), rsi.takeProfitPct(),
                rsi.trailingStopPct(), rsi.maxBarsHeld(), 40, rsi.risk());
        Genome rsiWiderStop = new Genome(rsi.entry(), rsi.exit(), 3, rsi.takeProfitPct(),
                rsi.trailingStopPct(), rsi.maxBarsHeld(), 10, rsi.risk());
        List<Scored> hall = SearchState.updatedHall(List.of(), List.of(new Scored(rsi, Fitness.of(3.0)),
                new Scored(rsiBigger, Fitness.of(3.5)), new Scored(rsiWiderStop, Fitness.of(2.0))), 5);
        // The bigger stake of the same rules wins; a different stop is a different strategy.
        assertEquals(List.of(rsiBigger, rsiWiderStop), hall.stream().map(Scored::genome).toList());
    }

    @Test
    void unqualifiedGenomesRankBelowEveryQualifiedOne() {
        List<SearchState> states = runAll(9, 1, new SyntheticFitness());
        SearchState last = states.get(GENERATIONS - 1);
        List<Genome> ranked = Breeder.ranked(last.population());
        boolean seenUnqualified = false;
        for (Genome genome : ranked) {
            Fitness f = last.population().stream().filter(s -> s.genome().equals(genome)).findFirst().orElseThrow()
                    .fitness();
            if (!f.qualified()) {
                seenUnqualified = true;
            } else {
                assertFalse(seenUnqualified, "a qualified genome ranked below an unqualified one");
            }
        }
    }

    @Test
    void cancellationStopsWithinOneEvaluationPerThread() {
        CancellationToken token = new CancellationToken();
        AtomicLong calls = new AtomicLong();
        AtomicLong startedAfterCancel = new AtomicLong();
        long cancelAt = POPULATION + 5;
        FitnessFunction cancellingMidGeneration = genome -> {
            // Counted at the start of an evaluation, so a cancelling thread preempted between its count
            // and its cancel (the other thread racing on meanwhile) does not look like a late stop.
            if (token.isCancelled()) {
                startedAfterCancel.incrementAndGet();
            }
            if (calls.incrementAndGet() == cancelAt) {
                token.cancel();
            }
            return new Trial(Fitness.of(genome.positionPct()), Double.NaN);
        };
        int threads = 2;
        List<SearchState> states = new ArrayList<>();
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(threads)) {
            assertThrows(CancellationException.class, () -> search(cancellingMidGeneration, evaluator)
                    .run(SearchState.initial(1), states::add, token));
        }
        // Generation 1 finished; generation 2 was stopped mid-way: a thread that had checked the token just
        // before the cancel may start one more evaluation, none starts a second one.
        assertEquals(1, states.size());
        assertTrue(calls.get() < 2L * POPULATION, calls.get() + " evaluations: generation 2 ran to its end");
        assertTrue(startedAfterCancel.get() <= threads - 1,
                startedAfterCancel.get() + " evaluations started after the cancel");
    }

    @Test
    void aFailingEvaluationFailsTheSearch() {
        FitnessFunction failing = genome -> {
            throw new IllegalStateException("engine exploded on " + genome.positionPct());
        };
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> search(failing, evaluator)
                    .run(SearchState.initial(1), s -> { }, CancellationToken.none()));
            assertTrue(e.getMessage().startsWith("engine exploded"));
        }
    }

    @Test
    void aSearchResumedAtItsLastGenerationHasNothingLeftToDo() {
        List<SearchState> states = runAll(11, 1, new SyntheticFitness());
        SyntheticFitness fitness = new SyntheticFitness();
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(1)) {
            SearchState end = search(fitness, evaluator).run(states.get(GENERATIONS - 1), s -> { },
                    CancellationToken.none());
            assertEquals(states.get(GENERATIONS - 1), end);
        }
        assertEquals(0, fitness.calls.get());
        assertNotEquals(states.get(0).rng(), states.get(1).rng());
    }
}
