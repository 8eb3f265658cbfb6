package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.data.Dataset;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Work-unit speed on the 39,017-candle 2011 file, 2 threads (DESIGN §10: 40 × 25 in under a second).
 * Not run by default: {@code mvn -Dsm.target=target-miner -pl miner -am test -Dsm.excludedGroups=
 * -Dtest=WorkUnitBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Prints, never asserts on time.
 * "Cold" is the first unit on a fresh backtester (indicator columns and signals computed on first use,
 * JIT still warming); "steady" is the mean of the last {@value #STEADY_RUNS} of {@value #RUNS} units with other
 * seeds on the same backtester, as a peer that keeps mining one dataset runs them.
 */
@Tag("benchmark")
class WorkUnitBenchmark {
    private static final int THREADS = 2;
    private static final int RUNS = 10;
    private static final int STEADY_RUNS = 5;

    @Test
    void workUnitsOnThe2011File() {
        Dataset btc = TestData.btc2011();
        for (int[] size : new int[][] {{40, 25}, {200, 50}}) {
            Backtester backtester = new Backtester(btc, BacktestConfig.DEFAULT);
            resetPeaks();
            measure(backtester, size[0], size[1], 1, "cold");
            double seconds = 0;
            long backtests = 0;
            for (int run = 1; run < RUNS; run++) {
                Result r = measure(backtester, size[0], size[1], 100 + run, null);
                if (run >= RUNS - STEADY_RUNS) {
                    seconds += r.seconds;
                    backtests += r.backtests;
                }
            }
            System.out.printf(Locale.ROOT, "%d x %d steady (mean of the last %d of %d units): %.3f s, %.1f generations/s,"
                            + " %,.0f backtests/s; peak heap %d MB%n", size[0], size[1], STEADY_RUNS, RUNS,
                    seconds / STEADY_RUNS, size[1] * STEADY_RUNS / seconds, backtests / seconds, peakHeapBytes() >> 20);
        }
    }

    private record Result(double seconds, long backtests) {
    }

    private static Result measure(Backtester backtester, int population, int generations, long seed, String label) {
        WorkUnitSpec spec = WorkUnitSpec.builder(backtester.dataset().id(), seed).population(population)
                .generations(generations).build();
        long start = System.nanoTime();
        StrategyReport report;
        try (WorkUnitRunner runner = new WorkUnitRunner(THREADS)) {
            report = runner.run(spec, backtester, Optional.empty(), ProgressListener.NONE, CheckpointSink.NONE,
                    CancellationToken.none());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(generations, report.generations());
        if (label != null) {
            System.out.printf(Locale.ROOT, "%d x %d %s: %.3f s, %.1f generations/s, %,d backtests (%,.0f/s),"
                            + " best %s %s%n", population, generations, label, seconds, generations / seconds,
                    report.backtests(), report.backtests() / seconds, spec.objective().id(), report.best().fitness());
        }
        return new Result(seconds, report.backtests());
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the live heap at any moment. */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
