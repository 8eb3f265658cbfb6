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
 * leases are granted (every unit scan is full then: nothing is done yet).
 * Sizes from {@code -Dsm.scale.sizes=PEERSxUNITS,…} (default 100x1000,300x10000,1000x100000).
 */
@Tag("benchmark")
class CoordinatorScaleBenchmark {

    @Test
    void leasesPerSecondAsPeersAndUnitsGrow() {
        String sizes = System.getProperty("sm.scale.sizes", "100x1000,300x10000,1000x100000");
        System.out.println("| peers | units | requests | leases/s | ms per decision |");
        System.out.println("|---|---|---|---|---|");
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
        long now = 1_700_000_000_000L;
        int requests = Math.max(20, Math.min(300, 3_000_000 / units));
        int granted = 0;
        long start = System.nanoTime();
        for (int r = 0; r < requests; r++) {
            Member asker = members.get(1 + r % (peers - 1));
            List<LeaseGranted> leases = ledger.read(s -> coordinator.grant(s, view, asker.peer(), 1, now));
            leases.forEach(ledger::append);
            granted += leases.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(requests, granted, "every request of a free peer gets a lease while units are open");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1f | %.2f |%n", peers, units, requests, granted / seconds,
                seconds * 1000 / requests);
        ledger.close();
    }
}
