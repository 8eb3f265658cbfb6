package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.RiskLevel;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Where the evaluations run (the caller's thread or the pool's), that the results come back in list order, and
 * what happens when an evaluation fails or the caller is interrupted: the rest of the list is not evaluated, and
 * the failure or the cancellation reaches the caller.
 */
class PopulationEvaluatorTest {
    private static final List<Genome> GENOMES = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(8))
            .sampleDistinct(1_000, Set.of());
    private static final Map<Genome, Integer> INDEX = index(GENOMES);

    private static Map<Genome, Integer> index(List<Genome> genomes) {
        Map<Genome, Integer> index = new HashMap<>();
        for (int i = 0; i < genomes.size(); i++) {
            index.put(genomes.get(i), i);
        }
        return index;
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        assertEquals("threads must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> PopulationEvaluator.withThreads(0)).getMessage());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertEquals("parallelism must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                    () -> PopulationEvaluator.on(pool, 0)).getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneThreadEvaluatesOnTheCallersThread() {
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(1)) {
            assertEquals(1, evaluator.parallelism());
            assertEquals(Set.of(Thread.currentThread().getName()), threadsUsed(evaluator, GENOMES.subList(0, 50)));
        }
    }

    @Test
    void severalThreadsEvaluateOnTheirOwnDaemonThreadsInListOrder() {
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(2)) {
            assertEquals(2, evaluator.parallelism());
            Set<Boolean> daemon = ConcurrentHashMap.newKeySet();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Integer> results = evaluator.evaluate(GENOMES, genome -> {
                daemon.add(Thread.currentThread().isDaemon());
                threads.add(Thread.currentThread().getName());
                return INDEX.get(genome);
            }, CancellationToken.none());
            for (int i = 0; i < GENOMES.size(); i++) {
                assertEquals(i, results.get(i));
            }
            assertEquals(Set.of(true), daemon, "evaluation threads must not keep the JVM alive");
            assertTrue(threads.stream().allMatch(name -> name.startsWith("miner-eval-")), threads.toString());
        }
    }

    @Test
    void twoGenomesAreSharedOutButOneIsEvaluatedOnTheCallersThread() {
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(2)) {
            assertFalse(threadsUsed(evaluator, GENOMES.subList(0, 2)).contains(Thread.currentThread().getName()));
            assertEquals(Set.of(Thread.currentThread().getName()), threadsUsed(evaluator, GENOMES.subList(0, 1)));
            assertEquals(List.of(), evaluator.evaluate(List.of(), INDEX::get, CancellationToken.none()));
        }
    }

    @Test
    void aBorrowedPoolGetsAtMostTheGivenNumberOfTasksAndStaysOpen() {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger submitted = new AtomicInteger();
        ExecutorService counting = new AbstractExecutorService() {
            @Override
            public void execute(Runnable task) {
                submitted.incrementAndGet();
                pool.execute(task);
            }

            @Override
            public void shutdown() {
                pool.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return pool.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return pool.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return pool.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return pool.awaitTermination(timeout, unit);
            }
        };
        try {
            try (PopulationEvaluator evaluator = PopulationEvaluator.on(counting, 2)) {
                assertEquals(2, evaluator.parallelism());
                Set<String> threads = threadsUsed(evaluator, GENOMES);
                assertEquals(2, submitted.get(), "tasks handed to the pool");
                assertTrue(threads.size() <= 2 && !threads.contains(Thread.currentThread().getName()),
                        threads.toString());
            }
            assertFalse(pool.isShutdown(), "closing the evaluator must leave a borrowed pool to its owner");
            submitted.set(0);
            try (PopulationEvaluator wide = PopulationEvaluator.on(counting, 8)) {
                threadsUsed(wide, GENOMES.subList(0, 3));
                assertEquals(3, submitted.get(), "no more tasks than genomes");
            }
            submitted.set(0);
            try (PopulationEvaluator single = PopulationEvaluator.on(counting, 1)) {
                assertEquals(1, single.parallelism());
                assertEquals(Set.of(Thread.currentThread().getName()), threadsUsed(single, GENOMES.subList(0, 10)));
                assertEquals(0, submitted.get(), "a parallelism of 1 evaluates on the caller's thread");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingEvaluationStopsTheOthersAndReachesTheCaller() {
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(2)) {
            AtomicInteger evaluated = new AtomicInteger();
            CountDownLatch firstStarted = new CountDownLatch(1);
            IllegalStateException failure = new IllegalStateException("backtest failed");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> evaluator.evaluate(GENOMES, genome -> {
                        if (INDEX.get(genome) == 0) {
                            firstStarted.countDown();
                            throw failure;
                        }
                        await(firstStarted);
                        return evaluated.incrementAndGet();
                    }, CancellationToken.none()));
            assertSame(failure, thrown);
            assertTrue(evaluated.get() < 100, evaluated.get() + " genomes evaluated after the failure");
        }
    }

    @Test
    void anErrorInAnEvaluationReachesTheCallerUnwrapped() {
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(2)) {
            AssertionError error = new AssertionError("broken invariant");
            assertSame(error, assertThrows(AssertionError.class, () -> evaluator.evaluate(GENOMES.subList(0, 4),
                    genome -> {
                        throw error;
                    }, CancellationToken.none())));
        }
    }

    @Test
    void aCheckedExceptionSmuggledOutOfAnEvaluationIsWrapped() {
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(2)) {
            IOException io = new IOException("disk gone");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> evaluator.evaluate(GENOMES.subList(0, 4), genome -> sneakyThrow(io),
                            CancellationToken.none()));
            assertEquals("fitness evaluation failed", e.getMessage());
            assertSame(io, e.getCause());
        }
    }

    @Test
    void anInterruptedCallerStopsTheEvaluationsAndKeepsItsInterruptFlag() {
        Thread caller = Thread.currentThread();
        AtomicBoolean interrupting = new AtomicBoolean();
        CountDownLatch interruptSeen = new CountDownLatch(1);
        AtomicInteger evaluated = new AtomicInteger();
        try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(2)) {
            threadsUsed(evaluator, GENOMES.subList(0, 4)); // warm up: no class loading while interrupted
            // The first evaluation interrupts the caller (waiting for the results) and holds every evaluation back
            // until the caller has taken the interrupt.
            CancellationException e = assertThrows(CancellationException.class,
                    () -> evaluator.evaluate(GENOMES, genome -> {
                        if (interrupting.compareAndSet(false, true)) {
                            caller.interrupt();
                            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                            while (caller.isInterrupted() && System.nanoTime() < deadline) {
                                Thread.onSpinWait();
                            }
                            interruptSeen.countDown();
                        }
                        await(interruptSeen);
                        return evaluated.incrementAndGet();
                    }, CancellationToken.none()));
            assertEquals("interrupted while evaluating genomes", e.getMessage());
            assertTrue(Thread.interrupted(), "the caller's interrupt flag is restored");
        } finally {
            Thread.interrupted();
        }
        assertTrue(evaluated.get() < 100, evaluated.get() + " genomes evaluated after the interruption");
    }

    @Test
    void closingWhileInterruptedKeepsTheInterruptFlag() throws InterruptedException {
        PopulationEvaluator evaluator = PopulationEvaluator.withThreads(2);
        CountDownLatch started = new CountDownLatch(2);
        AtomicBoolean release = new AtomicBoolean();
        // Two evaluations that ignore interrupts (as a running backtest does) keep the pool from terminating.
        Thread evaluating = new Thread(() -> evaluator.evaluate(GENOMES.subList(0, 2), genome -> {
            started.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!release.get() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return 0;
        }, CancellationToken.none()));
        evaluating.start();
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.currentThread().interrupt();
            evaluator.close();
            assertTrue(Thread.interrupted(), "close() must not swallow the caller's interrupt");
        } finally {
            Thread.interrupted();
            release.set(true);
            evaluating.join(10_000);
        }
    }

    @Test
    void aCancelledTokenStopsBeforeTheFirstGenomeOnEitherPath() {
        CancellationToken cancelled = CancellationToken.none();
        cancelled.cancel();
        for (int threads : new int[] {1, 2}) {
            try (PopulationEvaluator evaluator = PopulationEvaluator.withThreads(threads)) {
                AtomicInteger evaluated = new AtomicInteger();
                assertThrows(CancellationException.class, () -> evaluator.evaluate(GENOMES,
                        genome -> evaluated.incrementAndGet(), cancelled));
                assertEquals(0, evaluated.get(), threads + " thread(s)");
            }
        }
    }

    private static Set<String> threadsUsed(PopulationEvaluator evaluator, List<Genome> genomes) {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Function<Genome, Integer> evaluation = genome -> {
            threads.add(Thread.currentThread().getName());
            return INDEX.get(genome);
        };
        List<Integer> results = evaluator.evaluate(genomes, evaluation, CancellationToken.none());
        assertEquals(genomes.stream().map(INDEX::get).toList(), results);
        return threads;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> Integer sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
