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
 * turn (64 slots each, so every request is answered) and the coordinator decides and appends (signs) each lease. Reports leases/s while the first
 * leases are granted (nothing is done yet, so every unit is open). Decisions go through a
 * {@link WorkBook.Memo}, as in {@link ConsensusNode}: each lease changes one unit, the others'
 * analyses are reused, but every open unit is still looked up.
 * Sizes from {@code -Dsm.scale.sizes=PEERSxUNITS,…} (default 100x1000,300x10000,1000x100000).
 */
@Tag("benchmark")
class CoordinatorScaleBenchmark {

    @Test
    void leasesPerSecondAsPeersAndUnitsGrow() {
        String sizes = System.getProperty("sm.scale.sizes", "100x1000,300x10000,1000x100000");
        System.out.println("| peers | units | first decision ms | requests after it | leases/s | ms per decision |");
        System.out.println("|---|---|---|---|---|---|");
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
        WorkBook.Memo memo = new WorkBook.Memo(); // as the coordinator's ConsensusNode keeps it
        long now = 1_700_000_000_000L;
        int requests = Math.max(20, Math.min(300, 3_000_000 / units));
        long coldStart = System.nanoTime();
        int granted = decide(ledger, coordinator, memo, view, members.get(1), now); // analyses every unit
        double coldMillis = (System.nanoTime() - coldStart) / 1e6;
        long start = System.nanoTime();
        for (int r = 1; r <= requests; r++) {
            granted += decide(ledger, coordinator, memo, view, members.get(1 + r % (peers - 1)), now);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(requests + 1, granted, "every request of a free peer gets a lease while units are open");
        System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %d | %.1f | %.2f |%n", peers, units, coldMillis, requests,
                requests / seconds, seconds * 1000 / requests);
        ledger.close();
    }

    /** One work request of one free slot, decided and appended as the coordinator's node does. */
    private static int decide(Ledger ledger, Coordinator coordinator, WorkBook.Memo memo, MembershipView view,
                              Member asker, long now) {
        List<LeaseGranted> leases = ledger.read(s -> coordinator.grant(
                WorkBook.of(s, view, now, LeasePolicy.DEFAULT, memo), asker.peer(), 1, now));
        leases.forEach(ledger::append);
        return leases.size();
    }
}
