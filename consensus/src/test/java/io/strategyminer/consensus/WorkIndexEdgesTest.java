package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.consensus.WorkBook.UnitWork;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.StrategyStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A {@link WorkIndex} at the edges of its incremental updates: an analysis made exactly at a lease's deadline, a
 * fact about a unit the search does not have, a dataset published after its search, a verdict of this peer's own
 * that changes a status without an event, and time going backwards. Each time the indexed work book must decide
 * exactly as one built from scratch.
 */
class WorkIndexEdgesTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final LeasePolicy POLICY = new LeasePolicy(3.0, 30_000, 3, 0, 0);
    private final Coordinator coordinator = new Coordinator(POLICY);

    private static List<String> units(Iterable<UnitWork> units) {
        return StreamSupport.stream(units.spliterator(), false)
                .map(u -> u.search().searchId() + "/" + u.unit().unit()).toList();
    }

    /** The indexed work book decides as one analysed from scratch at the same time and view. */
    private void assertSameDecisions(TestCluster cluster, WorkBook indexed, long now) {
        WorkBook fresh = cluster.read(s -> WorkBook.of(s, indexed.view(), now, POLICY));
        assertEquals(fresh.searches(), indexed.searches());
        assertEquals(units(fresh.unitsNeedingWork()), units(indexed.unitsNeedingWork()));
        assertEquals(units(fresh.unitsRunning()), units(indexed.unitsRunning()));
        assertEquals(units(fresh.unitsVerifying()), units(indexed.unitsVerifying()));
        LeaseTerm term = new LeaseTerm(fresh.view().id(), 7);
        for (int peer = 0; peer < cluster.members.size(); peer++) {
            assertEquals(fresh.assignments(cluster.id(peer)), indexed.assignments(cluster.id(peer)));
            assertEquals(coordinator.grant(fresh, term, cluster.id(peer), 1, now),
                    coordinator.grant(indexed, term, cluster.id(peer), 1, now));
        }
    }

    @Test
    void anAnalysisMadeExactlyAtADeadlineExpiresOneMillisecondLater() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        long deadline = cluster.grantAndAppend(coordinator, view, 1, 1, NOW).get(0).deadlineMillis();

        WorkBook atDeadline = cluster.read(s -> WorkBook.of(s, view, deadline, POLICY, index));
        assertEquals(List.of("s/0"), units(atDeadline.unitsRunning()), "the lease holds at its deadline");
        WorkBook after = cluster.read(s -> WorkBook.of(s, view, deadline + 1, POLICY, index));
        assertEquals(List.of("s/0"), units(after.unitsNeedingWork()), "and lapses a millisecond after");
        assertEquals(List.of(), units(after.unitsRunning()));
        assertSameDecisions(cluster, after, deadline + 1);
    }

    @Test
    void timeGoingBackwardsRestoresTheLeaseThatHadLapsed() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        long deadline = cluster.grantAndAppend(coordinator, view, 1, 1, NOW).get(0).deadlineMillis();
        assertEquals(List.of("s/0"), units(cluster.read(s -> WorkBook.of(s, view, deadline + 1, POLICY, index))
                .unitsNeedingWork()));
        WorkBook back = cluster.read(s -> WorkBook.of(s, view, deadline - 1, POLICY, index));
        assertEquals(List.of(), units(back.unitsNeedingWork()), "the clock went back before the deadline");
        assertEquals(List.of("s/0"), units(back.unitsRunning()));
        assertSameDecisions(cluster, back, deadline - 1);
    }

    @Test
    void factsAboutAUnitPastTheEndOfItsSearchChangeNothing() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 2, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        cluster.grantAndAppend(coordinator, view, 2, 1, NOW); // unit 0, at epoch 1
        cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        // the same epoch: no new plausible epoch, so the index replays these events rather than rebuilding
        cluster.append(0, new LeaseGranted("s", 2, cluster.id(1), 1, NOW + 60_000, LeaseKind.WORK, null));
        cluster.checkpoint(1, "s", 2, 4);
        cluster.report(1, "s", 2, "past-the-end");
        cluster.checkpoint(1, "unknown", 0, 4);

        WorkBook indexed = cluster.read(s -> WorkBook.of(s, view, NOW + 1, POLICY, index));
        assertEquals(List.of("s/1"), units(indexed.unitsNeedingWork()));
        assertEquals(List.of(), indexed.assignments(cluster.id(1)));
        assertSameDecisions(cluster, indexed, NOW + 1);
    }

    @Test
    void aDatasetPublishedAfterItsSearchSizesTheNextDeadlines() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 2, 20_000);
        cluster.append(0, TestCluster.search("s", 4, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        Coordinator noFloor = new Coordinator(new LeasePolicy(3.0, 1, 3, 0, 0));
        WorkBook before = cluster.read(s -> WorkBook.of(s, view, NOW, noFloor.policy(), index));
        // 1,000 backtests of 1,000 candles (the dataset is unknown) at 1e7 candle-steps/s per slot: 0.1 s, ×3
        assertEquals(NOW + 300, noFloor.grant(before, new LeaseTerm(1, 1), cluster.id(1), 1, NOW).get(0)
                .deadlineMillis());

        cluster.append(0, new DatasetPublished(TestCluster.DATASET, "btc", "BTC-USD", 300, 20_000, 960_000,
                List.of(TestCluster.sha("chunk"))));
        WorkBook after = cluster.read(s -> WorkBook.of(s, view, NOW + 1, noFloor.policy(), index));
        // the in-sample 70 % of 20,000 candles: 14,000 per backtest, 1.4 s, ×3
        assertEquals(NOW + 1 + 4_200, noFloor.grant(after, new LeaseTerm(1, 1), cluster.id(1), 1, NOW + 1).get(0)
                .deadlineMillis());
        WorkBook fresh = cluster.read(s -> WorkBook.of(s, view, NOW + 1, noFloor.policy()));
        assertEquals(noFloor.grant(fresh, new LeaseTerm(1, 1), cluster.id(1), 2, NOW + 1),
                noFloor.grant(after, new LeaseTerm(1, 1), cluster.id(1), 2, NOW + 1));
    }

    @Test
    void aVerdictOfThisPeersOwnIsSeenWithoutAnEvent() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.ledgers.get(0).requireOwnVerdicts();
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        cluster.grantAndAppend(coordinator, view, 1, 1, NOW);
        StrategyId strategy = cluster.report(1, "s", 0, "trades");
        cluster.verify(2, strategy, "trades");
        WorkBook waiting = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        assertEquals(StrategyStatus.PENDING, cluster.read(s -> s.strategy(strategy)).orElseThrow().status(),
                "a quorum of votes, but this peer has not re-run it");
        assertTrue(waiting.hasOpenSearch());
        assertEquals(List.of("s/0"), units(waiting.unitsVerifying()));

        cluster.ledgers.get(0).recordOwnDigest(strategy, TestCluster.digest("trades"));
        WorkBook judged = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        assertFalse(judged.hasOpenSearch(), "its only unit is done");
        assertEquals(List.of(), judged.searches());
        assertEquals(List.of(), units(judged.unitsVerifying()));
        assertSameDecisions(cluster, judged, NOW);
    }

    @Test
    void anOpenSearchIsOneWithAUnitNotFinished() {
        TestCluster cluster = new TestCluster(List.of("a", "b"), 1, 50);
        MembershipView view = cluster.view(1, 0, 1);
        assertFalse(cluster.read(s -> WorkBook.of(s, view, NOW, POLICY)).hasOpenSearch(), "no search at all");
        cluster.append(0, TestCluster.search("s", 1, 1, false));
        assertTrue(cluster.read(s -> WorkBook.of(s, view, NOW, POLICY)).hasOpenSearch());
        cluster.grantAndAppend(coordinator, view, 1, 1, NOW);
        cluster.report(1, "s", 0, "trades"); // quorum 1: canonical at once
        WorkBook done = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY));
        assertFalse(done.hasOpenSearch());
        assertEquals(Optional.empty(), done.searches().stream().findFirst());
    }

    @Test
    void leasesOfTheSameTermAndVerificationsAreReplayedIntoTheIndex() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 2, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        LeaseTerm term = new LeaseTerm(view.id(), 1);
        WorkBook first = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        coordinator.grant(first, term, cluster.id(1), 1, NOW).forEach(lease -> cluster.append(0, lease));
        WorkBook second = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index)); // epoch 1 is new: a rebuild
        // a second lease of the same term: no new epoch, so the index replays it rather than rebuilding
        coordinator.grant(second, term, cluster.id(2), 1, NOW).forEach(lease -> cluster.append(0, lease));
        WorkBook third = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        assertEquals(List.of(), units(third.unitsNeedingWork()));
        assertEquals(List.of("s/0", "s/1"), units(third.unitsRunning()));
        assertSameDecisions(cluster, third, NOW);

        StrategyId strategy = cluster.report(1, "s", 0, "trades");
        WorkBook reported = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        assertEquals(List.of("s/0"), units(reported.unitsVerifying()));
        cluster.verify(0, strategy, "trades");
        WorkBook verified = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        assertEquals(List.of(), units(verified.unitsVerifying()), "the verification made the report canonical");
        assertEquals(1, verified.searches().get(0).units().stream().filter(WorkBook.UnitWork::done).count());
        assertSameDecisions(cluster, verified, NOW);
    }

    @Test
    void aSearchSubmittedByABannedPeerLeavesTheIndex() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        cluster.append(2, TestCluster.search("by-liar", 2, 2, false));
        MembershipView view = cluster.view(1, 0, 1);
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        assertEquals(2, cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index)).searches().size());

        PeerIdentity liar = cluster.identities.get(2);
        Event one = Event.sign(liar.peerId(), 99, Sha256.of(new byte[] {1}), 99, TestCluster.search("x", 1, 1, false),
                liar);
        Event two = Event.sign(liar.peerId(), 99, Sha256.of(new byte[] {1}), 99, TestCluster.search("y", 1, 1, false),
                liar);
        Equivocation.between(one, two, liar.publicKey()).orElseThrow().proof().forEach(part -> cluster.append(0, part));
        WorkBook banned = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        assertEquals(List.of("s"), banned.searches().stream().map(w -> w.search().searchId()).toList());

        cluster.checkpoint(1, "by-liar", 0, 3); // a fact about the search that no longer shows
        WorkBook after = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        assertEquals(List.of("s/0"), units(after.unitsNeedingWork()));
        assertSameDecisions(cluster, after, NOW);
    }
}
