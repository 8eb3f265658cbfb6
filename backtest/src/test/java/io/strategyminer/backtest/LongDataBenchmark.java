package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.Dataset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How the cost of a metrics-only backtest grows with candles and with trades: the first 10,000, 100,000 and 500,000
 * candles of a synthetic 1-minute year ({@link SyntheticMinutes}), 200 GA-like random genomes
 * ({@link RandomGenomes#any()}, default costs), each timed alone with a warm cache (the best of 5 repetitions, in the
 * measuring thread's CPU time). Prints, per length, the rate over all genomes and the genomes split at the median
 * trade count into a "few trades" and a "many trades" half: their mean trades, held candles and time per backtest.
 * Run with {@code mvn -Dsm.target=target-bt -pl backtest -am test -Dsm.excludedGroups= -Dtest=LongDataBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; it asserts only that work was done.
 */
@Tag("benchmark")
class LongDataBenchmark {
    private static final int GENOMES = 200;
    private static final int REPETITIONS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Sample(int trades, double heldCandles, double seconds) {
    }

    @Test
    void costGrowsWithTradesNotWithCandles() {
        Dataset year = SyntheticMinutes.year(2023, SyntheticMinutes.CANDLES_PER_YEAR);
        RandomGenomes random = new RandomGenomes(42);
        List<Genome> genomes = new ArrayList<>();
        for (int i = 0; i < GENOMES; i++) {
            genomes.add(random.any());
        }
        System.out.printf(Locale.ROOT, "%9s | %14s | %-42s | %-42s%n", "candles", "all genomes", "few trades (lower half)",
                "many trades (upper half)");
        double total = 0;
        for (int candles : new int[] {10_000, 100_000, 500_000}) {
            Dataset data = Dataset.of(year.name() + "[0," + candles + ")", year.symbol(), year.timeframeSeconds(),
                    year.candles().slice(0, candles));
            Backtester backtester = new Backtester(data, BacktestConfig.DEFAULT);
            Range range = new Range(0, candles);
            List<Sample> samples = new ArrayList<>();
            for (Genome g : genomes) {
                Metrics m = backtester.metrics(g, range);
                double best = Double.MAX_VALUE;
                for (int r = 0; r < REPETITIONS; r++) {
                    long start = THREADS.getCurrentThreadCpuTime();
                    backtester.metrics(g, range);
                    best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - start) / 1e9);
                }
                samples.add(new Sample(m.trades(), m.exposurePct() / 100 * candles, best));
                total += m.netPnl();
            }
            samples.sort(Comparator.comparingInt(Sample::trades));
            double seconds = samples.stream().mapToDouble(Sample::seconds).sum();
            System.out.printf(Locale.ROOT, "%,9d | %,9.0f bt/s | %s | %s%n", candles, GENOMES / seconds,
                    half(samples.subList(0, GENOMES / 2)), half(samples.subList(GENOMES / 2, GENOMES)));
        }
        assertTrue(Double.isFinite(total));
    }

    private static String half(List<Sample> samples) {
        double trades = samples.stream().mapToInt(Sample::trades).average().orElse(0);
        double held = samples.stream().mapToDouble(Sample::heldCandles).average().orElse(0);
        double[] micros = samples.stream().mapToDouble(s -> s.seconds() * 1e6).toArray();
        Arrays.sort(micros);
        double mean = Arrays.stream(micros).average().orElse(0);
        return String.format(Locale.ROOT, "%,7.0f trades %,8.0f held %,8.1f us/bt", trades, held, mean);
    }
}
