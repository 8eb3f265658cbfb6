package io.strategyminer.miner.robustness;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.miner.GenomeSampler;
import io.strategyminer.miner.SyntheticMarket;
import io.strategyminer.miner.Xoshiro256;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a strategy's robustness figures cost ({@link RobustnessAnalysis}, default runs): cold (a fresh backtester, as
 * the first request for a dataset meets it: indicator columns and signals computed) and warm, on the bundled 5-minute
 * week and on 20,000 synthetic 5-minute candles, for 20 random MEDIUM genomes each. Prints; asserts nothing.
 */
@Tag("benchmark")
class RobustnessBenchmark {
    private static final int GENOMES = 20;

    @Test
    void timeTheFiguresOnTheBundledWeekAndOn20000Candles() {
        measure("bundled 5m (" + BundledDatasets.btcUsd5m().size() + " candles)", BundledDatasets.btcUsd5m());
        measure("synthetic 20,000 candles", SyntheticMarket.randomWalk(20_000, 3));
    }

    private static void measure(String name, Dataset dataset) {
        Range inSample = Split.DEFAULT.inSample(dataset.size());
        GenomeSampler sampler = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(11));
        double[] cold = new double[GENOMES];
        double[] warm = new double[GENOMES];
        long trades = 0;
        long neighbours = 0;
        for (int g = 0; g < GENOMES; g++) {
            Genome genome = sampler.sample();
            Backtester fresh = new Backtester(dataset, BacktestConfig.DEFAULT);
            long start = System.nanoTime();
            Robustness r = RobustnessAnalysis.analyse(fresh, genome, inSample, g, RobustnessAnalysis.Runs.DEFAULT);
            cold[g] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            RobustnessAnalysis.analyse(fresh, genome, inSample, g, RobustnessAnalysis.Runs.DEFAULT);
            warm[g] = (System.nanoTime() - start) / 1e6;
            trades += r.randomEntries().entries();
            neighbours += r.neighbourhood().count();
        }
        System.out.printf(Locale.ROOT, "%s, in-sample %d candles, %d genomes (mean %.0f trades, %.0f neighbours):"
                        + " cold median %.0f ms (max %.0f), warm median %.0f ms (max %.0f)%n", name, inSample.length(),
                GENOMES, (double) trades / GENOMES, (double) neighbours / GENOMES, median(cold), max(cold),
                median(warm), max(warm));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
