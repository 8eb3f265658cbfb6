package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's decision load at full size, without simulating the rest of the cluster: one
 * real ledger holding N peers' announcements and one search of U units; peers ask for one slot in
 * turn (64 slots each, so every request is answered) and the coordinator decides and appends (signs) each
 * lease. Reports leases/s while the first leases are granted (nothing is done yet, so every unit is
 * open), then the time of a renewal tick. Decisions go through a {@link WorkIndex} following the
 * ledger, as in {@link ConsensusNode}: each lease re-analyses the one unit it changed, and a
 * decision reads only the units that need something.
 * Sizes from {@code -Dsm.scale.sizes=PEERSxUNITS,…} (default 100x1000,300x10000,1000x100000).
 */
@Tag("benchmark")
class CoordinatorScaleBenchmark {
    /** One coordinator, one term, as through a long search without a view change. */
    private static final LeaseTerm TERM = new LeaseTerm(1, 1);

    @Test
    void leasesPerSecondAsPeersAndUnitsGrow() {
        String sizes = System.getProperty("sm.scale.sizes", "100x1000,300x10000,1000x100000");
        System.out.println("| peers | units | first decision ms | requests after it | leases/s | ms per lease"
                + " | of which deciding ms | ms per renewal tick |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String size : sizes.split(",")) {
            String[] parts = size.split("x");
            measure(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
    }

    private static void measure(int peers, int units) {
        List<PeerIdentity> identities = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        Ledger coordinatorLedger = null;
        List<Event> announcements = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            PeerIdentity identity = PeerIdentity.generate();
            identities.add(identity);
            MachineId machine = MachineId.fromSystemId("scale-" + i);
            members.add(new Member(identity.peerId(), machine));
            Ledger own = Ledger.open(new MemoryLedgerStore(), identity);
            announcements.add(own.append(PeerAnnounced.of(identity, "p" + i, machine, 64, 2_000.0 * 64,
                    EngineVersion.CURRENT)));
            if (i == 0) {
                coordinatorLedger = own;
            } else {
                own.close();
            }
        }
        Ledger ledger = coordinatorLedger;
        ledger.applyBatch(announcements.subList(1, announcements.size()));
        ledger.append(TestCluster.search("scale", units, 2, false));
        MembershipView view = new MembershipView(1, members);
        Coordinator coordinator = new Coordinator(LeasePolicy.DEFAULT);
        WorkIndex index = WorkIndex.following(ledger); // as the coordinator's ConsensusNode keeps it
        long now = 1_700_000_000_000L;
        int requests = Math.max(20, Math.min(300, 3_000_000 / units));
        long coldStart = System.nanoTime();
        List<LeaseGranted> first = decide(ledger, coordinator, index, view, members.get(1), now); // every unit
        first.forEach(ledger::append);
        int granted = first.size();
        double coldMillis = (System.nanoTime() - coldStart) / 1e6;
        long deciding = 0;
        long start = System.nanoTime();
        for (int r = 1; r <= requests; r++) {
            long decisionStart = System.nanoTime();
            List<LeaseGranted> leases = decide(ledger, coordinator, index, view, members.get(1 + r % (peers - 1)), now);
            deciding += System.nanoTime() - decisionStart;
            leases.forEach(ledger::append); // signed, stored, folded into the state, seen by the index
            granted += leases.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(requests + 1, granted, "every request of a free peer gets a lease while units are open");
        int ticks = 100;
        long tickStart = System.nanoTime();
        for (int t = 1; t <= ticks; t++) {
            long at = now + t; // before every deadline: nothing is due, as on most ticks
            assertEquals(List.of(), ledger.read(s -> coordinator.renewals(
                    WorkBook.of(s, view, at, LeasePolicy.DEFAULT, index), TERM, at)));
        }
        double tickMillis = (System.nanoTime() - tickStart) / 1e6 / ticks;
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %d | %.1f | %.3f | %.3f | %.3f |%n", peers, units,
                coldMillis, requests, requests / seconds, seconds * 1000 / requests, deciding / 1e6 / requests,
                tickMillis);
        ledger.close();
    }

    /** One work request of one free slot, decided as the coordinator's node does (the caller appends). */
    private static List<LeaseGranted> decide(Ledger ledger, Coordinator coordinator, WorkIndex index,
                                             MembershipView view, Member asker, long now) {
        return ledger.read(s -> coordinator.grant(WorkBook.of(s, view, now, LeasePolicy.DEFAULT, index), TERM,
                asker.peer(), 1, now));
    }
}
