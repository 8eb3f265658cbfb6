package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.state.LeaseView;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Lease epochs are coordinator terms, not view ids: both sides of a partition install views with the same id, and a
 * cluster that restarts numbers its views from 1 again, yet a lease granted after another was seen must order after
 * it, and a newer term after every lease its coordinator knew.
 */
class LeaseTermTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final LeasePolicy POLICY = new LeasePolicy(3.0, 30_000, 3, 0, 0);
    private final Coordinator coordinator = new Coordinator(POLICY);

    @Test
    void bothSidesOfASplitShareAViewIdYetTheTermAfterTheHealOrdersAfterBoth() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d"), 1, 50);
        cluster.append(0, TestCluster.search("s", 4, 2, false));
        cluster.grantAndAppend(coordinator, cluster.view(1, 0, 1, 2, 3), 1, 1, NOW); // unit 0 to peer 1, epoch 1

        // 2 | 2: each side installs view 2 and its coordinator grants, unseen by the other side
        MembershipView left = cluster.view(2, 0, 1);
        MembershipView right = cluster.view(2, 2, 3);
        LeaseTerm leftTerm = term(cluster, 0, Optional.empty(), left);
        LeaseTerm rightTerm = term(cluster, 2, Optional.empty(), right);
        List<Event> leftLeases = grantOn(cluster, 0, left, leftTerm, 0);
        List<Event> rightLeases = grantOn(cluster, 2, right, rightTerm, 3); // re-leases peer 1's unit: not in its view
        assertEquals(2, leftTerm.epoch());
        assertEquals(leftTerm.epoch(), rightTerm.epoch(), "concurrent terms: the same epoch on both sides");
        assertEquals(0, lease(rightLeases.get(0)).unit(), "the right side re-leased the unit held by the left side");

        // heal: every ledger gets both sides' leases; the left coordinator, still in view 2, moves past the right's
        rightLeases.forEach(e -> applyEverywhere(cluster, e));
        leftLeases.forEach(e -> applyEverywhere(cluster, e));
        LeaseTerm moved = term(cluster, 0, Optional.of(leftTerm), left);
        assertEquals(3, moved.epoch(), "another coordinator granted at its epoch: the term moves past it");
        LeaseTerm merged = term(cluster, 0, Optional.of(moved), cluster.view(3, 0, 1, 2, 3));
        assertTrue(merged.epoch() > Math.max(leftTerm.epoch(), rightTerm.epoch()));

        // peer 3 does not come back: the merged term re-leases its unit, and that lease is the one that counts
        MembershipView withoutPeer3 = cluster.view(3, 0, 1, 2);
        List<Event> regrant = grantOn(cluster, 0, withoutPeer3, merged, 2);
        assertEquals(List.of(0), regrant.stream().map(e -> lease(e).unit()).toList());
        WorkBook book = cluster.read(s -> WorkBook.of(s, withoutPeer3, NOW, POLICY));
        assertEquals(List.of(lease(regrant.get(0))), book.assignments(cluster.id(2)).stream().map(LeaseView::lease)
                .toList());
        assertEquals(List.of(), book.assignments(cluster.id(1)).stream().filter(l -> l.lease().unit() == 0).toList(),
                "the lease of the term before the split no longer counts");
    }

    @Test
    void aRestartedClusterNumbersItsViewsFromOneButItsLeasesOrderAfterTheOldOnes() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        for (int view = 1; view <= 5; view++) { // five terms before the restart; peer 1 checkpoints under each
            cluster.append(0, new LeaseGranted("s", 0, cluster.id(1), view, NOW + view, LeaseKind.WORK, null));
            cluster.checkpoint(1, "s", 0, view);
        }
        MembershipView restarted = cluster.view(1, 0, 1, 2);
        LeaseTerm term = term(cluster, 0, Optional.empty(), restarted);
        assertEquals(6, term.epoch(), "view 1 again, but the term continues from the ledger");

        long later = NOW + 3_600_000; // the old leases' deadlines have passed; peer 1 made progress under them
        Event lease = cluster.ledgers.get(0).append(new LeaseGranted("s", 0, cluster.id(2), term.epoch(),
                later + 60_000, LeaseKind.WORK, null));
        applyEverywhere(cluster, lease);
        MembershipView fewJoinsLater = cluster.view(5, 0, 1, 2); // as high a view id as the old terms reached
        WorkBook book = cluster.read(s -> WorkBook.of(s, fewJoinsLater, later, POLICY));
        assertEquals(List.of(lease(lease)), book.assignments(cluster.id(2)).stream().map(LeaseView::lease).toList());
        assertEquals(List.of(), book.assignments(cluster.id(1)), "the old term's holder no longer holds the unit");
    }

    @Test
    void aForgedEpochAboveAGapNeitherOutranksTheRealLeasesNorBlocksTheNextTerms() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 1, 2, false));
        MembershipView view = cluster.view(1, 0, 1, 2);
        cluster.grantAndAppend(coordinator, view, 1, 1, NOW);
        cluster.append(2, new LeaseGranted("s", 0, cluster.id(2), Long.MAX_VALUE, NOW + 60_000, LeaseKind.WORK, null));

        long top = cluster.read(s -> s.leaseEpochs().top());
        assertEquals(1, top, "nothing above the gap is plausible");
        WorkBook book = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY));
        assertEquals(1, book.assignments(cluster.id(1)).size(), "the real lease still holds the unit");
        assertEquals(List.of(), book.assignments(cluster.id(2)));
        assertEquals(2, term(cluster, 0, Optional.empty(), cluster.view(2, 0, 1, 2)).epoch(),
                "the next term is one above the plausible top, not past the forged epoch");
    }

    @Test
    void aTermHoldsThroughItsOwnLeasesAndNewViewsStartNewTerms() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 1, 50);
        cluster.append(0, TestCluster.search("s", 3, 2, false));
        MembershipView view = cluster.view(4, 0, 1, 2);
        LeaseTerm first = term(cluster, 0, Optional.empty(), view);
        grantOn(cluster, 0, view, first, 1).forEach(e -> applyEverywhere(cluster, e));
        grantOn(cluster, 0, view, first, 2).forEach(e -> applyEverywhere(cluster, e));
        assertSame(first, term(cluster, 0, Optional.of(first), view), "its own leases do not end a term");
        LeaseTerm next = term(cluster, 0, Optional.of(first), cluster.view(5, 0, 1));
        assertEquals(first.epoch() + 1, next.epoch());
        boolean foreign = cluster.read(s -> s.leaseEpochs().grantedByOtherThan(first.epoch(), cluster.id(0)));
        assertFalse(foreign);
    }

    private static LeaseTerm term(TestCluster cluster, int peer, Optional<LeaseTerm> current, MembershipView view) {
        return cluster.ledgers.get(peer).read(s -> LeaseTerm.next(current, view, s.leaseEpochs(), cluster.id(peer)));
    }

    /** One grant decided and appended on {@code peer}'s ledger only (its side of a partition). */
    private List<Event> grantOn(TestCluster cluster, int peer, MembershipView view, LeaseTerm term, int requester) {
        Ledger ledger = cluster.ledgers.get(peer);
        List<LeaseGranted> leases = ledger.read(s -> coordinator.grant(WorkBook.of(s, view, NOW, POLICY), term,
                cluster.id(requester), 1, NOW));
        List<Event> events = leases.stream().map(ledger::append).toList();
        for (int i = 0; i < cluster.ledgers.size(); i++) {
            if (i != peer && view.contains(cluster.id(i))) {
                events.forEach(cluster.ledgers.get(i)::apply);
            }
        }
        return events;
    }

    private static void applyEverywhere(TestCluster cluster, Event event) {
        cluster.ledgers.forEach(ledger -> ledger.apply(event));
    }

    private static LeaseGranted lease(Event event) {
        return (LeaseGranted) event.payload();
    }
}
