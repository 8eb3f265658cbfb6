package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Backtests per second of {@link Backtester#metrics} on the 39,017-candle 2011 file for GA-like
 * random genomes (see {@link RandomGenomes#any()}), on 1 and 2 threads. Run with
 * {@code mvn -Dsm.target=target-bt -pl backtest -am test -Dsm.excludedGroups= -Dtest=ThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. It prints figures and asserts only that work was done.
 */
@Tag("benchmark")
class ThroughputBenchmark {
    private static final int POPULATION = 400;
    private static final int ROUNDS = 60;

    @Test
    void backtestsPerSecond() throws Exception {
        Dataset dataset = SharedData.btc2011();
        Range range = new Range(0, dataset.size());
        List<Genome> genomes = new ArrayList<>();
        RandomGenomes random = new RandomGenomes(42);
        for (int i = 0; i < POPULATION; i++) {
            genomes.add(random.any());
        }
        Backtester backtester = new Backtester(dataset, BacktestConfig.DEFAULT);

        long cold = System.nanoTime();
        double checksum = sweep(backtester, genomes, range, 0, 1);
        double coldSeconds = (System.nanoTime() - cold) / 1e9;
        System.out.printf(Locale.ROOT, "first pass (computes %d genomes' indicators and signals): %.2f s%n",
                POPULATION, coldSeconds);

        for (int threads : new int[] {1, 2, 1, 2}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                long start = System.nanoTime();
                List<Future<Double>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t;
                    parts.add(pool.submit(() -> {
                        double sum = 0;
                        for (int r = 0; r < ROUNDS; r++) {
                            sum += sweep(backtester, genomes, range, offset, threads);
                        }
                        return sum;
                    }));
                }
                for (Future<Double> part : parts) {
                    checksum += part.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double perSecond = (double) ROUNDS * POPULATION / seconds;
                System.out.printf(Locale.ROOT, "%d thread(s): %,.0f backtests/s (%,.0f per thread), %d candles%n",
                        threads, perSecond, perSecond / threads, dataset.size());
            } finally {
                pool.shutdown();
                assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
            }
        }
        assertTrue(Double.isFinite(checksum));
    }

    private static double sweep(Backtester backtester, List<Genome> genomes, Range range, int offset, int stride) {
        double sum = 0;
        for (int i = offset; i < genomes.size(); i += stride) {
            sum += backtester.metrics(genomes.get(i), range).netPnl();
        }
        return sum;
    }
}
