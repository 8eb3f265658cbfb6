package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.stats.SharpeSignificance;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * What the deflated Sharpe ratio is worth, measured (DESIGN §10): whole searches on synthetic candles
 * ({@link SyntheticMarket}), 20 seeds each. A search is what the cluster runs — {@value #UNITS} work units of
 * {@value #POPULATION} × {@value #GENERATIONS} on 50,000 five-minute candles (174 days, 122 of them in-sample),
 * default objective, costs and split — with its units' trial statistics merged in unit-index order and its best
 * strategy picked among the units' results by the cluster's rule ({@link DeflatedSharpeRanking}).
 *
 * <ul>
 *   <li>On a random walk no strategy has an edge: a best strategy with DSR ≥ 0.95 is a false discovery. At most 1
 *       in 20 is allowed, while the naive PSR (N = 1) must call most of them significant — so that without the
 *       deflation this test fails.</li>
 *   <li>On the planted edge (a rally of {@code rallyDrift} per candle for an hour after a fall, default
 *       {@value #DEFAULT_RALLY_DRIFT}) there is something to find: in at least 18 of 20 seeds the best strategy
 *       has DSR ≥ 0.95 and makes money in the holdout. {@code -Dsm.honesty.rallyDrift=…} measures other edge sizes
 *       (the per-seed lines are the measurement; the assertion is for the default).</li>
 * </ul>
 * Prints one line per seed: the figures in docs/measurements.md. It runs 160 work units (36–50 s on two cores) and
 * is part of every build: it is what keeps "DSR ≥ 0.95" meaning something.
 */
class HonestyTest {
    private static final int SEEDS = 20;
    private static final int CANDLES = 50_000;
    private static final int UNITS = 4;
    private static final int POPULATION = 40;
    private static final int GENERATIONS = 25;
    private static final double SIGNIFICANT = 0.95;
    private static final double DEFAULT_RALLY_DRIFT = 0.002;
    private static final double RALLY_DRIFT = Double.parseDouble(
            System.getProperty("sm.honesty.rallyDrift", Double.toString(DEFAULT_RALLY_DRIFT)));

    @Test
    void onARandomWalkTheBestStrategyIsRarelySignificantOnceDeflatedThoughNaivelyItUsuallyIs() {
        List<Outcome> outcomes = searchEverySeed("random walk", seed -> SyntheticMarket.randomWalk(CANDLES, seed));
        long deflatedPasses = outcomes.stream().filter(o -> o.deflated() >= SIGNIFICANT).count();
        long naivePasses = outcomes.stream().filter(o -> o.naive() > SIGNIFICANT).count();
        System.out.printf(Locale.ROOT, "random walk: DSR >= %.2f in %d of %d seeds, naive PSR > %.2f in %d%n",
                SIGNIFICANT, deflatedPasses, SEEDS, SIGNIFICANT, naivePasses);
        assertTrue(deflatedPasses <= 1, deflatedPasses + " false discoveries in " + SEEDS + " seeds");
        assertTrue(naivePasses > SEEDS / 2, "naive PSR > 0.95 in only " + naivePasses + " of " + SEEDS
                + " seeds: without deflation this test would not have caught anything");
    }

    @Test
    void aPlantedEdgeIsFoundSignificantAndPaysInTheHoldout() {
        List<Outcome> outcomes = searchEverySeed("planted edge",
                seed -> SyntheticMarket.plantedEdge(CANDLES, seed, RALLY_DRIFT));
        long found = outcomes.stream().filter(o -> o.deflated() >= SIGNIFICANT && o.holdoutReturnPct() > 0).count();
        System.out.printf(Locale.ROOT, "planted edge (rally drift %s): DSR >= %.2f and positive holdout in %d of %d"
                + " seeds%n", RALLY_DRIFT, SIGNIFICANT, found, SEEDS);
        assertTrue(found >= SEEDS - 2, "found in only " + found + " of " + SEEDS + " seeds");
    }

    private static List<Outcome> searchEverySeed(String market, LongFunction<Dataset> candles) {
        List<Outcome> outcomes = new ArrayList<>();
        System.out.println(market + ": seed, N, genomes evaluated, trials with Sharpe, trial SR sd, SR0, best SR, T, skew, kurt,"
                + " DSR, PSR(0), IS ann. Sharpe, IS trades, IS buy-and-hold %, holdout return %, holdout ann. Sharpe,"
                + " rules");
        try (WorkUnitRunner runner = new WorkUnitRunner(2)) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                Outcome outcome = fullSearch(runner, candles.apply(seed), seed);
                outcomes.add(outcome);
                System.out.println(market + ": " + outcome);
            }
        }
        return outcomes;
    }

    /**
     * One search as the cluster runs it: every unit of the spec, their trial statistics merged in unit-index
     * order, each unit's best strategy ranked by the cluster's rule.
     */
    private static Outcome fullSearch(WorkUnitRunner runner, Dataset dataset, long seed) {
        SearchSpec search = SearchSpec.builder().dataset(dataset.id()).seed(seed).workUnits(UNITS)
                .population(POPULATION).generations(GENERATIONS).build();
        Backtester backtester = new Backtester(dataset, search.costs());
        List<StrategyReport> reports = new ArrayList<>();
        for (int unit = 0; unit < search.workUnits(); unit++) {
            reports.add(runner.run(search.workUnit(unit), backtester, Optional.empty(), ProgressListener.NONE,
                    CheckpointSink.NONE, CancellationToken.none()));
        }
        TrialStatistics trials = DeflatedSharpeRanking.searchTrials(
                reports.stream().map(StrategyReport::trials).toList());
        long n = DeflatedSharpeRanking.trials(search.population(), search.generations(), search.workUnits());
        RankedStrategy best = DeflatedSharpeRanking.bestFirst(reports.stream().map(StrategyReport::best).toList(),
                RankedStrategy::inSample, n).get(0);
        return new Outcome(seed, n, trials, best);
    }

    /** {@code n} the N of the deflated Sharpe ratio, {@code trials} what the units measured (printed beside it). */
    private record Outcome(long seed, long n, TrialStatistics trials, RankedStrategy best) {
        double deflated() {
            return DeflatedSharpeRanking.deflatedSharpe(best.inSample(), n);
        }

        double naive() {
            return SharpeSignificance.probabilistic(best.inSample());
        }

        double holdoutReturnPct() {
            return best.outOfSample().returnPct();
        }

        @Override
        public String toString() {
            Metrics in = best.inSample();
            return String.format(Locale.ROOT, "%2d, %5d, %5d, %5d, %.4f, %.4f, %.4f, %3d, %6.2f, %7.2f, %.4f, %.4f, %6.2f,"
                            + " %4d, %7.2f, %7.2f, %6.2f, %s", seed, n, trials.genomes(), trials.sharpeCount(),
                    Math.sqrt(trials.variance()), DeflatedSharpeRanking.expectedMaximumSharpe(in.days(), n),
                    in.dailySharpe(), in.days(), in.dailySkewness(), in.dailyKurtosis(), deflated(), naive(),
                    in.sharpe(), in.trades(), best.inSampleBuyAndHold().returnPct(), holdoutReturnPct(),
                    best.outOfSample().sharpe(), best.genome().toSentence());
        }
    }
}
