package io.strategyminer.consensus.sim;

import java.util.List;

/**
 * What a simulation run did and measured.
 *
 * @param config              the run
 * @param traceHash           SHA-256 over every appended event (time, peer, event hash) and view installation:
 *                            equal for a replay of the same seed
 * @param finished            every search done and every live peer converged before the time limit
 * @param makespanMillis      simulated time from the first submission until a peer saw every search done
 *                            (measured at 1 s ticks)
 * @param idealMillis         total work / total capacity: the makespan of a perfect split with no overhead
 * @param leasesGranted       leases appended by coordinators
 * @param coordinatorNanos    wall time spent deciding and appending those leases (signatures included)
 * @param appendedEvents      events appended by all peers
 * @param simEvents           discrete events processed
 * @param messages            messages sent by all peers
 * @param wallNanos           wall time of the run
 * @param shares              each peer's share of work against its share of capacity
 * @param coverage            how often the run took the peer driver's rarer paths
 * @param ledgerCopies        ledger copies the peers kept (one per peer, or one per group and faulty peer)
 * @param violations          broken invariants, empty when all held
 */
public record SimResult(SimConfig config, String traceHash, boolean finished, long makespanMillis, long idealMillis,
                        long leasesGranted, long coordinatorNanos, long appendedEvents, long simEvents,
                        long messages, long wallNanos, List<Share> shares, Coverage coverage, int ledgerCopies,
                        List<String> violations) {

    public SimResult {
        shares = List.copyOf(shares);
        violations = List.copyOf(violations);
    }

    /**
     * @param peer          the peer's index
     * @param capacityShare its announced backtests/s over the total
     * @param workShare     the backtests it executed over all executed backtests (what the ±10 % check uses)
     * @param reportShare   its work reports over all work reports (units it finished first, or at all)
     */
    public record Share(int peer, double capacityShare, double workShare, double reportShare) {
    }

    /**
     * How often a run took the paths of the {@link io.strategyminer.consensus.PeerDriver} that calm runs rarely
     * reach, summed over all peers.
     *
     * @param naps                    wake-ups after a nap longer than the silence timeout (units stopped, no work
     *                                until the next view)
     * @param cancelled               runs stopped because their lease was no longer the peer's (or the peer stopped
     *                                taking work)
     * @param dropped                 results not appended because the unit was finished or the strategy decided
     * @param speculativeLeases       speculative copies granted at the end of searches
     * @param unitsWithSeveralReports units with more than one reported strategy (two candidates), at the end
     */
    public record Coverage(long naps, long cancelled, long dropped, long speculativeLeases,
                           int unitsWithSeveralReports) {
    }

    /** Leases decided and appended per second of coordinator wall time. */
    public double leasesPerSecond() {
        return coordinatorNanos == 0 ? 0 : leasesGranted * 1e9 / coordinatorNanos;
    }

    public double simEventsPerSecond() {
        return simEvents * 1e9 / Math.max(1, wallNanos);
    }

    public double messagesPerPeer() {
        return (double) messages / config.peers();
    }

    public double makespanOverIdeal() {
        return (double) makespanMillis / Math.max(1, idealMillis);
    }

    /** One line for logs and the large-mode table. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "seed=%d peers=%d copies=%d units=%d finished=%s makespan=%.1fs ideal=%.1fs ratio=%.2f leases=%d "
                        + "leases/s=%.0f events=%d sim-events/s=%.0f msgs/peer=%.0f wall=%.1fs naps=%d cancelled=%d dropped=%d "
                        + "speculative=%d multi-report-units=%d trace=%s violations=%d",
                config.seed(), config.peers(), ledgerCopies, config.totalUnits(), finished, makespanMillis / 1000.0,
                idealMillis / 1000.0, makespanOverIdeal(), leasesGranted, leasesPerSecond(), appendedEvents,
                simEventsPerSecond(), messagesPerPeer(), wallNanos / 1e9, coverage.naps(), coverage.cancelled(),
                coverage.dropped(), coverage.speculativeLeases(), coverage.unitsWithSeveralReports(),
                traceHash.substring(0, 16),
                violations.size());
    }
}
