package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deadlines from the measured capacity in candle-steps per second, bounded by the view. */
class CapacityDeadlineTest {
    private static final long NOW = 1_700_000_000_000L;
    /** Deadline 3× expected, no floor in the way, no duplicates. */
    private static final Coordinator COORDINATOR = new Coordinator(new LeasePolicy(3.0, 1, 3, 0, 0));

    private static PeerAnnounced peer(int cores, double backtestsOfAThousandCandlesPerSecond) {
        return PeerAnnounced.of(PeerIdentity.generate(), "p", MachineId.fromSystemId("m"), cores,
                backtestsOfAThousandCandlesPerSecond, EngineVersion.CURRENT);
    }

    @Test
    void theExpectationIsCandleStepsOverOneSlotsSpeed() {
        PeerAnnounced twoSlots = peer(2, 20_000); // 2e7 candle-steps/s, 1e7 per slot
        assertEquals(2e7, twoSlots.candleStepsPerSecond());
        assertEquals(1e7, LeasePolicy.slotSpeed(twoSlots));
        // 1,000 backtests of 14,000 candles = 1.4e7 candle-steps: 1.4 s on one slot
        assertEquals(1_400, LeasePolicy.expectedMillis(twoSlots, 1_000, 14_000, Double.NaN));
        // the same peer on a dataset ten times larger takes ten times longer: the unit carries the size
        assertEquals(14_000, LeasePolicy.expectedMillis(twoSlots, 1_000, 140_000, Double.NaN));
        // without a candle count, a backtest counts 1,000 candles (the announced unit), exactly as before
        assertEquals(100, LeasePolicy.expectedMillis(twoSlots, 1_000));
        assertEquals(LeasePolicy.expectedMillis(twoSlots, 777), LeasePolicy.expectedMillis(twoSlots, 777, 1_000, Double.NaN));
    }

    @Test
    void aSelfDeclaredSpeedCountsWithinTenTimesTheViewsMedianEitherWay() {
        PeerAnnounced typical = peer(1, 10_000);      // 1e7 candle-steps/s per slot
        PeerAnnounced claimsZero = peer(1, 0);        // "not measured" or a lie: very slow
        PeerAnnounced claimsHuge = peer(1, 1e9);      // 1e12 candle-steps/s
        double median = LeasePolicy.viewSlotSpeed(List.of(typical, typical, claimsZero, claimsHuge));
        assertEquals(1e7, median, "one liar either way moves the (lower) median of four by nothing");
        assertEquals(1e6, LeasePolicy.boundedSlotSpeed(claimsZero, median));
        assertEquals(1e8, LeasePolicy.boundedSlotSpeed(claimsHuge, median));
        assertEquals(1e7, LeasePolicy.boundedSlotSpeed(typical, median));
        // 1,000 backtests of 14,000 candles: 1.4 s typical; the "zero" peer gets 14 s, not 1.4e7 / 1,000 = 4 hours
        assertEquals(14_000, LeasePolicy.expectedMillis(claimsZero, 1_000, 14_000, median));
        assertEquals(140, LeasePolicy.expectedMillis(claimsHuge, 1_000, 14_000, median));
        assertEquals(Double.NaN, LeasePolicy.viewSlotSpeed(List.of()));
    }

    @Test
    void theCoordinatorSizesWorkAndVerificationLeasesFromTheDatasetsCandlesAndBoundsALiar() {
        // three peers of 2 slots measuring 2e7 candle-steps/s each
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 2, 20_000);
        cluster.append(0, new DatasetPublished(TestCluster.DATASET, "btc", "BTC-USD", 300, 20_000, 960_000,
                List.of(TestCluster.sha("chunk"))));
        cluster.append(0, TestCluster.search("s", 6, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        // a unit: 40 × 25 = 1,000 backtests over the in-sample 70 % = 14,000 candles, 1.4 s per slot; 3× = 4.2 s
        List<LeaseGranted> leases = cluster.grantAndAppend(COORDINATOR, view, 1, 2, NOW);
        assertEquals(List.of(NOW + 4_200, NOW + 4_200), leases.stream().map(LeaseGranted::deadlineMillis).toList());

        // peer 2 re-announces itself absurdly slow: its deadline is that of a slot ten times slower than the median
        cluster.append(2, PeerAnnounced.of(cluster.identities.get(2), "peer-2", cluster.members.get(2).machine(), 2,
                0, EngineVersion.CURRENT));
        leases = cluster.grantAndAppend(COORDINATOR, view, 2, 1, NOW);
        assertEquals(NOW + 42_000, leases.get(0).deadlineMillis());

        // a verification is one backtest over the whole dataset (in-sample and holdout): 20,000 steps, 2 ms, 3× = 6 ms
        var strategy = cluster.report(1, "s", 0, "trades");
        leases = cluster.grantAndAppend(COORDINATOR, view, 0, 1, NOW);
        assertEquals(strategy, leases.get(0).target());
        assertEquals(NOW + 6, leases.get(0).deadlineMillis());
    }
}
