package io.strategyminer.miner;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.RiskLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures this machine's backtests per second, the figure a peer announces and {@code peer bench}
 * prints. The workload is what a search's first generation runs: {@link #GENOMES} distinct random
 * genomes from the {@link GenomeSampler} (MEDIUM risk), backtested over a range with metrics only. The
 * engine's caches are warmed first (every genome once, then {@code warmup} of timed-out running), so the
 * figure is the steady state. Wall-clock time is used here for measuring only, never for a decision.
 */
public final class ThroughputProbe {
    /** Distinct genomes cycled through; enough that the figure is not one genome's. */
    public static final int GENOMES = 512;

    private final Backtester backtester;
    private final Range range;
    private final List<Genome> genomes;

    /**
     * @param seed which random genomes; the same seed measures the same workload on every machine
     */
    public ThroughputProbe(Backtester backtester, Range range, long seed) {
        this.backtester = backtester;
        this.range = range;
        this.genomes = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(seed)).sampleDistinct(GENOMES, Set.of());
    }

    /**
     * Backtests per second of the sampled genomes.
     *
     * @param threads  threads backtesting at once
     * @param warmup   untimed running first (after one untimed pass over every genome)
     * @param duration timed running
     */
    public Throughput measure(int threads, Duration warmup, Duration duration) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        for (Genome genome : genomes) {
            backtester.metrics(genome, range);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            run(pool, threads, warmup);
            long start = System.nanoTime();
            long backtests = run(pool, threads, duration);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Throughput(threads, backtests, seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code threads} loops over the genomes until {@code duration} has passed; returns the backtests done. */
    private long run(ExecutorService pool, int threads, Duration duration) {
        CountDownLatch ready = new CountDownLatch(threads);
        long[] deadline = new long[1];
        List<Future<Long>> loops = new ArrayList<>(threads);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int offset = t * GENOMES / threads;
            loops.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                long done = 0;
                for (int i = offset; System.nanoTime() < deadline[0]; i++) {
                    backtester.metrics(genomes.get(i % GENOMES), range);
                    done++;
                }
                return done;
            }));
        }
        try {
            if (!ready.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("benchmark threads did not start within a minute");
            }
            deadline[0] = System.nanoTime() + duration.toNanos();
            go.countDown();
            long total = 0;
            for (Future<Long> loop : loops) {
                total += loop.get();
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("backtest failed during the benchmark: " + e.getCause(), e.getCause());
        }
    }

    /** A measured rate: {@code backtests} done by {@code threads} threads in {@code seconds}. */
    public record Throughput(int threads, long backtests, double seconds) {
        public double perSecond() {
            return backtests / seconds;
        }

        /** Per thread: with no more threads than cores, per core. */
        public double perThread() {
            return perSecond() / threads;
        }
    }
}
