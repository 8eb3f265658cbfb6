package io.strategyminer.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.consensus.LeasePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many seeds of the cluster simulator at a moderate size (50 peers, 500 work units) with
 * every fault enabled, calm runs, quorum 3, and long calm runs that measure work shares. A failing
 * seed names itself and the config that replays it exactly.
 */
class SimulationTest {

    /**
     * 50 peers, 5 searches × 100 units: 6 crashes (the first kills the coordinator), 6 sleeps, a
     * partition, a dishonest peer, 3 % loss, 2 % duplication, 2–40 ms latency.
     */
    @ParameterizedTest(name = "stormy 50 × 500, seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14})
    void stormyRunsOfFiftyPeersKeepEveryInvariant(long seed) {
        assertHolds(SimConfig.stormy(seed, 50, 5, 100));
    }

    /** 50 peers, 500 units, no faults: too few units per slot to measure shares, everything else checked. */
    @ParameterizedTest(name = "calm 50 × 500, seed {0}")
    @ValueSource(longs = {101, 102, 103, 104, 105, 106})
    void calmRunsOfFiftyPeersKeepEveryInvariant(long seed) {
        SimConfig config = SimConfig.calm(seed, 50, 5, 100);
        assertFalse(config.checkFairness(), "10 units per peer cannot show a ±10 % share");
        assertHolds(config);
    }

    /** 12 peers, 600 units (about 21 per worker slot): work shares within ±10 % of capacity shares. */
    @ParameterizedTest(name = "calm 12 × 600 with work shares, seed {0}")
    @ValueSource(longs = {31, 32})
    void workSharesTrackCapacitySharesOnLongCalmRuns(long seed) {
        SimConfig config = SimConfig.calm(seed, 12, 6, 100);
        assertTrue(config.checkFairness());
        SimResult result = assertHolds(config);
        assertTrue(result.makespanOverIdeal() < 1.25, result.summary());
    }

    /**
     * A slow network (every message 1–2 s, so a request and the lease gossiped back take 2–4 s, on units of
     * 33–100 s) over a long search (6 peers, 1,200 units: about 85 per worker slot). The queued lease hides the
     * round trip behind the running unit: work shares stay within ±10 % of capacity shares. Without it (the
     * control), every peer but the coordinator idles a round trip per unit, and the coordinator, which serves itself
     * at once, does more than 10 % over its share.
     */
    @ParameterizedTest(name = "slow network, seed {0}")
    @ValueSource(longs = {31, 33})
    void onASlowNetworkTheQueueKeepsWorkSharesWithinTenPercent(long seed) {
        SimResult queued = assertHolds(slowNetwork(seed, SimConfig.POLICY));
        System.out.println("  with the queue, work ÷ capacity share by peer: " + workOverCapacity(queued));
        assertTrue(queued.makespanOverIdeal() < 1.1, queued.summary());

        LeasePolicy noQueue = new LeasePolicy(SimConfig.POLICY.deadlineFactor(), SimConfig.POLICY.deadlineFloorMillis(),
                SimConfig.POLICY.extraVerifications(), SimConfig.POLICY.speculativePerUnit(), 0);
        SimResult control = Simulation.run(slowNetwork(seed, noQueue));
        System.out.println(control.summary());
        System.out.println("  without, work ÷ capacity share by peer: " + workOverCapacity(control));
        assertTrue(control.violations().stream().anyMatch(v -> v.startsWith("peer 0 did")),
                "without the queue the coordinator is ahead: " + control.violations());
    }

    private static String workOverCapacity(SimResult result) {
        return result.shares().stream()
                .map(share -> String.format(java.util.Locale.ROOT, "%.2f", share.workShare() / share.capacityShare()))
                .toList().toString();
    }

    private static SimConfig slowNetwork(long seed, LeasePolicy policy) {
        return new SimConfig(seed, 6, 12, 100, 2, 20, 10, 4, 0, 0, 0, false, 0.01, 0.01, 1_000, 2_000, true,
                4 * 3_600_000, 0, policy);
    }

    /**
     * The large mode's shared ledger copies under the same storm: of 50 peers, the 12 a fault hits keep copies of
     * their own and the others share 5, each peer still deciding, running and appending as itself.
     */
    @ParameterizedTest(name = "stormy 50 × 500 on shared ledger copies, seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void stormyRunsOnSharedLedgerCopiesKeepEveryInvariant(long seed) {
        SimConfig config = SimConfig.stormy(seed, 50, 5, 100).withReplicaGroups(5);
        SimResult result = assertHolds(config);
        assertEquals(5 + config.crashes() + config.sleeps(), result.ledgerCopies(), result.summary());
    }

    /**
     * Sharing copies gives up only the spread of arrival times within a group: the same calm run with a copy per
     * peer and with 3 shared copies keeps every invariant, the ±10 % work shares included, and ends as fast.
     */
    @Test
    void sharedLedgerCopiesDecideLikeACopyPerPeer() {
        SimConfig config = SimConfig.calm(31, 12, 6, 100);
        SimResult own = assertHolds(config);
        SimResult shared = assertHolds(config.withReplicaGroups(3));
        assertEquals(12, own.ledgerCopies());
        assertEquals(3, shared.ledgerCopies());
        assertTrue(Math.abs(shared.makespanOverIdeal() - own.makespanOverIdeal()) < 0.1,
                own.summary() + "\n" + shared.summary());
    }

    @ParameterizedTest(name = "quorum 3, seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void quorumOfThreeWithADishonestPeer(long seed) {
        assertHolds(new SimConfig(seed, 24, 2, 60, 3, 20, 10, 4, 3, 3, 1, true, 0.05, 0.05, 1, 80, false,
                3_600_000, 0, SimConfig.POLICY));
    }

    /**
     * The peer driver's rarer paths, as production takes them: every sleep (longer than the silence timeout) is a nap
     * the woken peer notices, stopping its units and appending nothing until its next view (checked at every append);
     * speculative copies at the end of searches, the loser's runs cancelled or its report dropped; units with two
     * candidate strategies (the dishonest peer's and a re-run); and still one canonical strategy per unit and nothing
     * pending once the searches are done (on every peer).
     */
    @Test
    void wakeUpsSpeculativeCopiesAndTwoCandidatesKeepOneResultPerUnit() {
        SimConfig config = SimConfig.stormy(41, 16, 2, 40);
        SimResult result = assertHolds(config);
        SimResult.Coverage coverage = result.coverage();
        assertEquals(config.sleeps(), coverage.naps(), "every sleep is noticed on waking: " + result.summary());
        assertTrue(coverage.speculativeLeases() > 0, result.summary());
        assertTrue(coverage.cancelled() > 0, result.summary());
        assertTrue(coverage.unitsWithSeveralReports() > 0, result.summary());
    }

    @Test
    void aSeedReplaysExactlyAndAnotherSeedDoesNot() {
        SimConfig config = SimConfig.stormy(77, 16, 2, 80);
        SimResult first = Simulation.run(config);
        SimResult replay = Simulation.run(config);
        assertEquals(first.traceHash(), replay.traceHash());
        assertEquals(first.appendedEvents(), replay.appendedEvents());
        assertEquals(first.makespanMillis(), replay.makespanMillis());
        assertEquals(first.shares(), replay.shares());
        assertNotEquals(first.traceHash(), Simulation.run(SimConfig.stormy(78, 16, 2, 80)).traceHash());
        SimConfig shared = config.withReplicaGroups(3);
        assertEquals(Simulation.run(shared).traceHash(), Simulation.run(shared).traceHash(), "shared copies too");
    }

    @Test
    void theInvariantsCatchAWrongCanonicalDigest() {
        // quorum 1: the dishonest peer's own report is enough, so its wrong digests become canonical
        SimConfig config = new SimConfig(5, 3, 1, 40, 1, 20, 10, 4, 0, 0, 0, true, 0.0, 0.0, 1, 10, false,
                3_600_000, 0, SimConfig.POLICY);
        SimResult result = Simulation.run(config);
        assertTrue(result.violations().stream().anyMatch(v -> v.contains("wrong canonical digest")),
                result.violations().toString());
    }

    private static SimResult assertHolds(SimConfig config) {
        SimResult result = Simulation.run(config);
        System.out.println(result.summary());
        assertTrue(result.finished() && result.violations().isEmpty(),
                "replay with Simulation.run(" + config + "):\n  " + String.join("\n  ", result.violations()));
        return result;
    }
}
