package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.SharedData;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.suspect.SuspectPolicy;
import io.strategyminer.miner.robustness.Robustness;
import io.strategyminer.miner.robustness.RobustnessAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

/**
 * What the out-of-sample tools say on real candles. First, a walk-forward against a single
 * split for the same budget: {@value #UNITS} work units of
 * {@value #POPULATION} × {@value #GENERATIONS} either way — one split at 70 % whose best strategy (by the cluster's
 * rule, in-sample only) is judged on the last 30 %, or {@value #WINDOWS} rolling windows at 70 %, one unit each,
 * whose test segments are stitched — on the bundled week and on the 2011 BTC file, {@value #SEEDS} seeds each.
 * Then what the robustness filters remove: every unit result of the single splits (canonical strategies, chosen
 * in-sample), with its Monte Carlo, neighbours and random-entry p-value on the in-sample range, against what it did
 * in the holdout that no filter read. Prints one line per seed and per strategy and summaries (the figures in
 * docs/measurements.md) and holds the stitched record to what its windows say: its return compounds theirs and its
 * trades are theirs.
 */
class OutOfSampleComparisonTest {
    private static final int SEEDS = 8;
    private static final int UNITS = 4;
    private static final int WINDOWS = 4;
    private static final int POPULATION = 40;
    private static final int GENERATIONS = 25;

    @Test
    void onTheBundledWeek() {
        compare(BundledDatasets.btcUsd5m(), Objective.CALMAR);
    }

    @Test
    void onTheBtcFileOf2011() throws IOException {
        // as a user would import it: its suspect ticks repaired, not silently used
        Dataset btc2011 = CandleImporter.importFile(SharedData.file(SharedData.BTC_2011_CSV),
                ImportOptions.auto().withSuspects(SuspectPolicy.REPAIR)).toDataset();
        compare(btc2011, Objective.SHARPE);
    }

