package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Genome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Evaluates a list of genomes on N threads and returns the results in list order. Threads take the
 * next unevaluated index from a shared counter (so a slow genome does not hold up a whole share of the
 * list), and write each result into its own slot: whatever the thread count and timing, slot {@code i}
 * holds the result of genome {@code i}, which is all the search reads. That, and drawing every random
 * number on the calling thread, is what makes the result independent of the thread count.
 */
final class PopulationEvaluator implements AutoCloseable {
    private final ExecutorService executor;
    private final int parallelism;
    private final boolean ownsExecutor;

    private PopulationEvaluator(ExecutorService executor, int parallelism, boolean ownsExecutor) {
        this.executor = executor;
        this.parallelism = parallelism;
        this.ownsExecutor = ownsExecutor;
    }

    /** Evaluates on {@code threads} threads of its own (on the caller's thread when 1); close it to stop them. */
    static PopulationEvaluator withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (threads == 1) {
            return new PopulationEvaluator(null, 1, false);
        }
        return new PopulationEvaluator(Executors.newFixedThreadPool(threads, daemonThreads()), threads, true);
    }

    /** Evaluates on a pool someone else owns and closes, with at most {@code parallelism} tasks at once. */
    static PopulationEvaluator on(ExecutorService executor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        return new PopulationEvaluator(executor, parallelism, false);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "miner-eval-" + count.incrementAndGet());
            // Daemon: a forgotten runner must not keep a command-line JVM alive.
            thread.setDaemon(true);
            return thread;
        };
    }

    int parallelism() {
        return parallelism;
    }

    /**
     * {@code evaluation} of every genome, in order. It must be a pure function of the genome, safe to call
     * concurrently.
     *
     * @throws CancellationException when {@code token} was cancelled or the calling thread interrupted
     *                               before every genome was evaluated
     */
    <R> List<R> evaluate(List<Genome> genomes, Function<Genome, R> evaluation, CancellationToken token) {
        Object[] results = new Object[genomes.size()];
        if (executor == null || parallelism == 1 || genomes.size() < 2) {
            for (int i = 0; i < results.length; i++) {
                if (token.isCancelled()) {
                    throw cancelled();
                }
                results[i] = evaluation.apply(genomes.get(i));
            }
            return inOrder(results);
        }
        AtomicInteger nextIndex = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean abort = new AtomicBoolean();
        Runnable worker = () -> {
            while (!abort.get() && !token.isCancelled()) {
                int i = nextIndex.getAndIncrement();
                if (i >= results.length) {
                    return;
                }
                try {
                    results[i] = evaluation.apply(genomes.get(i));
                    done.incrementAndGet();
                } catch (RuntimeException | Error e) {
                    abort.set(true);
                    throw e;
                }
            }
        };
        int tasks = Math.min(parallelism, results.length);
        List<Future<?>> futures = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            futures.add(executor.submit(worker));
        }
        awaitAll(futures, abort);
        // No failure and no interruption: the only way to stop short is the token.
        if (done.get() < results.length) {
            throw cancelled();
        }
        return inOrder(results);
    }

    @SuppressWarnings("unchecked") // every slot holds the R that evaluation returned for it
    private static <R> List<R> inOrder(Object[] results) {
        return (List<R>) List.of(results);
    }

    /** Waits for every task (each stops after its current evaluation once aborted) and rethrows the first failure. */
    private static void awaitAll(List<Future<?>> futures, AtomicBoolean abort) {
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = asUnchecked(e.getCause());
                    }
                    break;
                } catch (InterruptedException e) {
                    // Stop handing out work, but still wait: the tasks write into the caller's array.
                    interrupted = true;
                    abort.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while evaluating genomes");
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException asUnchecked(Throwable cause) {
        if (cause instanceof RuntimeException e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("fitness evaluation failed", cause);
    }

    private static CancellationException cancelled() {
        return new CancellationException("work unit cancelled");
    }

    @Override
    public void close() {
        if (!ownsExecutor) {
            return;
        }
        executor.shutdownNow();
        try {
            // A running backtest is not interruptible; it ends within milliseconds.
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("evaluation threads did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
