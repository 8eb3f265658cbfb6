package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Result digests (DESIGN §3–4): the same on every run and whatever the threads, different when anything differs. */
class DeterminismTest {
    private static final Dataset DATA = SharedData.btc2011();

    private static List<Genome> genomes(int count) {
        RandomGenomes random = new RandomGenomes(7);
        List<Genome> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(random.any());
        }
        return list;
    }

    @Test
    void digestsAreTheSameOnOneThreadAndOnFourSharingOneBacktester() throws Exception {
        List<Genome> genomes = genomes(32);
        List<String> sequential = new ArrayList<>();
        Backtester alone = new Backtester(DATA, BacktestConfig.DEFAULT);
        for (Genome g : genomes) {
            sequential.add(alone.evaluate(g, Split.DEFAULT).digest());
        }
        Backtester shared = new Backtester(DATA, BacktestConfig.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Genome g : genomes) {
                futures.add(pool.submit(() -> shared.evaluate(g, Split.DEFAULT).digest()));
            }
            List<String> parallel = new ArrayList<>();
            for (Future<String> f : futures) {
                parallel.add(f.get(2, TimeUnit.MINUTES));
            }
            assertEquals(sequential, parallel);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
        assertTrue(new HashSet<>(sequential).size() > 16, "random genomes should mostly differ: " + sequential);
    }

    @Test
    void evaluatingTwiceGivesTheSameDigestAndADigestIsSha256Hex() {
        Genome g = genomes(1).get(0);
        Evaluation first = new Backtester(DATA, BacktestConfig.DEFAULT).evaluate(g, Split.DEFAULT);
        Evaluation second = new Backtester(DATA, BacktestConfig.DEFAULT).evaluate(g, Split.DEFAULT);
        assertEquals(first.digest(), second.digest());
        assertTrue(first.digest().matches("[0-9a-f]{64}"), first.digest());
        assertEquals(EngineVersion.CURRENT, first.engineVersion());
        assertEquals(Split.DEFAULT.inSample(DATA.size()), first.inSample().range());
        assertEquals(Split.DEFAULT.outOfSample(DATA.size()), first.outOfSample().range());
    }

    @Test
    void theDigestChangesWithTheSplitTheCostsTheDataAndTheStrategy() {
        List<Genome> two = genomes(2);
        Backtester backtester = new Backtester(DATA, BacktestConfig.DEFAULT);
        String base = backtester.evaluate(two.get(0), Split.DEFAULT).digest();
        assertNotEquals(base, backtester.evaluate(two.get(0), new Split(60)).digest());
        assertNotEquals(base, backtester.evaluate(two.get(1), Split.DEFAULT).digest());
        assertNotEquals(base, backtester.withConfig(new BacktestConfig(0.2, 0.05, 10_000))
                .evaluate(two.get(0), Split.DEFAULT).digest());
        Dataset shorter = Dataset.of("shorter", DATA.symbol(), DATA.timeframeSeconds(),
                DATA.candles().slice(0, DATA.size() - 1));
        assertNotEquals(base, new Backtester(shorter, BacktestConfig.DEFAULT).evaluate(two.get(0), Split.DEFAULT).digest());
    }

    @Test
    void aSmallCacheGivesTheSameResultsAsALargeOne() {
        // 1 MB holds three columns: every genome evicts and recomputes, and must not notice.
        Backtester small = new Backtester(DATA, BacktestConfig.DEFAULT, 1 << 20);
        Backtester large = new Backtester(DATA, BacktestConfig.DEFAULT);
        Range all = new Range(0, DATA.size());
        for (Genome g : genomes(12)) {
            assertEquals(large.metrics(g, all), small.metrics(g, all), g::toString);
        }
    }
}
