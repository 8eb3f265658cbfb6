package io.strategyminer.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A thread-safe compute-once cache bounded in bytes, evicting the least recently used values.
 *
 * <p>Compute-once: when several threads ask for a missing key at the same time, one computes it and
 * the others wait for that result. The computation runs outside any lock, so computing one value may
 * read other keys of this or another cache. Bounded: after an insertion pushes the total weight
 * over the budget, the least recently used finished values are dropped until the total is back to
 * {@value #EVICT_TO_PERCENT} % of it (in one pass, so eviction's sort is paid rarely). A value larger
 * than the whole budget is still returned, and dropped on the next eviction.
 *
 * <p>Eviction never changes a result: a dropped value is recomputed, bit for bit the same, on its
 * next use; a caller that already holds it keeps using it.
 *
 * <p>Why not Caffeine (which the web module uses for its caches): a signal is computed from indicator columns, and an
 * indicator column from other columns of the same cache, so a computation here reads other keys of its own cache
 * while it runs; Caffeine computes a missing value while holding its table's lock, and its mapping function must not
 * touch other entries of the cache. The backtest's hot path also takes no lock on a hit here.
 */
final class BoundedCache<K, V> {
    private static final int EVICT_TO_PERCENT = 80;

    private final long maxBytes;
    private final ToLongFunction<V> weigher;
    private final Map<K, Slot<V>> slots = new ConcurrentHashMap<>();
    /** A logical clock for recency: ticks on every insertion; reads stamp their slot with it. */
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public BoundedCache(long maxBytes, ToLongFunction<V> weigher) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("cache budget must be positive, got " + maxBytes + " bytes");
        }
        this.maxBytes = maxBytes;
        this.weigher = weigher;
    }

    private static final class Slot<V> {
        final FutureTask<V> task;
        volatile long lastUsed;
        volatile long weight;

        Slot(FutureTask<V> task) {
            this.task = task;
        }
    }

    /** The value for {@code key}, computing it with {@code compute} if no thread has yet. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        Slot<V> slot = slots.get(key);
        if (slot == null) {
            Slot<V> fresh = new Slot<>(new FutureTask<>(() -> compute.apply(key)));
            slot = slots.putIfAbsent(key, fresh);
            if (slot == null) {
                slot = fresh;
                fresh.task.run();
                V value;
                try {
                    value = await(fresh);
                } catch (RuntimeException | Error e) {
                    // A failed computation must not poison the key: the next caller tries again.
                    slots.remove(key, fresh);
                    throw e;
                }
                fresh.weight = weigher.applyAsLong(value);
                clock.incrementAndGet();
                if (bytes.addAndGet(fresh.weight) > maxBytes) {
                    evict();
                }
            }
        }
        // Recency in units of insertions: reading the clock and writing the stamp only when it moved
        // keeps the hot path free of contended writes (a shared counter bumped on every read made
        // two threads slower than one).
        long now = clock.get();
        if (slot.lastUsed != now) {
            slot.lastUsed = now;
        }
        return await(slot);
    }

    /** Total weight of the values held now. */
    long bytes() {
        return bytes.get();
    }

    int size() {
        return slots.size();
    }

    private synchronized void evict() {
        if (bytes.get() <= maxBytes) {
            return;
        }
        // Readers keep stamping lastUsed while we sort, so sort a snapshot of the stamps: sorting on
        // live values breaks TimSort's contract ("Comparison method violates its general contract").
        List<EvictionCandidate<K, V>> done = new ArrayList<>();
        for (Map.Entry<K, Slot<V>> e : slots.entrySet()) {
            Slot<V> slot = e.getValue();
            if (slot.task.isDone() && slot.weight > 0) {
                done.add(new EvictionCandidate<>(e.getKey(), slot, slot.lastUsed));
            }
        }
        done.sort(Comparator.comparingLong(EvictionCandidate::lastUsed));
        long target = maxBytes / 100 * EVICT_TO_PERCENT;
        for (EvictionCandidate<K, V> c : done) {
            if (bytes.get() <= target) {
                break;
            }
            if (slots.remove(c.key(), c.slot())) {
                bytes.addAndGet(-c.slot().weight);
            }
        }
    }

    private record EvictionCandidate<K, V>(K key, Slot<V> slot, long lastUsed) {
    }

    private static <V> V await(Slot<V> slot) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return slot.task.get();
                } catch (InterruptedException e) {
                    // Another thread is computing a value we need: finish waiting, then restore the flag.
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
