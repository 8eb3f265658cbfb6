package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.consensus.WorkBook.Runner;
import io.strategyminer.consensus.WorkBook.UnitWork;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LeaseView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A work book read from a {@link WorkIndex} kept up to date from ledger events equals one built
 * from scratch, and its indexes hold exactly the units a full scan picks, in the same order; so
 * the coordinator decides the same through either.
 */
class WorkIndexTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final LeasePolicy POLICY = new LeasePolicy(3.0, 5_000, 3, 1, 0);

    /**
     * Random steps: grants and renewals decided from the index, checkpoints, honest and lying
     * reports, verifications, view changes, time passing deadlines (and going back), re-announcements
     * and new searches. At every step both books, every index against a full scan, every peer's
     * assignments and grants, and the renewals are compared.
     */
    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9, 10})
    void anIndexedWorkBookDecidesExactlyAsOneBuiltFromScratch(long seed) {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c", "d", "e", "a"), 2, 4);
        cluster.append(0, TestCluster.search("s", 12, 2, false));
        Coordinator coordinator = new Coordinator(POLICY);
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        Random random = new Random(seed);
        List<StrategyId> reports = new ArrayList<>();
        MembershipView view = cluster.view(1, 0, 1, 2, 3, 4, 5);
        long now = NOW;
        int searches = 1;
        for (int step = 0; step < 400; step++) {
            long at = now;
            MembershipView current = view;
            String where = "seed " + seed + " step " + step;
            LeaseTerm term = cluster.read(s -> LeaseTerm.next(Optional.empty(), current, s.leaseEpochs(),
                    current.coordinator().peer()));
            WorkBook fresh = cluster.read(s -> WorkBook.of(s, current, at, POLICY));
            WorkBook indexed = cluster.read(s -> WorkBook.of(s, current, at, POLICY, index));
            assertEquals(fresh.searches(), indexed.searches(), where);
            assertIndexesMatchAFullScan(fresh, where);
            assertIndexesMatchAFullScan(indexed, where);
            for (int p = 0; p < cluster.members.size(); p++) {
                PeerId peer = cluster.id(p);
                assertEquals(fresh.assignments(peer), indexed.assignments(peer), where);
                assertEquals(assignmentsByFullScan(fresh, peer), indexed.assignments(peer), where);
                assertEquals(coordinator.grant(fresh, term, peer, 3, at), coordinator.grant(indexed, term, peer, 3, at), where);
            }
            assertEquals(coordinator.renewals(fresh, term, at), coordinator.renewals(indexed, term, at), where);

            int peer = random.nextInt(cluster.members.size());
            switch (random.nextInt(12)) {
                case 0, 1, 2 -> coordinator.grant(indexed, term, cluster.id(peer), 1 + random.nextInt(2), at)
                        .forEach(lease -> cluster.append(cluster.members.indexOf(current.coordinator()), lease));
                case 3, 4 -> {
                    List<LeaseGranted> held = indexed.assignments(cluster.id(peer)).stream()
                            .map(LeaseView::lease).filter(l -> l.kind() != LeaseKind.VERIFY).toList();
                    if (!held.isEmpty()) {
                        LeaseGranted lease = held.get(0);
                        if (random.nextBoolean()) {
                            cluster.checkpoint(peer, lease.searchId(), lease.unit(), 1 + random.nextInt(20));
                        } else {
                            reports.add(cluster.report(peer, lease.searchId(), lease.unit(),
                                    random.nextInt(4) == 0 ? "lie" : "d" + lease.unit()));
                        }
                    }
                }
                case 5 -> {
                    if (!reports.isEmpty()) {
                        StrategyId target = reports.get(random.nextInt(reports.size()));
                        int unit = cluster.read(s -> s.strategy(target)).orElseThrow().report().unit();
                        cluster.verify(peer, target, random.nextBoolean() ? "d" + unit : "other");
                    }
                }
                case 6, 7 -> now += random.nextInt(3) == 0 ? random.nextInt(1_000_000) : random.nextInt(4_000);
                case 8 -> view = random.nextBoolean() ? cluster.view(view.id() + 1, 0, 1, 2, 3, 4, 5)
                        : cluster.view(view.id() + 1, 0, 2, 4);
                case 9 -> coordinator.renewals(indexed, term, at)
                        .forEach(lease -> cluster.append(cluster.members.indexOf(current.coordinator()), lease));
                case 10 -> now -= random.nextInt(3) == 0 ? random.nextInt(1_000_000) : random.nextInt(3_000);
                default -> {
                    if (random.nextBoolean() && searches < 4) {
                        cluster.append(peer, TestCluster.search("s" + searches++, 4 + random.nextInt(6), 2,
                                random.nextBoolean()));
                    } else {
                        cluster.append(peer, PeerAnnounced.of(cluster.identities.get(peer), "again-" + step,
                                cluster.members.get(peer).machine(), 1 + random.nextInt(3), 2 + random.nextInt(6),
                                EngineVersion.CURRENT));
                    }
                }
            }
        }
    }

    @Test
    void aBanRefreshesTheUnitsOfTheBannedPeer() {
        TestCluster cluster = new TestCluster(List.of("a", "b", "c"), 2, 4);
        cluster.append(0, TestCluster.search("s", 6, 2, false));
        Coordinator coordinator = new Coordinator(POLICY);
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        MembershipView view = cluster.view(1, 0, 1, 2);
        WorkBook before = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        coordinator.grant(before, new LeaseTerm(view.id(), 1), cluster.id(2), 3, NOW).forEach(lease -> cluster.append(0, lease));
        cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        // peer 2 signs two versions of an event; peer 0 publishes the proof: peer 2's leases count no more
        PeerIdentity liar = cluster.identities.get(2);
        Event one = Event.sign(liar.peerId(), 99, Sha256.of(new byte[] {1}), 99, TestCluster.search("x", 1, 1, false), liar);
        Event two = Event.sign(liar.peerId(), 99, Sha256.of(new byte[] {1}), 99, TestCluster.search("y", 1, 1, false), liar);
        Equivocation.between(one, two, liar.publicKey()).orElseThrow().proof().forEach(part -> cluster.append(0, part));

        WorkBook fresh = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY));
        WorkBook indexed = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        assertEquals(fresh.searches(), indexed.searches());
        assertEquals(List.of(), indexed.assignments(cluster.id(2)));
    }

    @Test
    void aWorkBookRefusesToBeReadAfterItsIndexMovedOn() {
        TestCluster cluster = new TestCluster(List.of("a", "b"), 2, 4);
        cluster.append(0, TestCluster.search("s", 3, 2, false));
        WorkIndex index = WorkIndex.following(cluster.ledgers.get(0));
        MembershipView view = cluster.view(1, 0, 1);
        WorkBook first = cluster.read(s -> WorkBook.of(s, view, NOW, POLICY, index));
        assertEquals(3, first.searches().get(0).units().size());
        cluster.read(s -> WorkBook.of(s, view, NOW + 1, POLICY, index));
        assertThrows(IllegalStateException.class, () -> first.assignments(cluster.id(1)));
    }

    private static void assertIndexesMatchAFullScan(WorkBook book, String where) {
        assertEquals(scan(book, UnitWork::needsWork), list(book.unitsNeedingWork()), where);
        assertEquals(scan(book, unit -> !unit.verifications().isEmpty()), list(book.unitsVerifying()), where);
        assertEquals(scan(book, unit -> !unit.activeRunners().isEmpty()), list(book.unitsRunning()), where);
        assertEquals(scan(book, unit -> unit.runners().stream().anyMatch(Runner::renewalDue)),
                list(book.unitsDueForRenewal()), where);
        for (UnitWork unit : book.unitsRunning()) {
            boolean searchNeedsWork = book.searches().stream().filter(s -> s.search().equals(unit.search()))
                    .anyMatch(s -> s.units().stream().anyMatch(UnitWork::needsWork));
            assertEquals(searchNeedsWork, book.searchNeedsWork(unit), where);
        }
    }

    /** Every unit of every open search, in search and unit order, that {@code wanted} accepts. */
    private static List<UnitWork> scan(WorkBook book, Predicate<UnitWork> wanted) {
        return book.searches().stream().flatMap(search -> search.units().stream()).filter(wanted).toList();
    }

    private static List<UnitWork> list(Iterable<UnitWork> units) {
        return StreamSupport.stream(units.spliterator(), false).toList();
    }

    /** A peer's assignments by walking every unit: its active runners, then its outstanding verifications. */
    private static List<LeaseView> assignmentsByFullScan(WorkBook book, PeerId peer) {
        return scan(book, unit -> true).stream().flatMap(unit -> Stream.concat(
                unit.runners().stream().filter(r -> r.active() && r.lease().lease().holder().equals(peer))
                        .map(Runner::lease),
                unit.verifications().stream().flatMap(need -> need.outstanding().stream())
                        .filter(l -> l.lease().holder().equals(peer)))).toList();
    }
}
