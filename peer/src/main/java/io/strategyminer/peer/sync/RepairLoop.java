package io.strategyminer.peer.sync;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repair gossip's schedule (DESIGN §5): every {@code period} a sync with one random peer, and at once
 * with a given peer on demand (when it joins, after a merge). One sync at a time, on one daemon thread;
 * a failed sync is logged and the next round tries again, so a sleeping or departed peer costs one
 * bounded attempt.
 */
public final class RepairLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepairLoop.class);

    private final SyncClient client;
    private final Supplier<List<InetSocketAddress>> peers;
    private final Random random;
    private final ScheduledExecutorService thread;

    /**
     * @param client the client syncs go through
     * @param peers  the sync addresses of the other current members (JGroups port + 1), asked every round
     * @param random picks the peer of each round
     */
    public RepairLoop(SyncClient client, Supplier<List<InetSocketAddress>> peers, Random random) {
        this.client = client;
        this.peers = peers;
        this.random = random;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "sync-repair");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    /** Starts the periodic rounds, the first after {@code period}. */
    public void start(Duration period) {
        long millis = period.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("repair period must be positive, got " + period);
        }
        thread.scheduleWithFixedDelay(this::syncWithRandomPeer, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Syncs with {@code peer} as soon as the current sync (if any) ends: on join and on merge. */
    public void syncSoon(InetSocketAddress peer) {
        thread.execute(() -> syncWith(peer));
    }

    private void syncWithRandomPeer() {
        List<InetSocketAddress> candidates = peers.get();
        if (!candidates.isEmpty()) {
            syncWith(candidates.get(random.nextInt(candidates.size())));
        }
    }

    private void syncWith(InetSocketAddress peer) {
        try {
            client.sync(peer.getHostString(), peer.getPort());
        } catch (SyncException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the loop is closing: ending the sync in progress is expected
            }
            LOG.warn("repair sync failed, will retry next round: {}", e.getMessage());
        } catch (RuntimeException e) {
            // keep the schedule alive: an unexpected failure of one round must not stop repair for good
            LOG.error("repair sync with {} failed unexpectedly", peer, e);
        }
    }

    /** Stops the rounds; a sync in progress is interrupted at its next bounded wait. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("repair sync thread still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
