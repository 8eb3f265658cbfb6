package io.strategyminer.backtest.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.RandomGenomes;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.SharedData;
import io.strategyminer.backtest.Trade;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.Dataset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;

/**
 * The same random RSI/EMA genomes with a stop and a target, through ta4j 0.17 (DoubleNum, a fresh strategy with
 * fresh indicators per genome, as a search would build them) and through ours ({@code metrics}, warm cache), on the
 * 39,017-candle 2011 file in the same JVM; prints both rates, the ratio and whether every trade list matched. Run
 * with {@code mvn -Dsm.target=target-bt -pl backtest -am test -Dsm.excludedGroups= -Dtest=Ta4jComparisonBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>The two engines run in alternating rounds (a ta4j pass over the genomes, then passes of ours for about as long
 * again), so that a machine whose load changes during the run slows both alike; each rate is the median of its
 * rounds. Rates are given per core from the measuring thread's CPU time (what other processes on a shared machine
 * take from it is not counted against either engine) and, beside them, from wall-clock time.
 */
@Tag("benchmark")
class Ta4jComparisonBenchmark {
    private static final int GENOMES = 100;
    private static final int ROUNDS = 5;
    /** Passes of ours per round: about a ta4j pass's time at a ratio of 1,000. */
    private static final int OUR_PASSES = 1_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU and wall-clock time of one timed piece of work. */
    private record Timing(double cpuSeconds, double wallSeconds) {
        static Timing of(Runnable work) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            work.run();
            return new Timing((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9);
        }
    }

    @Test
    void compareWithTa4j() {
        Dataset dataset = SharedData.btc2011();
        BarSeries series = SeriesCache.of(dataset);
        Range range = new Range(0, dataset.size());
        RandomGenomes random = new RandomGenomes(2011);
        List<Genome> genomes = new ArrayList<>();
        for (int i = 0; i < GENOMES; i++) {
            genomes.add(random.rsiEma());
        }
        // Warm both up on other genomes so that neither pays for class loading or JIT in the timing.
        RandomGenomes warmUp = new RandomGenomes(1);
        Backtester warm = new Backtester(dataset, BacktestConfig.FRICTIONLESS);
        for (int i = 0; i < 5; i++) {
            Genome g = warmUp.rsiEma();
            new Ta4jBacktest(series).run(g, range);
            warm.run(g, range);
        }

        List<List<Ta4jBacktest.Fill>> theirs = new ArrayList<>();
        List<List<Trade>> mine = new ArrayList<>();
        Backtester ours = new Backtester(dataset, BacktestConfig.FRICTIONLESS);
        Timing firstRound = Timing.of(() -> genomes.forEach(g -> mine.add(ours.run(g, range).trades())));
        long[] checksum = new long[1];
        Timing.of(() -> passes(ours, genomes, range, OUR_PASSES / 10, checksum));

        double[][] theirRates = new double[2][ROUNDS];
        double[][] ourRates = new double[2][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            boolean record = round == 0;
            Timing ta4j = Timing.of(() -> {
                for (Genome g : genomes) {
                    List<Ta4jBacktest.Fill> fills = new Ta4jBacktest(series).run(g, range);
                    if (record) {
                        theirs.add(fills);
                    }
                }
            });
            Timing mineTiming = Timing.of(() -> passes(ours, genomes, range, OUR_PASSES, checksum));
            theirRates[0][round] = GENOMES / ta4j.cpuSeconds();
            theirRates[1][round] = GENOMES / ta4j.wallSeconds();
            ourRates[0][round] = (double) OUR_PASSES * GENOMES / mineTiming.cpuSeconds();
            ourRates[1][round] = (double) OUR_PASSES * GENOMES / mineTiming.wallSeconds();
        }

        int matched = 0;
        long tradeCount = 0;
        for (int i = 0; i < GENOMES; i++) {
            List<Ta4jBacktest.Fill> fills = new ArrayList<>();
            for (Trade t : mine.get(i)) {
                fills.add(new Ta4jBacktest.Fill(t.entryIndex(), t.entryPrice(), t.exitIndex(), t.exitPrice()));
            }
            tradeCount += fills.size();
            if (fills.equals(theirs.get(i))) {
                matched++;
            }
        }
        double ta4jCpu = median(theirRates[0]);
        double ta4jWall = median(theirRates[1]);
        double oursCpu = median(ourRates[0]);
        double oursWall = median(ourRates[1]);
        System.out.printf(Locale.ROOT, "ta4j 0.17 DoubleNum: %,.1f backtests/s per core (CPU time; wall clock %,.1f/s), "
                + "median of %d rounds of %d genomes%n", ta4jCpu, ta4jWall, ROUNDS, GENOMES);
        System.out.printf(Locale.ROOT, "ours, first round (computes indicators, full trade lists): %,.0f backtests/s%n",
                GENOMES / firstRound.wallSeconds());
        System.out.printf(Locale.ROOT, "ours, metrics, warm cache: %,.0f backtests/s per core (CPU time; wall clock "
                + "%,.0f/s), median of %d rounds of %d passes (checksum %d)%n", oursCpu, oursWall, ROUNDS, OUR_PASSES,
                checksum[0]);
        System.out.printf(Locale.ROOT, "ratio: %,.0fx (CPU time; wall clock %,.0fx; first round %,.0fx)%n",
                oursCpu / ta4jCpu, oursWall / ta4jWall, GENOMES / firstRound.wallSeconds() / ta4jWall);
        System.out.printf(Locale.ROOT, "trade lists matched: %d of %d genomes (%,d trades)%n", matched, GENOMES,
                tradeCount);
        assertEquals(GENOMES, matched, "every trade list must match ta4j's");
    }

    private static void passes(Backtester ours, List<Genome> genomes, Range range, int passes, long[] checksum) {
        for (int pass = 0; pass < passes; pass++) {
            for (Genome g : genomes) {
                checksum[0] += ours.metrics(g, range).trades();
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
