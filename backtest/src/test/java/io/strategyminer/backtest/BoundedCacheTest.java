package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    @Test
    void concurrentRequestsForOneKeyComputeItOnce() throws Exception {
        BoundedCache<String, long[]> cache = new BoundedCache<>(1 << 20, v -> 8L * v.length);
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get("k", k -> {
                        computations.incrementAndGet();
                        sleep(50);
                        return new long[16];
                    });
                }));
            }
            start.countDown();
            long[] first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<long[]> r : results) {
                assertSame(first, r.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(1, computations.get());
    }

    @Test
    void staysWithinItsBudgetByDroppingTheLeastRecentlyUsed() {
        BoundedCache<Integer, long[]> cache = new BoundedCache<>(1000, v -> 8L * v.length);
        AtomicInteger computations = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            cache.get(i, k -> {
                computations.incrementAndGet();
                return new long[25]; // 200 bytes
            });
            cache.get(0, k -> {
                computations.incrementAndGet();
                return new long[25];
            });
            assertTrue(cache.bytes() <= 1000, "over budget: " + cache.bytes());
        }
        assertEquals(20, computations.get(), "key 0 is used all the time, so it is never dropped");
        assertTrue(cache.size() <= 5);
    }

    /**
     * Readers stamp recency while another thread evicts: eviction must sort a stable snapshot, or
     * TimSort sees its keys change mid-sort and throws "Comparison method violates its general contract".
     */
    @Test
    void evictionWhileOtherThreadsReadNeverFails() throws Exception {
        BoundedCache<Integer, long[]> cache = new BoundedCache<>(100 * 64, v -> 8L * v.length);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int stride = 7 + 2 * t;
                results.add(pool.submit(() -> {
                    int sum = 0;
                    for (int i = 0; i < 200_000; i++) {
                        sum += cache.get((i * stride) % 400, k -> new long[8]).length;
                    }
                    return sum;
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(200_000 * 8, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertTrue(cache.bytes() <= 100 * 64 + threads * 64L, "over budget: " + cache.bytes());
    }

    @Test
    void aFailedComputationIsNotCached() {
        BoundedCache<String, long[]> cache = new BoundedCache<>(1000, v -> 8L * v.length);
        assertThrows(IllegalStateException.class, () -> cache.get("k", k -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(3, cache.get("k", k -> new long[3]).length);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
