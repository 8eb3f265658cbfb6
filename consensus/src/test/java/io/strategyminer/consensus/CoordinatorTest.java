package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.StrategyStatus;
import io.strategyminer.ledger.state.UnitStatus;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoordinatorTest {
    private static final long NOW = 1_700_000_000_000L;
    private final Coordinator coordinator = new Coordinator(LeasePolicy.DEFAULT);

    @Test
    void verificationsComeFirstAndOnlyFromAnotherMachineThenSpeculativeDuplicatesAtTheEnd() {
        // peer 0 coordinates; peers 1 and 2 share machine "b"; peer 3 is on "c"
        TestCluster cluster = new TestCluster(List.of("a", "b", "b", "c"), 2, 100);
        cluster.append(0, TestCluster.search("s", 2, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2, 3);
        List<LeaseGranted> first = cluster.grantAndAppend(coordinator, view, 1, 1, NOW);
        assertEquals(1, first.size());
        assertEquals(LeaseKind.WORK, first.get(0).kind());
        assertEquals(0, first.get(0).unit());
        var strategy = cluster.report(1, "s", 0, "digest-0");

        // peer 2 shares the reporter's machine: no verification for it, the next unit instead
        List<LeaseGranted> sameMachine = cluster.grantAndAppend(coordinator, view, 2, 2, NOW);
        assertEquals(1, sameMachine.size(), "one unit left, no verification, no duplicate of its own unit");
        assertEquals(LeaseKind.WORK, sameMachine.get(0).kind());
        assertEquals(1, sameMachine.get(0).unit());

        // peer 3: the verification first, then (no unit needs work any more) a duplicate of unit 1
        List<LeaseGranted> other = cluster.grantAndAppend(coordinator, view, 3, 2, NOW);
        assertEquals(2, other.size());
        assertEquals(LeaseKind.VERIFY, other.get(0).kind());
        assertEquals(strategy, other.get(0).target());
        assertEquals(LeaseKind.SPECULATIVE, other.get(1).kind());
        assertEquals(1, other.get(1).unit());
        long top = cluster.read(s -> s.leaseEpochs().top());
        assertEquals(top, other.get(1).epoch(), "a coordinator's new term: one above every plausible epoch before it");

        // the verification agrees: canonical, and nobody is asked to verify again
        cluster.verify(3, strategy, "digest-0");
        assertEquals(StrategyStatus.CANONICAL, cluster.read(s -> s.strategy(strategy)).orElseThrow().status());
        assertTrue(cluster.grantAndAppend(coordinator, view, 0, 2, NOW).stream()
                .noneMatch(l -> l.kind() == LeaseKind.VERIFY));
    }

    @Test
    void noSpeculativeCopyForAPeerThatReportedTheUnitNorOfAUnitWhoseResultAwaitsVerification() {
        // quorum 2 on machines a, b, c; peer 1 runs the only unit and peer 2 is cut off from verifying anything
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 100);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        assertEquals(LeaseKind.WORK, cluster.grantAndAppend(coordinator, view, 1, 1, NOW).get(0).kind());
        List<LeaseGranted> copy = cluster.grantAndAppend(coordinator, view, 2, 1, NOW);
        assertEquals(List.of(LeaseKind.SPECULATIVE), copy.stream().map(LeaseGranted::kind).toList(),
                "the end of the search: a duplicate of the running unit");
        var reported = cluster.report(2, "s", 0, "digest-0");

        // the copy's report is pending; the first runner goes on. Its reporter is asked for nothing more (it would
        // compute the same), and nobody gets a copy of a unit that has its result
        assertEquals(List.of(), cluster.grantAndAppend(coordinator, view, 2, 1, NOW + 1),
                "no second copy for the peer that reported the unit");
        List<LeaseGranted> forPeer0 = cluster.grantAndAppend(coordinator, view, 0, 1, NOW + 2);
        assertEquals(List.of(LeaseKind.VERIFY), forPeer0.stream().map(LeaseGranted::kind).toList(),
                "a verification of the pending report, not a copy of the unit");
        assertEquals(reported, forPeer0.get(0).target());
    }

    @Test
    void onlyPeersWithTheReportsEngineVersionVerifyIt() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 100);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        cluster.grantAndAppend(coordinator, view, 1, 1, NOW);
        cluster.report(1, "s", 0, "d");
        // peer 2 re-announces itself with another engine version: its digest could not be compared
        cluster.append(2, PeerAnnounced.of(cluster.identities.get(2), "peer-2", cluster.members.get(2).machine(), 1,
                100, "sm-engine-0"));
        assertEquals(List.of(), cluster.read(s -> coordinator.grant(s, view, cluster.id(2), 1, NOW)));
        List<LeaseGranted> forPeer0 = cluster.read(s -> coordinator.grant(s, view, cluster.id(0), 1, NOW));
        assertEquals(LeaseKind.VERIFY, forPeer0.get(0).kind());
    }

    @Test
    void workGoesInSearchOrderWithinFreeSlotsAndAnnouncedCores() {
        TestCluster cluster = new TestCluster(List.of("a", "b"), 4, 400);
        cluster.append(0, TestCluster.search("zz-old", 2, 2, false)); // submitted first, sorts last by id
        cluster.append(0, TestCluster.search("aa-new", 3, 2, false));
        MembershipView view = cluster.view(5, 0, 1);
        List<LeaseGranted> leases = cluster.grantAndAppend(coordinator, view, 1, 3, NOW);
        assertEquals(List.of("zz-old/0", "zz-old/1", "aa-new/0"),
                leases.stream().map(l -> l.searchId() + "/" + l.unit()).toList());
        // 4 cores, 3 held: one more at most, whatever the request says
        assertEquals(1, cluster.grantAndAppend(coordinator, view, 1, 4, NOW).size());
        assertEquals(List.of(), cluster.grantAndAppend(coordinator, view, 1, 4, NOW));
        // a peer outside the view gets nothing
        assertEquals(List.of(), cluster.read(s -> coordinator.grant(s, cluster.view(6, 0), cluster.id(1), 4, NOW)));
    }

    @Test
    void deadlinesAreSizedFromTheHoldersSpeedAndTheCheckpointToResumeFrom() {
        // 2 cores, 100 backtests/s: one slot runs 50/s; a unit of 40 × 25 = 1,000 backtests takes 20 s
        TestCluster cluster = new TestCluster(List.of("a", "b"), 2, 100);
        cluster.append(0, TestCluster.search("s", 2, 2, false));
        MembershipView view = cluster.view(1, 0, 1);
        cluster.checkpoint(0, "s", 1, 20); // unit 1 resumes at generation 20: 200 backtests, 4 s
        List<LeaseGranted> leases = cluster.grantAndAppend(coordinator, view, 1, 2, NOW);
        assertEquals(NOW + 60_000, leases.get(0).deadlineMillis(), "3 × 20 s");
        assertEquals(NOW + 30_000, leases.get(1).deadlineMillis(), "3 × 4 s is below the 30 s floor");
        PeerAnnounced unknownSpeed = cluster.read(s -> s.peer(cluster.id(1))).orElseThrow().announced();
        assertEquals(NOW + 60_000, LeasePolicy.DEFAULT.workDeadline(unknownSpeed, TestCluster.spec(1, 1, false),
                0, NOW));
    }

    @Test
    void aDepartedHoldersUnitGoesToTheNextAskerAndItsLateReportStillCounts() {
        Coordinator coordinator = new Coordinator(new LeasePolicy(3.0, 30_000, 3, 0, 0)); // no speculative duplicates
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView all = cluster.view(1, 0, 1, 2, 3);
        assertEquals(1, cluster.grantAndAppend(coordinator, all, 1, 1, NOW).size());
        cluster.checkpoint(1, "s", 0, 10);
        assertEquals(List.of(), cluster.grantAndAppend(coordinator, all, 2, 1, NOW), "held by a live peer");

        MembershipView without1 = cluster.view(2, 0, 2, 3);
        List<LeaseGranted> reissued = cluster.grantAndAppend(coordinator, without1, 2, 1, NOW + 1);
        assertEquals(1, reissued.size());
        assertEquals(LeaseKind.WORK, reissued.get(0).kind());
        assertEquals(2, reissued.get(0).epoch());
        // resumes at generation 10 of 25: 15 × 40 = 600 backtests at 50/s = 12 s, floor 30 s
        assertEquals(NOW + 1 + 36_000, reissued.get(0).deadlineMillis());
        assertEquals(List.of(cluster.read(s -> s.unit("s", 0)).orElseThrow().leases().get(1)),
                cluster.ledgers.get(2).read(s -> WorkBook.of(s, without1, NOW + 1, LeasePolicy.DEFAULT)
                        .assignments(cluster.id(2))));

        // the former holder comes back and reports late: its report counts
        var late = cluster.report(1, "s", 0, "d");
        cluster.verify(3, late, "d");
        assertEquals(UnitStatus.DONE, cluster.read(s -> s.unit("s", 0)).orElseThrow().status());
        assertEquals(late, cluster.read(s -> s.unit("s", 0)).orElseThrow().canonical().orElseThrow());
    }

    @Test
    void aMissedDeadlineIsReissuedWithoutProgressAndRenewedWithIt() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 2, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        List<LeaseGranted> leases = cluster.grantAndAppend(coordinator, view, 1, 1, NOW);
        List<LeaseGranted> leases2 = cluster.grantAndAppend(coordinator, view, 2, 1, NOW);
        long late = leases.get(0).deadlineMillis() + 1;
        cluster.checkpoint(2, "s", 1, 5); // peer 2 made progress, peer 1 did not

        List<LeaseGranted> renewals = cluster.read(s -> coordinator.renewals(s, view, late));
        assertEquals(1, renewals.size());
        assertEquals(cluster.id(2), renewals.get(0).holder());
        assertEquals(1, renewals.get(0).unit());
        assertEquals(leases2.get(0).kind(), renewals.get(0).kind());
        assertTrue(renewals.get(0).deadlineMillis() > late);

        List<LeaseGranted> reissued = cluster.read(s -> coordinator.grant(s, view, cluster.id(0), 1, late));
        assertEquals(1, reissued.size(), "unit 0 stalled without progress and goes to the next asker");
        assertEquals(0, reissued.get(0).unit());
        assertEquals(LeaseKind.WORK, reissued.get(0).kind());
    }

    @Test
    void aHoldersCheckpointCountsAsProgressEvenBelowAnEarlierHoldersGeneration() {
        // the first holder reached generation 20 and left; its blob was lost, so the next holder started lower
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        cluster.grantAndAppend(coordinator, cluster.view(1, 0, 1, 2, 3), 1, 1, NOW);
        cluster.checkpoint(1, "s", 0, 20);
        MembershipView without1 = cluster.view(2, 0, 2, 3);
        List<LeaseGranted> reissued = cluster.grantAndAppend(coordinator, without1, 2, 1, NOW + 1);
        assertEquals(1, reissued.size());
        cluster.checkpoint(2, "s", 0, 5);
        long late = reissued.get(0).deadlineMillis() + 1;

        List<LeaseGranted> renewals = cluster.read(s -> coordinator.renewals(s, without1, late));
        assertEquals(1, renewals.size(), "the holder checkpointed since its grant: renewed, not taken away");
        assertEquals(cluster.id(2), renewals.get(0).holder());
        // another asker may get a speculative copy of a late unit, never the unit itself
        assertTrue(cluster.read(s -> coordinator.grant(s, without1, cluster.id(3), 1, late)).stream()
                .noneMatch(l -> l.kind() == LeaseKind.WORK), "not re-issued while its holder progresses");
    }

    @Test
    void aDisputePastTheBoundIsRerunElsewhere() {
        Coordinator strict = new Coordinator(new LeasePolicy(3.0, 30_000, 1, 1, 0)); // at most 2 verifications
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d", "e"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2, 3, 4);
        cluster.grantAndAppend(strict, view, 1, 1, NOW);
        var strategy = cluster.report(1, "s", 0, "x");
        assertEquals(LeaseKind.VERIFY, cluster.grantAndAppend(strict, view, 2, 1, NOW).get(0).kind());
        cluster.verify(2, strategy, "y");
        assertEquals(StrategyStatus.DISPUTED, cluster.read(s -> s.strategy(strategy)).orElseThrow().status());
        // a tie: one more verification is scheduled to break it
        assertEquals(LeaseKind.VERIFY, cluster.grantAndAppend(strict, view, 3, 1, NOW).get(0).kind());
        cluster.verify(3, strategy, "z");
        assertEquals(StrategyStatus.DISPUTED, cluster.read(s -> s.strategy(strategy)).orElseThrow().status());
        // bound reached: no more verifications; the unit is re-run, not by the reporter
        assertEquals(List.of(), cluster.read(s -> strict.grant(s, view, cluster.id(1), 1, NOW)));
        List<LeaseGranted> rerun = cluster.read(s -> strict.grant(s, view, cluster.id(4), 1, NOW));
        assertEquals(1, rerun.size());
        assertEquals(LeaseKind.WORK, rerun.get(0).kind());
    }

    @Test
    void aNewCoordinatorWithTheSameLedgerDecidesTheSame() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 2, 80);
        cluster.append(1, TestCluster.search("s1", 6, 2, false));
        cluster.append(2, TestCluster.search("s2", 4, 3, false));
        MembershipView view = cluster.view(3, 0, 1, 2, 3);
        cluster.grantAndAppend(coordinator, view, 1, 2, NOW);
        cluster.grantAndAppend(coordinator, view, 2, 2, NOW);
        var strategy = cluster.report(1, "s1", 0, "d");
        cluster.verify(3, strategy, "e");
        cluster.checkpoint(2, "s1", 2, 7);

        // another peer's ledger, filled in a shuffled order in batches, becomes the coordinator
        List<Event> all = new ArrayList<>();
        cluster.ledgers.get(0).delta(io.strategyminer.ledger.VersionVector.EMPTY).forEachRemaining(all::addAll);
        Collections.shuffle(all, new Random(3));
        Ledger successor = Ledger.open(new MemoryLedgerStore(), PeerIdentity.generate());
        for (int i = 0; i < all.size(); i += 3) {
            successor.applyBatch(all.subList(i, Math.min(all.size(), i + 3)));
        }
        MembershipView next = cluster.view(4, 1, 2, 3);
        for (int requester = 1; requester < 4; requester++) {
            int r = requester;
            long at = NOW + 90_000;
            List<LeaseGranted> expected = cluster.ledgers.get(3).read(s -> coordinator.grant(s, next,
                    cluster.id(r), 2, at));
            assertEquals(expected, successor.read(s -> coordinator.grant(s, next, cluster.id(r), 2, at)));
            assertFalse(expected.isEmpty());
        }
        List<LeaseGranted> renewals = cluster.ledgers.get(3).read(s -> coordinator.renewals(s, next, NOW + 90_000));
        assertEquals(renewals, successor.read(s -> coordinator.renewals(s, next, NOW + 90_000)));
    }
}
