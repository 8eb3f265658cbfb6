package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.stats.TrialStatistics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the genetic search carries from one generation to the next, and therefore everything a
 * checkpoint must hold for a resumed run to continue exactly as an uninterrupted one would.
 *
 * @param generation  generations completed (0 before the initial population exists)
 * @param rng         the generator's state after breeding the current population
 * @param population  the current generation in breeding order, distinct genomes with their fitness
 *                    (which is also the fitness cache the next generation consults)
 * @param hallOfFame  the best genomes seen so far, of pairwise different fitness and rules, best first
 * @param evaluations fitness evaluations (backtests) performed since the start
 * @param trials      every evaluation since the start as a trial, with the moments of the in-sample daily Sharpe
 *                    ratios, folded in evaluation order (generation by generation, population order). A genome the
 *                    current population holds is never evaluated again, so this counts a genome twice only when
 *                    breeding re-creates one that had left the population: an upper bound of the distinct genomes
 *                    tried (a few percent above it), which errs on the side of doubt for the deflated Sharpe ratio
 *                    and keeps a checkpoint's size independent of how long the unit has run
 */
record SearchState(int generation, Xoshiro256.State rng, List<Scored> population, List<Scored> hallOfFame,
                   long evaluations, TrialStatistics trials) {
    /** Best first; a stable sort with this keeps earlier entries ahead on ties. */
    static final Comparator<Scored> BEST_FIRST = Comparator.comparing(Scored::fitness).reversed();

    SearchState {
        population = List.copyOf(population);
        hallOfFame = List.copyOf(hallOfFame);
        if (generation < 0 || evaluations < 0) {
            throw new IllegalArgumentException("negative generation or evaluation count");
        }
        if (generation > 0 && population.isEmpty()) {
            throw new IllegalArgumentException("a started search has a population");
        }
        if (trials == null || trials.genomes() != evaluations) {
            throw new IllegalArgumentException("trial statistics of " + (trials == null ? "no" : trials.genomes())
                    + " genomes do not match " + evaluations + " evaluations");
        }
    }

    static SearchState initial(long seed) {
        return new SearchState(0, Xoshiro256.seeded(seed).state(), List.of(), List.of(), 0, TrialStatistics.EMPTY);
    }

    /**
     * The state after one more generation: {@code population} bred with the generator left at {@code rng},
     * {@code hall} the updated hall of fame, {@code evaluatedNow} the trials of the genomes evaluated for it, in
     * population order. The trial statistics take them in that order, so the sums are the same bits whatever the
     * thread count that evaluated them.
     */
    SearchState next(Xoshiro256.State rng, List<Scored> population, List<Scored> hall, List<Trial> evaluatedNow) {
        TrialStatistics statistics = trials;
        for (Trial trial : evaluatedNow) {
            statistics = statistics.withTrial(trial.dailySharpe());
        }
        return new SearchState(generation + 1, rng, population, hall, evaluations + evaluatedNow.size(), statistics);
    }

    /**
     * The hall of fame after {@code population}: the best genomes of the old hall and the population with
     * pairwise different fitness, best first, at most {@code size}. Different fitness, because genomes that
     * differ only in genes that never act (an exit condition that never fires first) trade identically, score
     * bit-identically, and would fill the report with one strategy in several spellings. Of such twins the
     * hall keeps the one with the fewest conditions, then the older one, then the earlier in the population.
     * Nor does it keep two genomes with the same rules at different position sizes ({@link #sameRules}).
     */
    static List<Scored> updatedHall(List<Scored> hall, List<Scored> population, int size) {
        List<Scored> candidates = new ArrayList<>(hall);
        candidates.addAll(population);
        candidates.sort(BEST_FIRST.thenComparingInt(s -> conditionCount(s.genome())));
        List<Scored> kept = new ArrayList<>(size);
        for (Scored candidate : candidates) {
            if (kept.size() == size) {
                break;
            }
            boolean sameFitnessAsLast = !kept.isEmpty()
                    && kept.get(kept.size() - 1).fitness().equals(candidate.fitness());
            if (!sameFitnessAsLast && kept.stream().noneMatch(k -> sameRules(k.genome(), candidate.genome()))) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /**
     * Equal apart from position size: the same trades at another stake. A trader reading the hall of
     * fame wants different strategies, not one strategy at five sizes, so only the better one is kept.
     */
    static boolean sameRules(Genome a, Genome b) {
        return a.entry().equals(b.entry()) && a.exit().equals(b.exit()) && a.stopLossPct() == b.stopLossPct()
                && a.takeProfitPct() == b.takeProfitPct() && a.trailingStopPct() == b.trailingStopPct()
                && a.maxBarsHeld() == b.maxBarsHeld() && a.risk() == b.risk();
    }

    private static int conditionCount(Genome genome) {
        return genome.entry().conditions().size() + genome.exit().conditions().size();
    }

    /** The best genome found so far. */
    Scored best() {
        if (hallOfFame.isEmpty()) {
            throw new IllegalStateException("no generation has been evaluated yet");
        }
        return hallOfFame.get(0);
    }
}
