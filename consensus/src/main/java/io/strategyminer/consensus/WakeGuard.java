package io.strategyminer.consensus;

import java.time.Duration;

/**
 * Tells a peer that was suspended (a laptop lid closed, a SIGSTOP) to stop its units and take no work until it has
 * rejoined the others. Asleep longer than the failure detector's silence timeout, it was excluded from the view and
 * its leases were re-issued; but on waking it still holds its old view and a ledger without the re-issues, so by its
 * own knowledge its leases are valid, and it would go on computing and publishing checkpoints nobody resumes from
 * until the partition check merges it back.
 *
 * <p>Part of the {@link PeerDriver}, so the peer and the simulator apply the same rule. A pure decision over
 * injected monotonic times: a gap between two consensus ticks longer than the silence timeout
 * is a wake-up; from then on the peer takes no work until the next view change (the merge that brings it back, and
 * with it a repair sync) or, if none comes because nobody noticed the nap, until two of the slowest partition checks
 * have passed.
 */
public final class WakeGuard {
    private final long napNanos;
    private final long patienceNanos;
    private long lastTick = Long.MIN_VALUE;
    private long woke = Long.MIN_VALUE;

    /**
     * @param nap      the membership's silence timeout: a longer gap between ticks means the others dropped this peer
     * @param patience how long to wait for the view change that brings the peer back (the peer uses four of the
     *                 slowest partition checks)
     */
    public WakeGuard(Duration nap, Duration patience) {
        this.napNanos = nap.toNanos();
        this.patienceNanos = patience.toNanos();
    }

    /**
     * A consensus tick at {@code nanos} (monotonic); true if it ends a nap: the caller stops its units now.
     */
    public synchronized boolean tick(long nanos) {
        boolean napped = napSeen(nanos) || woke != Long.MIN_VALUE && lastTick < woke;
        lastTick = nanos;
        return napped;
    }

    /** A view change: whatever a nap missed, the peer is among the others again (and a repair sync follows). */
    public synchronized void viewChanged() {
        woke = Long.MIN_VALUE;
    }

    /**
     * Whether the peer is still catching up after a nap, at {@code nanos}: it takes no work yet. Asked from any
     * thread: a worker slot that wakes before the consensus tick sees the nap here first and publishes nothing.
     */
    public synchronized boolean catchingUp(long nanos) {
        napSeen(nanos);
        if (woke != Long.MIN_VALUE && nanos - woke > patienceNanos) {
            woke = Long.MIN_VALUE; // nobody noticed the nap: no merge will come
        }
        return woke != Long.MIN_VALUE;
    }

    /** Records a wake-up at {@code nanos} if the last tick is older than a nap; whether it did. */
    private boolean napSeen(long nanos) {
        if (lastTick != Long.MIN_VALUE && nanos - lastTick > napNanos && woke <= lastTick) { // not seen yet
            woke = nanos;
            return true;
        }
        return false;
    }
}
