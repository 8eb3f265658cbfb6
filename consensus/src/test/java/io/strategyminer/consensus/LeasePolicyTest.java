package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LeaseEpochs;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.miner.SearchSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leasing knobs at their bounds: what a policy accepts, and how deadlines are sized, floored and capped. */
class LeasePolicyTest {
    private static final long NOW = 1_700_000_000_000L;

    private static PeerAnnounced peer(int cores, double backtestsPerSecond) {
        return PeerAnnounced.of(PeerIdentity.generate(), "p", MachineId.fromSystemId("m"), cores, backtestsPerSecond,
                EngineVersion.CURRENT);
    }

    @Test
    void aPolicyNeedsAFiniteFactorOfAtLeastOneAFloorOfAtLeastOneMillisecondAndNoNegativeCounts() {
        LeasePolicy tightest = new LeasePolicy(1.0, 1, 0, 0, 0);
        assertEquals(0, tightest.speculativePerUnit());
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(0.999, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(Double.NaN, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(Double.POSITIVE_INFINITY, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(1.0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(1.0, 1, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(1.0, 1, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LeasePolicy(1.0, 1, 0, 0, -1));
    }

    @Test
    void aStrategyMayGetQuorumMinusOneVerificationsPlusTheExtraOnes() {
        assertEquals(4, new LeasePolicy(3.0, 1, 3, 0, 0).maxVerifications(2));
        assertEquals(0, new LeasePolicy(3.0, 1, 0, 0, 0).maxVerifications(1), "quorum 1: the report alone decides");
        assertEquals(LeasePolicy.DEFAULT, new LeasePolicy(3.0, 30_000, 3, 1, 1));
    }

    @Test
    void aPeerThatAnnouncedNoSpeedCountsAsOneBacktestPerSecond() {
        assertEquals(1_000.0, LeasePolicy.slotSpeed(peer(1, 0)));
        assertEquals(1_000.0, LeasePolicy.slotSpeed(peer(1, 0.5)), "anything slower than 1/s counts as 1/s");
        assertEquals(500.0, LeasePolicy.slotSpeed(peer(2, 1)), "split over its slots");
        assertEquals(2_000.0, LeasePolicy.slotSpeed(peer(1, 2)));
    }

    @Test
    void theViewsSlotSpeedIsTheLowerMedian() {
        assertEquals(1_000.0, LeasePolicy.viewSlotSpeed(List.of(peer(1, 1))));
        assertEquals(1_000.0, LeasePolicy.viewSlotSpeed(List.of(peer(1, 3), peer(1, 1))), "of two, the slower");
        assertEquals(2_000.0, LeasePolicy.viewSlotSpeed(List.of(peer(1, 3), peer(1, 1), peer(1, 2))));
    }

    @Test
    void anUnusableViewSpeedLeavesTheAnnouncementUnbounded() {
        PeerAnnounced fast = peer(1, 1_000_000);
        double own = LeasePolicy.slotSpeed(fast);
        assertEquals(own, LeasePolicy.boundedSlotSpeed(fast, Double.NaN));
        assertEquals(own, LeasePolicy.boundedSlotSpeed(fast, 0));
        assertEquals(own, LeasePolicy.boundedSlotSpeed(fast, Double.POSITIVE_INFINITY));
        assertEquals(10_000.0, LeasePolicy.boundedSlotSpeed(fast, 1_000), "ten times the view's at most");
        assertEquals(own, LeasePolicy.boundedSlotSpeed(fast, own / 10), "exactly ten times: kept");
    }

    @Test
    void aBacktestOverNoCandlesCountsOneAndExpectationsRoundUp() {
        PeerAnnounced oneSlot = peer(1, 3); // 3,000 candle-steps per second
        assertEquals(1, LeasePolicy.expectedMillis(oneSlot, 1, 0, Double.NaN), "1 step of 1/3 ms rounds up to 1");
        assertEquals(1, LeasePolicy.expectedMillis(oneSlot, 1, 1, Double.NaN));
        assertEquals(334, LeasePolicy.expectedMillis(oneSlot, 1));
        assertEquals(1_000_000_000_000_000_000L, LeasePolicy.expectedMillis(peer(1, 0), Long.MAX_VALUE, Long.MAX_VALUE,
                Double.NaN), "capped at 10¹⁸ ms");
    }

    @Test
    void aUnitResumedPastItsLastGenerationHasNothingLeft() {
        SearchSpec spec = TestCluster.spec(1, 1, false); // 40 × 25
        assertEquals(1_000, LeasePolicy.remainingBacktests(spec, 0));
        assertEquals(40, LeasePolicy.remainingBacktests(spec, 24));
        assertEquals(0, LeasePolicy.remainingBacktests(spec, 25));
        assertEquals(0, LeasePolicy.remainingBacktests(spec, 30));
    }

    @Test
    void deadlinesAreTheFactorTimesTheExpectationFlooredAndCapped() {
        PeerAnnounced oneSlot = peer(1, 1); // 1,000 candle-steps/s: a backtest of 1,000 candles is 1 s
        SearchSpec spec = TestCluster.spec(1, 1, false);
        LeasePolicy policy = new LeasePolicy(2.0, 3_000, 0, 0, 0);
        assertEquals(NOW + 2_000_000, policy.workDeadline(oneSlot, spec, 0, NOW), "1,000 backtests, 1,000 s, ×2");
        assertEquals(NOW + 3_000, policy.verifyDeadline(oneSlot, NOW), "2 s is below the 3 s floor");
        assertEquals(NOW + 3_000, policy.workDeadline(oneSlot, spec, 25, NOW), "nothing left: the floor");
        assertEquals(NOW + 4_000, new LeasePolicy(2.0, 1, 0, 0, 0).verifyDeadline(oneSlot, Double.NaN, 2_000, NOW));
        // a slot that needs longer than six hours keeps its unit by progress, not by a longer lease
        assertEquals(NOW + LeasePolicy.MAX_LEASE_MILLIS, new LeasePolicy(100.0, 1, 0, 0, 0)
                .workDeadline(oneSlot, spec, 0, NOW));
        assertEquals(NOW + LeasePolicy.MAX_LEASE_MILLIS, new LeasePolicy(1.0, LeasePolicy.MAX_LEASE_MILLIS + 1, 0, 0, 0)
                .verifyDeadline(oneSlot, NOW), "the floor is capped too");
    }

    @Test
    void aLeaseIsPlausibleUpToTwiceTheLongestLeaseAhead() {
        LedgerState state = new LedgerState(); // no lease: only epoch 0 is plausible
        LeaseEpochs epochs = state.leaseEpochs();
        LeaseGranted atLimit = new LeaseGranted("s", 0, PeerIdentity.generate().peerId(), 0,
                NOW + 2 * LeasePolicy.MAX_LEASE_MILLIS, LeaseKind.WORK, null);
        assertTrue(LeasePolicy.plausible(atLimit, epochs, NOW));
        LeaseGranted pastIt = new LeaseGranted("s", 0, atLimit.holder(), 0, NOW + 2 * LeasePolicy.MAX_LEASE_MILLIS + 1,
                LeaseKind.WORK, null);
        assertFalse(LeasePolicy.plausible(pastIt, epochs, NOW));
        assertTrue(LeasePolicy.plausible(pastIt, epochs, NOW + 1), "a millisecond later it is within the bound");
        LeaseGranted aboveTheTop = new LeaseGranted("s", 0, atLimit.holder(), 1, NOW, LeaseKind.WORK, null);
        assertFalse(LeasePolicy.plausible(aboveTheTop, epochs, NOW), "epoch 1 was never used");
    }
}