    private static void compare(Dataset dataset, Objective objective) {
        String name = dataset.name();
        System.out.printf(Locale.ROOT, "%s (%,d candles): seed | single split: holdout return %%, buy and hold %%,"
                + " efficiency | walk-forward: stitched return %%, buy and hold %%, efficiency, windows with a"
                + " positive test return%n", name, dataset.size());
        List<double[]> rows = new ArrayList<>();
        List<Filtered> filtered = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            double[] single = singleSplit(dataset, objective, seed, filtered);
            double[] walk = walkForward(dataset, objective, seed);
            System.out.printf(Locale.ROOT, "%s: %d | %8.2f %8.2f %6.2f | %8.2f %8.2f %6.2f %.0f/%d%n", name, seed,
                    single[0], single[1], single[2], walk[0], walk[1], walk[2], walk[3], WINDOWS);
            rows.add(new double[] {single[0], single[1], single[2], walk[0], walk[1], walk[2]});
        }
        System.out.printf(Locale.ROOT, "%s summary: single split median holdout return %.2f %% (beat buy and hold in"
                        + " %d of %d, positive in %d), median efficiency %.2f; walk-forward median stitched return"
                        + " %.2f %% (beat buy and hold in %d, positive in %d), median efficiency %.2f%n", name,
                median(rows, 0), count(rows, 0, 1), SEEDS, positive(rows, 0), median(rows, 2), median(rows, 3),
                count(rows, 3, 4), positive(rows, 3), median(rows, 5));
        filtered.forEach(f -> System.out.printf(Locale.ROOT, "%s robustness: %s%n", name, f));
        summarise(name, "all unit results", filtered);
        summarise(name, "bootstrapped Monte Carlo 5 % return > 0", filtered.stream().filter(Filtered::monteCarlo).toList());
        summarise(name, "half or more neighbours profitable", filtered.stream().filter(Filtered::neighbours).toList());
        summarise(name, "random-entry p-value <= 0.05", filtered.stream().filter(Filtered::randomEntries).toList());
        summarise(name, "all three", filtered.stream().filter(f -> f.monteCarlo() && f.neighbours() && f.randomEntries())
                .toList());
        // whether any in-sample figure orders the strategies the way the holdout does
        double[] holdout = filtered.stream().mapToDouble(Filtered::holdoutReturnPct).toArray();
        SpearmansCorrelation rank = new SpearmansCorrelation();
        System.out.printf(Locale.ROOT, "%s rank correlation with the holdout return: in-sample return %.2f, Monte Carlo"
                        + " 5 %% %.2f, neighbours profitable %.2f, p-value %.2f%n", name,
                rank.correlation(filtered.stream().mapToDouble(Filtered::inSampleReturnPct).toArray(), holdout),
                rank.correlation(filtered.stream().mapToDouble(Filtered::monteCarloP5).toArray(), holdout),
                rank.correlation(filtered.stream().mapToDouble(Filtered::profitableShare).toArray(), holdout),
                rank.correlation(filtered.stream().mapToDouble(Filtered::pValue).toArray(), holdout));
    }

    /**
     * A unit result with its in-sample robustness and its holdout return.
     *
     * @param monteCarlo    whether its bootstrapped Monte Carlo's 5 % total return is above 0
     * @param neighbours    whether at least half its grid neighbours made money in-sample
     * @param randomEntries whether random entries with its exits did as well in at most 5 % of draws
     */
    private record Filtered(long seed, int unit, double inSampleReturnPct, double monteCarloP5, double profitableShare,
                            double pValue, double holdoutReturnPct, boolean monteCarlo, boolean neighbours,
                            boolean randomEntries) {
        static Filtered of(long seed, int unit, RankedStrategy strategy, Robustness robustness) {
            double p5 = robustness.bootstrapped().totalReturnPct().p5();
            double share = robustness.neighbourhood().profitableShare();
            double pValue = robustness.randomEntries().pValue();
            return new Filtered(seed, unit, strategy.inSample().returnPct(), p5, share, pValue,
                    strategy.outOfSample().returnPct(), p5 > 0, share >= 0.5, pValue <= 0.05);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "seed %d unit %d | in-sample %.2f %% | MC 5 %% %.2f %% | neighbours"
                            + " profitable %.0f %% | p %.3f | holdout %.2f %%", seed, unit, inSampleReturnPct,
                    monteCarloP5, profitableShare * 100, pValue, holdoutReturnPct);
        }
    }

    private static void summarise(String name, String filter, List<Filtered> kept) {
        double[] holdout = kept.stream().mapToDouble(Filtered::holdoutReturnPct).sorted().toArray();
        double median = holdout.length == 0 ? Double.NaN : holdout.length % 2 == 1 ? holdout[holdout.length / 2]
                : (holdout[holdout.length / 2 - 1] + holdout[holdout.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "%s filter: %s keeps %d of %d, %d with a positive holdout, median holdout"
                + " %.2f %%%n", name, filter, kept.size(), SEEDS * UNITS,
                kept.stream().filter(f -> f.holdoutReturnPct() > 0).count(), median);
    }

    private static SearchSpec.Builder search(Dataset dataset, Objective objective, long seed) {
        return SearchSpec.builder().dataset(dataset.id()).seed(seed).objective(objective).population(POPULATION)
                .generations(GENERATIONS).workUnits(UNITS).splitPercent(70);
    }

    /**
     * Holdout return, its buy-and-hold, efficiency of the best unit result by the cluster's rule; every unit result
     * with its robustness goes to {@code filtered}.
     */
    private static double[] singleSplit(Dataset dataset, Objective objective, long seed, List<Filtered> filtered) {
        SearchSpec spec = search(dataset, objective, seed).build();
        Backtester backtester = new Backtester(dataset, spec.costs());
        List<RankedStrategy> results = new ArrayList<>();
        for (int unit = 0; unit < UNITS; unit++) {
            RankedStrategy result = run(spec.workUnit(unit), backtester).best();
            results.add(result);
            Robustness robustness = RobustnessAnalysis.analyse(backtester, result.genome(),
                    spec.split(0).inSample(dataset.size()), RobustnessAnalysis.seedOf(result.digest()),
                    RobustnessAnalysis.Runs.DEFAULT);
            filtered.add(Filtered.of(seed, unit, result, robustness));
        }
        RankedStrategy best = DeflatedSharpeRanking.bestFirst(results, RankedStrategy::inSample,
                DeflatedSharpeRanking.trials(POPULATION, GENERATIONS, UNITS)).get(0);
        Range inSample = spec.split(0).inSample(dataset.size());
        Range holdout = spec.split(0).outOfSample(dataset.size());
        double trained = WalkForward.annualisedReturnPct(best.inSample(), inSample, dataset);
        double tested = WalkForward.annualisedReturnPct(best.outOfSample(), holdout, dataset);
        return new double[] {best.outOfSample().returnPct(), backtester.buyAndHold(holdout).returnPct(),
                trained > 0 ? tested / trained : Double.NaN};
    }

    /** Stitched return, its buy-and-hold, efficiency, windows with a positive test return. */
    private static double[] walkForward(Dataset dataset, Objective objective, long seed) {
        SearchSpec spec = search(dataset, objective, seed).walkForward(WINDOWS).build();
        Backtester backtester = new Backtester(dataset, spec.costs());
        List<Optional<Genome>> chosen = new ArrayList<>();
        for (int unit = 0; unit < UNITS; unit++) { // one unit per window: unit w mines window w
            chosen.add(Optional.of(run(spec.workUnit(unit), backtester).bestGenome()));
        }
        WalkForward.Report report = WalkForward.evaluate(spec, backtester, chosen);
        double growth = 1;
        int trades = 0;
        int positive = 0;
        for (WalkForward.Window window : report.windows()) {
            Metrics test = window.outOfSample().orElseThrow();
            growth *= 1 + test.returnPct() / 100;
            trades += test.trades();
            positive += test.returnPct() > 0 ? 1 : 0;
        }
        Metrics stitched = report.stitched().metrics();
        assertEquals(growth, 1 + stitched.returnPct() / 100, 1e-9, "the stitched return compounds the windows'");
        assertEquals(trades, stitched.trades(), "the stitched trades are the windows'");
        return new double[] {stitched.returnPct(), report.stitched().buyAndHold().returnPct(), report.efficiency(),
                positive};
    }

    private static StrategyReport run(WorkUnitSpec unit, Backtester backtester) {
        try (WorkUnitRunner runner = new WorkUnitRunner(2)) {
            return runner.run(unit, backtester, Optional.empty(), ProgressListener.NONE, CheckpointSink.NONE,
                    CancellationToken.none());
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static long count(List<double[]> rows, int strategy, int buyAndHold) {
        return rows.stream().filter(r -> r[strategy] > r[buyAndHold]).count();
    }

    private static long positive(List<double[]> rows, int column) {
        return rows.stream().filter(r -> r[column] > 0).count();
    }
}
