package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.consensus.ConsensusMessage.WorkRequest;
import io.strategyminer.consensus.PeerDriver.LeaseKey;
import io.strategyminer.consensus.PeerDriver.Outcome;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LeaseView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The peer's decisions on one peer (index 1) of three real ledgers, peer 0 coordinating: what starts and stops,
 * when it asks, what is published, and the wake-up rule. The simulator runs the same driver at scale.
 */
class PeerDriverTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final TestCluster cluster = new TestCluster(List.of("m0", "m1", "m2"), 2, 100);
    private final Coordinator coordinator = new Coordinator(LeasePolicy.DEFAULT);
    private final MembershipView view = cluster.view(1, 0, 1, 2);
    private final FakeSlots slots = new FakeSlots(2);
    private final List<WorkRequest> requests = new ArrayList<>();
    private long millis = NOW;
    private long nanos = 1_000 * SECOND;
    private boolean available = true;
    /** Whether the coordinator answers requests at once (else they stay unanswered, as on their way). */
    private boolean answering = true;
    private PeerDriver driver;

    @BeforeEach
    void start() {
        Membership membership = new Membership() {
            @Override
            public MembershipView view() {
                return view;
            }

            @Override
            public void onViewChange(Consumer<MembershipView> listener) {
            }
        };
        // the coordinator (peer 0) answers at once, and its leases reach every ledger
        Transport transport = (to, message) -> {
            WorkRequest request = (WorkRequest) message;
            requests.add(request);
            if (answering) {
                cluster.grantAndAppend(coordinator, view, 1, request.wanted(), millis);
            }
        };
        PeerDriver.Clock clock = new PeerDriver.Clock() {
            @Override
            public long millis() {
                return millis;
            }

            @Override
            public long nanos() {
                return nanos;
            }
        };
        driver = new PeerDriver(cluster.ledgers.get(1), WorkIndex.following(cluster.ledgers.get(1)), membership,
                transport, coordinator, clock,
                new WakeGuard(Duration.ofSeconds(15), Duration.ofSeconds(40)), () -> available,
                PeerDriver.DutyMeter.NONE);
        driver.attach(slots);
    }

    private void tick(long seconds) {
        millis += seconds * 1000;
        nanos += seconds * SECOND;
        driver.tick();
    }

    @Test
    void asksOnlyWhileWorkIsOpenAndStartsWhatIsAssigned() {
        tick(1);
        assertEquals(List.of(), requests, "no search: nothing to ask for");
        cluster.append(0, TestCluster.search("s", 3, 2, false));
        tick(1);
        assertEquals(List.of(new WorkRequest(3)), requests, "two free slots and a queue of one");
        assertEquals(Set.of(new LeaseKey("s", 0, java.util.Optional.empty()),
                new LeaseKey("s", 1, java.util.Optional.empty())), slots.running(),
                "both leases started at once; 3 units for 3 members: no queued one");
        tick(1);
        assertEquals(List.of(new WorkRequest(3), new WorkRequest(1)), requests, "every slot busy: its queue only");
    }

    @Test
    void aBusyPeerHasItsNextUnitAtHandWhenARunEnds() {
        cluster.append(0, TestCluster.search("s", 20, 1, false));
        tick(1);
        assertEquals(List.of(new WorkRequest(3)), requests);
        assertEquals(2, slots.running().size());
        tick(1);
        assertEquals(1, requests.size(), "slots busy and the queued lease waiting: nothing to ask for");

        answering = false; // from now on the coordinator's answers are on their way
        LeaseView ended = slots.started.get(0);
        driver.ended(ended, true);
        slots.finish(ended);
        driver.slotFreed();
        assertEquals(Set.of(new LeaseKey("s", 1, java.util.Optional.empty()),
                new LeaseKey("s", 2, java.util.Optional.empty())), slots.running(),
                "the queued unit started at once, before any answer");
        assertEquals(new WorkRequest(1), requests.get(requests.size() - 1), "and the next one is asked for");
    }

    @Test
    void aLeaseNoLongerAssignedIsCancelledAtOnceAndItsResultsWithheld() {
        cluster.append(0, TestCluster.search("s", 2, 2, false));
        tick(1);
        LeaseGranted lease = slots.started.get(0).lease();
        assertTrue(driver.mayPublish(lease));
        // no checkpoint and the deadline passes: the coordinator takes the unit back
        millis += Duration.ofMinutes(10).toMillis();
        driver.reconcile();
        assertEquals(Set.of(), slots.running(), "both revoked leases cancelled");
        assertEquals(2, slots.cancelled.size());
        assertFalse(driver.mayPublish(lease));
        assertEquals(Outcome.WITHHELD, driver.checkpoint(lease, 4, Sha256.of(new byte[] {1}), 10).outcome());
        assertEquals(Outcome.WITHHELD, driver.report(lease, report(lease.unit())).outcome());
    }

    @Test
    void aReportOfAFinishedUnitIsDroppedAndTheGrantNeverRunsAgain() {
        cluster.append(0, TestCluster.search("s", 2, 1, false));
        tick(1);
        LeaseView view = slots.started.get(0);
        cluster.report(2, "s", view.lease().unit(), "t"); // another runner finished it first (quorum 1)
        assertEquals(Outcome.DROPPED, driver.report(view.lease(), report(view.lease().unit())).outcome());
        driver.ended(view, true);
        slots.finish(view);
        driver.slotFreed();
        assertFalse(slots.started.subList(2, slots.started.size()).contains(view), "a grant run to its end stays ended");
        assertEquals(1, driver.dropped());
    }

    @Test
    void aVoteIsAppendedOnlyWhileTheStrategyIsUndecided() {
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        StrategyId reported = cluster.report(0, "s", 0, "t");
        tick(1);
        LeaseView verify = slots.started.get(0);
        assertEquals(LeaseKind.VERIFY, verify.lease().kind());
        cluster.verify(2, reported, "t"); // the quorum is reached without us
        VerificationReported vote = new VerificationReported(reported, TestCluster.digest("t"), EngineVersion.CURRENT);
        assertEquals(Outcome.DROPPED, driver.vote(verify.lease(), vote).outcome());
    }

    @Test
    void aVoteOnAnUndecidedStrategyIsAppended() {
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        StrategyId reported = cluster.report(0, "s", 0, "t");
        tick(1);
        LeaseView verify = slots.started.get(0);
        VerificationReported vote = new VerificationReported(reported, TestCluster.digest("t"), EngineVersion.CURRENT);
        assertEquals(Outcome.APPENDED, driver.vote(verify.lease(), vote).outcome());
    }

    @Test
    void aNapStopsTheUnitsAndNoWorkIsTakenUntilTheNextViewChange() {
        cluster.append(0, TestCluster.search("s", 4, 2, false));
        tick(1);
        LeaseGranted lease = slots.started.get(0).lease();
        nanos += 40 * SECOND; // suspended: the others dropped this peer meanwhile
        assertFalse(driver.mayPublish(lease), "a slot that wakes before the tick publishes nothing");
        tick(1);
        assertEquals(1, driver.naps());
        assertEquals(Set.of(), slots.running(), "its units stopped");
        int asked = requests.size();
        tick(1);
        assertEquals(asked, requests.size(), "no work until it is back among the others");
        driver.viewChanged();
        assertTrue(driver.takingWork());
        assertEquals(2, slots.running().size(), "back in a view: it works again");
    }

    @Test
    void onlyALeaseThatMayChangeItsRunsCallsForAReconcile() {
        cluster.append(0, TestCluster.search("s", 4, 2, false));
        tick(1);
        LeaseGranted mine = slots.started.get(0).lease(); // units 0 and 1 run here
        long epoch = mine.epoch();
        long deadline = millis + 60_000;
        assertTrue(driver.concerns(lease(2, cluster.id(2), epoch, deadline)), "the first lease of an epoch");
        assertFalse(driver.concerns(lease(3, cluster.id(2), epoch, deadline)), "another's, of a unit not run here");
        assertTrue(driver.concerns(lease(mine.unit(), cluster.id(2), epoch, deadline)),
                "another's of a unit run here: a re-issue takes it over");
        assertTrue(driver.concerns(lease(3, cluster.id(1), epoch, deadline)), "one naming this peer");
        assertTrue(driver.concerns(lease(3, cluster.id(2), epoch + 1, deadline)),
                "a newer epoch: a new coordinator's term decides which leases count");
        assertFalse(driver.concerns(lease(2, cluster.id(2), epoch + 1, deadline)), "that epoch is known now");
        assertFalse(driver.concerns(lease(2, cluster.id(0), epoch, deadline)), "an older epoch, another's unit");
    }

    private static LeaseGranted lease(int unit, PeerId holder, long epoch, long deadline) {
        return new LeaseGranted("s", unit, holder, epoch, deadline, LeaseKind.WORK, null);
    }

    @Test
    void aPeerTheHostHoldsBackRunsNothingAndServesNoRequest() {
        cluster.append(0, TestCluster.search("s", 2, 2, false));
        tick(1);
        available = false;
        tick(1);
        assertEquals(Set.of(), slots.running());
        assertEquals(List.of(), driver.receive(cluster.id(2), new WorkRequest(1)));
    }

    private static StrategyReported report(int unit) {
        return new StrategyReported("s", unit, TestCluster.GENOME, TestCluster.METRICS, TestCluster.METRICS,
                TestCluster.METRICS, TestCluster.METRICS, TestCluster.sha("t"), TestCluster.digest("t"),
                EngineVersion.CURRENT, TestCluster.TRIALS);
    }

    /** Slots that only record what they are told. */
    private static final class FakeSlots implements PeerDriver.Slots {
        final int size;
        final Map<LeaseKey, LeaseView> running = new LinkedHashMap<>();
        final List<LeaseView> started = new ArrayList<>();
        final List<LeaseKey> cancelled = new ArrayList<>();

        FakeSlots(int size) {
            this.size = size;
        }

        @Override
        public boolean start(LeaseView lease) {
            running.put(LeaseKey.of(lease.lease()), lease);
            started.add(lease);
            return true;
        }

        @Override
        public void cancel(LeaseKey key) {
            running.remove(key);
            cancelled.add(key);
        }

        @Override
        public Set<LeaseKey> running() {
            return Set.copyOf(running.keySet());
        }

        @Override
        public int free() {
            return size - running.size();
        }

        void finish(LeaseView lease) {
            running.remove(LeaseKey.of(lease.lease()));
        }
    }
}
