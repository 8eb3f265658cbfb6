package io.strategyminer.consensus;

import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.miner.SearchSpec;

/**
 * The knobs of leasing.
 *
 * <p>A work unit runs on one worker slot. A peer announces its whole throughput
 * ({@code backtestsPerSecond}, all cores together, as {@link PeerAnnounced} documents), so one slot
 * runs {@code backtestsPerSecond / cores} backtests per second and a unit of {@code population ×
 * generations} backtests is expected to take {@code population × generations × cores /
 * backtestsPerSecond} seconds on that peer. A lease's deadline is that expectation times
 * {@link #deadlineFactor}, never less than {@link #deadlineFloorMillis} (a peer that measured itself
 * too fast, or a loaded machine, must not lose its lease for nothing).
 *
 * @param deadlineFactor        how much longer than expected a holder may take, ≥ 1
 * @param deadlineFloorMillis   the shortest lease, ≥ 1 ms
 * @param extraVerifications    verifications allowed beyond {@code quorum - 1} to settle a dispute;
 *                              past this bound the strategy stays disputed and its unit is re-run elsewhere
 * @param speculativePerUnit    speculative duplicates that may run at once per unit at the end of a search
 */
public record LeasePolicy(double deadlineFactor, long deadlineFloorMillis, int extraVerifications,
                          int speculativePerUnit) {

    /** Deadlines 3× the expected run time, at least 30 s; 3 extra verifications; 1 duplicate per unit. */
    public static final LeasePolicy DEFAULT = new LeasePolicy(3.0, 30_000, 3, 1);

    /**
     * The longest a lease is granted for. A holder that needs longer keeps its unit by progress: past its deadline
     * with checkpoints since, it is renewed. A lease running longer than twice this from now was not granted by an
     * honest coordinator (clocks may differ, not by hours) and holds nothing.
     */
    public static final long MAX_LEASE_MILLIS = 6L * 3_600_000;

    /** Throughput assumed for a peer that announced 0 backtests/s (it has not measured itself yet). */
    static final double UNKNOWN_SPEED_BACKTESTS_PER_SECOND = 1.0;

    public LeasePolicy {
        if (!(deadlineFactor >= 1.0) || Double.isInfinite(deadlineFactor)) {
            throw new IllegalArgumentException("deadline factor " + deadlineFactor + " is not a finite number ≥ 1");
        }
        if (deadlineFloorMillis < 1) {
            throw new IllegalArgumentException("deadline floor " + deadlineFloorMillis + " ms is not ≥ 1");
        }
        if (extraVerifications < 0 || speculativePerUnit < 0) {
            throw new IllegalArgumentException("extra verifications and speculative duplicates cannot be negative");
        }
    }

    /**
     * Expected milliseconds for {@code backtests} backtests on one slot of {@code peer}.
     */
    public static long expectedMillis(PeerAnnounced peer, long backtests) {
        double perSlot = Math.max(peer.backtestsPerSecond(), UNKNOWN_SPEED_BACKTESTS_PER_SECOND) / peer.cores();
        return (long) Math.ceil(backtests * 1000.0 / perSlot);
    }

    /** Backtests left in a unit of {@code spec} resumed after {@code generationsDone} generations. */
    public static long remainingBacktests(SearchSpec spec, int generationsDone) {
        return (long) spec.population() * Math.max(0, spec.generations() - generationsDone);
    }

    /** Deadline of a work lease granted at {@code now}: the unit resumes after {@code generationsDone}. */
    public long workDeadline(PeerAnnounced holder, SearchSpec spec, int generationsDone, long now) {
        return deadline(expectedMillis(holder, remainingBacktests(spec, generationsDone)), now);
    }

    /** Deadline of a verification lease granted at {@code now}: one backtest. */
    public long verifyDeadline(PeerAnnounced holder, long now) {
        return deadline(expectedMillis(holder, 1), now);
    }

    /** Most verifications a strategy of a search with {@code quorum} may get. */
    public int maxVerifications(int quorum) {
        return quorum - 1 + extraVerifications;
    }

    private long deadline(long expectedMillis, long now) {
        double allowed = Math.max(deadlineFloorMillis, deadlineFactor * expectedMillis);
        return now + (long) Math.min(allowed, MAX_LEASE_MILLIS);
    }

    /**
     * Whether {@code lease} can be one an honest coordinator granted, as seen in {@code view} at {@code now}: its
     * epoch is not from a view later than this one, and its deadline is not further away than any lease is
     * granted for. A member holding the cluster secret can sign any lease; one that fails this is ignored, so a
     * forged lease of epoch and deadline {@code Long.MAX_VALUE} can neither hold a unit nor outrank the real ones.
     */
    public static boolean plausible(LeaseGranted lease, MembershipView view, long now) {
        return lease.epoch() <= view.id() && lease.deadlineMillis() - now <= 2 * MAX_LEASE_MILLIS;
    }
}
