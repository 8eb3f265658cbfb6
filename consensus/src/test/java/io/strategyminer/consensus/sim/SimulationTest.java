package io.strategyminer.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Many seeds of the cluster simulator with every fault enabled. A failing seed names itself and the
 * config that replays it exactly.
 */
class SimulationTest {

    @ParameterizedTest(name = "stormy seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void stormyRunsKeepEveryInvariant(long seed) {
        assertHolds(SimConfig.stormy(seed, 8, 2, 15));
    }

    @ParameterizedTest(name = "16 peers, seed {0}")
    @ValueSource(longs = {41, 42})
    void aLargerStormyCluster(long seed) {
        assertHolds(SimConfig.stormy(seed, 16, 2, 30));
    }

    @ParameterizedTest(name = "quorum 3, seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void quorumOfThreeWithADishonestPeer(long seed) {
        assertHolds(new SimConfig(seed, 9, 1, 20, 3, 20, 10, 4, 1, 1, 1, true, 0.05, 0.05, 1, 80, false,
                3_600_000));
    }

    @Test
    void workSharesTrackCapacitySharesOnALongCalmRun() {
        SimResult result = assertHolds(SimConfig.calm(31, 5, 3, 100));
        assertTrue(result.makespanOverIdeal() < 1.25, result.summary());
    }

    @Test
    void aSeedReplaysExactlyAndAnotherSeedDoesNot() {
        SimConfig config = SimConfig.stormy(77, 6, 1, 12);
        SimResult first = Simulation.run(config);
        SimResult replay = Simulation.run(config);
        assertEquals(first.traceHash(), replay.traceHash());
        assertEquals(first.appendedEvents(), replay.appendedEvents());
        assertEquals(first.makespanMillis(), replay.makespanMillis());
        assertNotEquals(first.traceHash(), Simulation.run(SimConfig.stormy(78, 6, 1, 12)).traceHash());
    }

    @Test
    void theInvariantsCatchAWrongCanonicalDigest() {
        // quorum 1: the dishonest peer's own report is enough, so its wrong digests become canonical
        SimConfig config = new SimConfig(5, 3, 1, 40, 1, 20, 10, 4, 0, 0, 0, true, 0.0, 0.0, 1, 10, false,
                3_600_000);
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
