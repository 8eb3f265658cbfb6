package io.strategyminer.consensus;

import static io.strategyminer.consensus.TestCluster.kinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.state.StrategyStatus;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Who runs a unit and who may get a speculative copy of it: a copy granted before the unit was re-issued holds
 * nothing, a holder that reported the unit failed lets it go, a runner gets no copy of its own unit, a disputed
 * report past its bound does not keep a re-run from being copied, and a report that has its quorum but awaits this
 * peer's own re-run is neither verified again nor re-run.
 */
class RunnersAndCopiesTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final LeasePolicy POLICY = new LeasePolicy(3.0, 30_000, 3, 1, 0);
    private final Coordinator coordinator = new Coordinator(POLICY);


    private static List<Integer> units(Iterable<WorkBook.UnitWork> units) {
        return StreamSupport.stream(units.spliterator(), false).map(u -> u.unit().unit()).toList();
    }

    @Test
    void aCopyGrantedBeforeTheUnitWasReissuedHoldsNothing() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        cluster.append(0, new LeaseGranted("s", 0, cluster.id(1), 1, NOW + 60_000, LeaseKind.WORK, null));
        cluster.append(0, new LeaseGranted("s", 0, cluster.id(2), 2, NOW + 60_000, LeaseKind.SPECULATIVE, null));
        MembershipView view = cluster.view(1, 0, 1, 2, 3);
        WorkBook copied = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY));
        assertEquals(1, copied.assignments(cluster.id(2)).size(), "the copy runs alongside the work lease");

        // the other side of a healed partition re-issued the unit, after the copy
        cluster.append(3, new LeaseGranted("s", 0, cluster.id(3), 3, NOW + 60_000, LeaseKind.WORK, null));
        WorkBook reissued = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY));
        assertEquals(List.of(), reissued.assignments(cluster.id(1)));
        assertEquals(List.of(), reissued.assignments(cluster.id(2)), "a copy of a lease that no longer counts");
        assertEquals(List.of(3L), reissued.assignments(cluster.id(3)).stream().map(l -> l.lease().epoch()).toList());
    }

    @Test
    void aCopyWithoutAnyPlausibleWorkLeaseStillRuns() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        cluster.append(0, new LeaseGranted("s", 0, cluster.id(1), 1, NOW + 60_000, LeaseKind.SPECULATIVE, null));
        cluster.append(0, new LeaseGranted("s", 0, cluster.id(2), 9, NOW + 60_000, LeaseKind.WORK, null)); // forged
        WorkBook book = cluster.read(s -> WorkBook.of(s, cluster.view(1, 0, 1, 2), NOW, POLICY));
        assertEquals(1, book.assignments(cluster.id(1)).size());
        assertEquals(List.of(), book.assignments(cluster.id(2)), "epoch 9 sits above a gap");
    }

    @Test
    void renewalsAreListedInLeaseOrderWhateverTheHoldersIds() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        boolean oneFirst = cluster.id(1).compareTo(cluster.id(2)) > 0; // the work lease goes to the larger id
        int worker = oneFirst ? 1 : 2;
        int copier = oneFirst ? 2 : 1;
        MembershipView view = cluster.view(1, 0, 1, 2);
        long deadline = cluster.grantAndAppend(coordinator, view, worker, 1, NOW).get(0).deadlineMillis();
        assertEquals(List.of("SPECULATIVE s/0"), kinds(cluster.grantAndAppend(coordinator, view, copier, 1, NOW)));
        cluster.checkpoint(worker, "s", 0, 2);
        cluster.checkpoint(copier, "s", 0, 3);
        List<LeaseGranted> renewed = cluster.read(s -> coordinator.renewals(s, view, deadline + 1));
        assertEquals(List.of(cluster.id(worker), cluster.id(copier)), renewed.stream().map(LeaseGranted::holder)
                .toList(), "the work lease first, then the copy granted after it");
        assertEquals(List.of(LeaseKind.WORK, LeaseKind.SPECULATIVE), renewed.stream().map(LeaseGranted::kind).toList());
    }

    @Test
    void aHolderThatReportsTheUnitFailedLetsItGoToAnotherPeer() {
        Coordinator noCopies = new Coordinator(new LeasePolicy(3.0, 30_000, 3, 0, 0));
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2, 3);
        cluster.grantAndAppend(noCopies, view, 1, 1, NOW);
        assertEquals(List.of(), cluster.read(s -> noCopies.grant(s, view, cluster.id(2), 1, NOW)), "held");

        cluster.append(1, new UnitFailed("s", 0, "the miner failed on this unit: boom"));
        assertEquals(List.of(), cluster.read(s -> WorkBook.of(s, view, NOW, POLICY)).assignments(cluster.id(1)));
        assertEquals(List.of(), cluster.read(s -> noCopies.grant(s, view, cluster.id(1), 1, NOW)),
                "it would fail the same way");
        assertEquals(List.of("WORK s/0"), kinds(cluster.grantAndAppend(noCopies, view, 2, 1, NOW)));
    }

    @Test
    void aRunnerGetsNoCopyOfItsOwnUnit() {
        TestCluster cluster = new TestCluster(List.of("a", "b"), 2, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1);
        assertEquals(List.of("WORK s/0"), kinds(cluster.grantAndAppend(coordinator, view, 1, 1, NOW)));
        assertEquals(List.of(), cluster.grantAndAppend(coordinator, view, 1, 1, NOW), "a free slot, but its own unit");
        assertEquals(List.of("SPECULATIVE s/0"), kinds(cluster.grantAndAppend(coordinator, view, 0, 1, NOW)));
    }

    @Test
    void aReRunOfADisputePastItsBoundIsCopiedLikeAnyRunningUnit() {
        Coordinator strict = new Coordinator(new LeasePolicy(3.0, 30_000, 1, 1, 0)); // at most 2 verifications
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d", "e"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2, 3, 4);
        cluster.grantAndAppend(strict, view, 1, 1, NOW);
        StrategyId strategy = cluster.report(1, "s", 0, "x");
        cluster.grantAndAppend(strict, view, 2, 1, NOW);
        cluster.verify(2, strategy, "y");
        cluster.grantAndAppend(strict, view, 3, 1, NOW);
        cluster.verify(3, strategy, "z");
        assertEquals(StrategyStatus.DISPUTED, cluster.read(s -> s.strategy(strategy)).orElseThrow().status());
        assertEquals(List.of("WORK s/0"), kinds(cluster.grantAndAppend(strict, view, 4, 1, NOW)), "re-run");

        assertEquals(List.of("SPECULATIVE s/0"), kinds(cluster.grantAndAppend(strict, view, 0, 1, NOW)),
                "the end of the search: the dispute needs nothing more, the re-run may be raced");
        assertEquals(List.of(), cluster.grantAndAppend(strict, view, 1, 1, NOW), "not its reporter");
    }

    @Test
    void aReportWithItsQuorumAwaitingThisPeersOwnReRunIsNeitherVerifiedAgainNorReRun() {
        for (int extra : new int[] {0, 3}) {
            Coordinator judging = new Coordinator(new LeasePolicy(3.0, 30_000, extra, 0, 0));
            TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 1, 50);
            cluster.ledgers.get(0).requireOwnVerdicts();
            cluster.append(0, TestCluster.search("s", 1, 2, false));
            MembershipView view = cluster.view(1, 0, 1, 2, 3);
            cluster.grantAndAppend(judging, view, 1, 1, NOW);
            StrategyId strategy = cluster.report(1, "s", 0, "x");
            cluster.grantAndAppend(judging, view, 2, 1, NOW);
            cluster.verify(2, strategy, "x");
            assertEquals(StrategyStatus.PENDING, cluster.read(s -> s.strategy(strategy)).orElseThrow().status());

            WorkBook book = cluster.read(s -> WorkBook.of(s, view, NOW, judging.policy()));
            WorkBook.VerificationNeed need = book.searches().get(0).units().get(0).verifications().get(0);
            assertEquals(0, need.wanted(), extra + " extra: the votes are in");
            assertFalse(need.exhausted(), extra + " extra: the report awaits this peer, not more votes");
            assertEquals(List.of(), cluster.read(s -> judging.grant(s, view, cluster.id(3), 1, NOW)), extra + " extra");
            assertTrue(book.searches().get(0).units().get(0).failedReporters().isEmpty(), "its reporter is not failed");
            assertEquals(List.of(), units(book.unitsNeedingWork()));
        }
    }
}
