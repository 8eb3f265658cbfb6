package io.strategyminer.consensus;

import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.state.LeaseEpochs;
import io.strategyminer.miner.SearchSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The knobs of leasing.
 *
 * <p>A work unit runs on one worker slot. A peer announces its whole capacity measured on the work it runs
 * ({@link PeerAnnounced#candleStepsPerSecond()}: backtests × candles per second, all slots together), so one slot
 * runs {@code candleStepsPerSecond / cores} and a unit of {@code population × generations} backtests over a
 * backtested range of {@code candles} candles is expected to take {@code population × generations × candles × cores
 * / candleStepsPerSecond} seconds on that peer. A lease's deadline is that expectation times
 * {@link #deadlineFactor}, never less than {@link #deadlineFloorMillis} (a peer that measured itself too fast, or a
 * loaded machine, must not lose its lease for nothing), never more than {@link #MAX_LEASE_MILLIS}.
 *
 * <p>The figure is self-declared, so it is bounded before it sizes anything: a holder's slot speed counts as at
 * least {@code 1 / }{@link #SPEED_SPREAD} and at most {@link #SPEED_SPREAD} × the view's median slot speed
 * ({@link #viewSlotSpeed}). A member announcing itself absurdly slow gets at most the deadline of a slot ten times
 * slower than the cluster's typical one (not hours); one announcing itself absurdly fast gets short deadlines, which
 * only cost itself its leases unless it checkpoints (then it is renewed). Nothing else reads the figure: work
 * is pulled by the peers' slots (and their queues), so the share of work never depends on it.
 *
 * @param deadlineFactor        how much longer than expected a holder may take, ≥ 1
 * @param deadlineFloorMillis   the shortest lease, ≥ 1 ms
 * @param extraVerifications    verifications allowed beyond {@code quorum - 1} to settle a dispute;
 *                              past this bound the strategy stays disputed and its unit is re-run elsewhere
 * @param speculativePerUnit    speculative duplicates that may run at once per unit at the end of a search
 * @param queuedLeases          leases a peer may hold beyond its announced cores, waiting for a slot of its own to
 *                              free, while the searches have work left for every member of the view: the next lease
 *                              is at hand when a run ends, instead of one round trip (request, lease, gossip) later,
 *                              which on short units or a loaded network would idle every peer but the coordinator
 *                              (which serves itself at once) and skew the work away from capacity
 */
public record LeasePolicy(double deadlineFactor, long deadlineFloorMillis, int extraVerifications,
                          int speculativePerUnit, int queuedLeases) {

    /** Deadlines 3× the expected run time, at least 30 s; 3 extra verifications; 1 copy per unit; 1 queued lease. */
    public static final LeasePolicy DEFAULT = new LeasePolicy(3.0, 30_000, 3, 1, 1);

    /**
     * The longest a lease is granted for. A holder that needs longer keeps its unit by progress: past its deadline
     * with checkpoints since, it is renewed. A lease running longer than twice this from now was not granted by an
     * honest coordinator (clocks may differ, not by hours) and holds nothing.
     */
    public static final long MAX_LEASE_MILLIS = 6L * 3_600_000;

    /** Throughput assumed for a peer that announced 0 (it has not measured itself yet): 1 backtest of 1,000 candles/s. */
    static final double UNKNOWN_SPEED_BACKTESTS_PER_SECOND = 1.0;

    /** A holder's slot speed counts within this factor of the view's median slot speed, either way. */
    public static final double SPEED_SPREAD = 10.0;

    public LeasePolicy {
        if (!(deadlineFactor >= 1.0) || Double.isInfinite(deadlineFactor)) {
            throw new IllegalArgumentException("deadline factor " + deadlineFactor + " is not a finite number ≥ 1");
        }
        if (deadlineFloorMillis < 1) {
            throw new IllegalArgumentException("deadline floor " + deadlineFloorMillis + " ms is not ≥ 1");
        }
        if (extraVerifications < 0 || speculativePerUnit < 0 || queuedLeases < 0) {
            throw new IllegalArgumentException(
                    "extra verifications, speculative duplicates and queued leases cannot be negative");
        }
    }

    /**
     * Expected milliseconds for {@code backtests} backtests of {@link PeerAnnounced#REFERENCE_CANDLES} candles on one
     * slot of {@code peer}, its announcement taken as it is.
     */
    public static long expectedMillis(PeerAnnounced peer, long backtests) {
        return expectedMillis(peer, backtests, PeerAnnounced.REFERENCE_CANDLES, Double.NaN);
    }

    /**
     * Expected milliseconds for {@code backtests} backtests of {@code candles} candles each on one slot of
     * {@code peer}, its slot speed bounded by the view's median slot speed {@code viewSlotSpeed} (NaN: unbounded).
     */
    public static long expectedMillis(PeerAnnounced peer, long backtests, long candles, double viewSlotSpeed) {
        double candleSteps = (double) backtests * Math.max(1, candles);
        return (long) Math.ceil(Math.min(candleSteps * 1000.0 / boundedSlotSpeed(peer, viewSlotSpeed), 1e18));
    }

    /** One slot's announced speed, candle-steps per second (a peer that announced 0 counts as very slow). */
    public static double slotSpeed(PeerAnnounced peer) {
        return Math.max(peer.backtestsPerSecond(), UNKNOWN_SPEED_BACKTESTS_PER_SECOND)
                * PeerAnnounced.REFERENCE_CANDLES / peer.cores();
    }

    /** {@link #slotSpeed}, within {@link #SPEED_SPREAD} of {@code viewSlotSpeed} either way (NaN: unbounded). */
    public static double boundedSlotSpeed(PeerAnnounced peer, double viewSlotSpeed) {
        double own = slotSpeed(peer);
        if (!(viewSlotSpeed > 0) || Double.isInfinite(viewSlotSpeed)) {
            return own;
        }
        return Math.min(Math.max(own, viewSlotSpeed / SPEED_SPREAD), viewSlotSpeed * SPEED_SPREAD);
    }

    /**
     * The median slot speed of {@code peers} (the lower median for an even count), NaN for none: what a typical slot
     * of the view runs. Members below half the view cannot move it outside the others' figures (in a view of two it
     * is the slower one's figure).
     */
    public static double viewSlotSpeed(Iterable<PeerAnnounced> peers) {
        List<Double> speeds = new ArrayList<>();
        peers.forEach(p -> speeds.add(slotSpeed(p)));
        if (speeds.isEmpty()) {
            return Double.NaN;
        }
        speeds.sort(null);
        return speeds.get((speeds.size() - 1) / 2);
    }

    /** Backtests left in a unit of {@code spec} resumed after {@code generationsDone} generations. */
    public static long remainingBacktests(SearchSpec spec, int generationsDone) {
        return (long) spec.population() * Math.max(0, spec.generations() - generationsDone);
    }

    /**
     * Deadline of a work lease granted at {@code now}: the unit resumes after {@code generationsDone}; backtests of
     * {@link PeerAnnounced#REFERENCE_CANDLES} candles, the announcement unbounded.
     */
    public long workDeadline(PeerAnnounced holder, SearchSpec spec, int generationsDone, long now) {
        return workDeadline(holder, Double.NaN, PeerAnnounced.REFERENCE_CANDLES, spec, generationsDone, now);
    }

    /**
     * Deadline of a work lease granted at {@code now} for a unit whose backtests run over {@code candles} candles
     * (its in-sample range), the holder's speed bounded by the view's median slot speed {@code viewSlotSpeed}.
     */
    public long workDeadline(PeerAnnounced holder, double viewSlotSpeed, long candles, SearchSpec spec,
                             int generationsDone, long now) {
        return deadline(expectedMillis(holder, remainingBacktests(spec, generationsDone), candles, viewSlotSpeed), now);
    }

    /** Deadline of a verification lease granted at {@code now}: one backtest. */
    public long verifyDeadline(PeerAnnounced holder, long now) {
        return verifyDeadline(holder, Double.NaN, PeerAnnounced.REFERENCE_CANDLES, now);
    }

    /** Deadline of a verification lease granted at {@code now}: one backtest over {@code candles} candles. */
    public long verifyDeadline(PeerAnnounced holder, double viewSlotSpeed, long candles, long now) {
        return deadline(expectedMillis(holder, 1, candles, viewSlotSpeed), now);
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
     * Whether {@code lease} can be one an honest coordinator granted, as seen at {@code now} by a ledger with these
     * {@code epochs}: its epoch is plausible (no gap below it, see {@link LeaseEpochs}), and its deadline is not
     * further away than any lease is granted for. A member holding the cluster secret can sign any lease; one that
     * fails this is ignored, so a forged lease of epoch and deadline {@code Long.MAX_VALUE} can neither hold a unit
     * nor outrank the real ones.
     */
    public static boolean plausible(LeaseGranted lease, LeaseEpochs epochs, long now) {
        return epochs.plausible(lease.epoch()) && lease.deadlineMillis() - now <= 2 * MAX_LEASE_MILLIS;
    }
}
