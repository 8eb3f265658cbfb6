package io.strategyminer.consensus.sim;

import io.strategyminer.consensus.LeasePolicy;
import java.util.Objects;

/**
 * One simulation run. All times are simulated milliseconds.
 *
 * @param seed              everything random derives from it
 * @param peers             simulated peers (every fourth shares the machine of the previous one)
 * @param searches          searches submitted (a few seconds apart, by different peers)
 * @param unitsPerSearch    work units of each search
 * @param quorum            quorum of each search
 * @param population        GA population (backtests per generation)
 * @param generations       GA generations of a unit
 * @param checkpointEvery   a running unit checkpoints every this many generations
 * @param crashes           peers killed (and restarted later) during the fault window
 * @param sleeps            peers put to sleep (and woken later) during the fault window
 * @param partitions        network partitions into two sides (healed later) during the fault window
 * @param dishonest         whether peer 1 reports wrong digests in its reports and verifications
 * @param loss              probability a message is lost
 * @param duplication       probability a message is delivered twice
 * @param minLatencyMillis  shortest delivery delay
 * @param maxLatencyMillis  longest delivery delay (different delays reorder messages)
 * @param checkFairness     whether to check each peer's share of work against its share of capacity (±10 %)
 * @param maxSimMillis      a run that has not finished by then fails
 * @param replicaGroups     0: every peer has its own ledger copy; k: the peers no fault hits share k copies, one per
 *                          group (see {@link SimReplica}); what makes a thousand peers fit in one process
 * @param policy            the coordinator's lease policy ({@link #POLICY}: production's, with a 5 s deadline floor)
 */
public record SimConfig(long seed, int peers, int searches, int unitsPerSearch, int quorum, int population,
                        int generations, int checkpointEvery, int crashes, int sleeps, int partitions,
                        boolean dishonest, double loss, double duplication, long minLatencyMillis,
                        long maxLatencyMillis, boolean checkFairness, long maxSimMillis, int replicaGroups,
                        LeasePolicy policy) {

    /**
     * {@link LeasePolicy#DEFAULT} but for the deadline floor: 5 s instead of 30 s. It binds only for verifications
     * (one backtest), so a lost one is granted again after 5 simulated seconds.
     */
    public static final LeasePolicy POLICY = new LeasePolicy(LeasePolicy.DEFAULT.deadlineFactor(), 5_000,
            LeasePolicy.DEFAULT.extraVerifications(), LeasePolicy.DEFAULT.speculativePerUnit(),
            LeasePolicy.DEFAULT.queuedLeases());

    public SimConfig {
        Objects.requireNonNull(policy, "policy");
        if (peers < 2 || searches < 1 || unitsPerSearch < 1 || quorum < 1 || quorum > peers) {
            throw new IllegalArgumentException("need ≥ 2 peers, ≥ 1 search and unit, 1 ≤ quorum ≤ peers");
        }
        if (crashes + sleeps > peers / 2) {
            throw new IllegalArgumentException("at most half the peers may crash or sleep");
        }
        if (minLatencyMillis < 1 || maxLatencyMillis < minLatencyMillis || loss < 0 || loss >= 1 || duplication < 0
                || duplication >= 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("bad network or checkpoint settings");
        }
        if (replicaGroups < 0) {
            throw new IllegalArgumentException("replica groups must be ≥ 0");
        }
    }

    /** A stormy run: crashes, sleeps, a partition, a dishonest peer, lossy reordering network. */
    public static SimConfig stormy(long seed, int peers, int searches, int unitsPerSearch) {
        return new SimConfig(seed, peers, searches, unitsPerSearch, 2, 20, 10, 4, Math.max(1, peers / 8),
                Math.max(1, peers / 8), 1, true, 0.03, 0.02, 2, 40, false, 3_600_000, 0, POLICY);
    }

    /**
     * A calm run: no faults, 1 % loss and duplication. Work shares are checked (±10 %) when the run is
     * long enough to measure them: at least {@value #UNITS_PER_PEER_FOR_FAIRNESS} units per peer,
     * about 17 per worker slot (peers have 2.3 cores on average). With fewer, one unit more or less
     * for a slot is already more than 10 % of its work.
     */
    public static SimConfig calm(long seed, int peers, int searches, int unitsPerSearch) {
        boolean measurable = (long) searches * unitsPerSearch >= (long) UNITS_PER_PEER_FOR_FAIRNESS * peers;
        return new SimConfig(seed, peers, searches, unitsPerSearch, 2, 20, 10, 4, 0, 0, 0, false, 0.01, 0.01, 2, 40,
                measurable, 3_600_000, 0, POLICY);
    }

    /** This run with the peers no fault hits sharing {@code groups} ledger copies (0: one copy per peer). */
    public SimConfig withReplicaGroups(int groups) {
        return new SimConfig(seed, peers, searches, unitsPerSearch, quorum, population, generations, checkpointEvery,
                crashes, sleeps, partitions, dishonest, loss, duplication, minLatencyMillis, maxLatencyMillis,
                checkFairness, maxSimMillis, groups, policy);
    }

    /** This run with other fault counts. */
    public SimConfig withFaults(int crashCount, int sleepCount, int partitionCount) {
        return new SimConfig(seed, peers, searches, unitsPerSearch, quorum, population, generations, checkpointEvery,
                crashCount, sleepCount, partitionCount, dishonest, loss, duplication, minLatencyMillis,
                maxLatencyMillis, checkFairness, maxSimMillis, replicaGroups, policy);
    }

    /** Units per peer from which a calm run checks work shares against capacity shares. */
    public static final int UNITS_PER_PEER_FOR_FAIRNESS = 40;

    public int totalUnits() {
        return searches * unitsPerSearch;
    }
}
