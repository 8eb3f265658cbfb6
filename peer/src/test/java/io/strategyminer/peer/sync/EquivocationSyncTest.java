package io.strategyminer.peer.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.BanView;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.miner.SearchSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member running modified code signs two versions of one event and gives one to each of two honest peers (real
 * RocksDB ledgers, real encrypted sync sessions over loopback). Before: the peers diverged forever, and the version
 * whose successor reached the other peer made every repair round fail with BROKEN_CHAIN. Now the sessions reveal the
 * fork, a peer publishes the proof, both ban the member, end with equal states, and repair moves nothing of its.
 */
class EquivocationSyncTest {
    private static final SyncSettings SETTINGS = SyncSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(30));

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final PeerIdentity member = PeerIdentity.generate();
    private final List<Event> memberChain = new ArrayList<>();
    private Ledger client;
    private Ledger server;
    private SyncClient sync;
    private int port;

    @BeforeEach
    void twoHonestPeersHoldTheMembersFirstEvents() throws Exception {
        client = honest("client");
        server = honest("server");
        SyncServer syncServer = new SyncServer(SyncFixtures.SECRET, server, new DatasetStore(dir.resolve("server-datasets")),
                SETTINGS);
        open.add(syncServer);
        port = syncServer.start("127.0.0.1", 0).getPort();
        sync = new SyncClient(SyncFixtures.SECRET, client, new DatasetStore(dir.resolve("client-datasets")), SETTINGS);
        open.add(sync);
        memberChain.add(signed(1, null, PeerAnnounced.of(member, "member", MachineId.fromSystemId("member-machine"),
                4, 1_000.0, EngineVersion.CURRENT)));
        memberChain.add(signed(2, memberChain.get(0), search("by-member")));
        sync.sync("127.0.0.1", port);
        client.applyBatch(memberChain);
        server.applyBatch(memberChain);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Ledger honest(String name) {
        PeerIdentity identity = PeerIdentity.generate();
        Ledger ledger = Ledger.open(dir.resolve(name), identity);
        open.add(ledger);
        ledger.append(PeerAnnounced.of(identity, name, MachineId.fromSystemId(name), 2, 1_000.0, EngineVersion.CURRENT));
        return ledger;
    }

    /** What modified code does: sign whatever it likes under its own key. */
    private Event signed(long sequence, Event previous, Payload payload) {
        return Event.sign(member.peerId(), sequence, previous == null ? Sha256.ZERO : previous.hash(),
                previous == null ? 1 : previous.lamport() + 1, payload, member);
    }

    private static SearchSubmitted search(String id) {
        return new SearchSubmitted(id, SearchSpec.builder().dataset(new DatasetId("ab".repeat(32))).seed(7).workUnits(2)
                .quorum(1).build());
    }

    private SyncResult round() throws SyncException {
        return sync.sync("127.0.0.1", port);
    }

    private long brokenChains(Ledger ledger) {
        return ledger.stats().rejected().getOrDefault(RejectReason.BROKEN_CHAIN, 0L);
    }

    private void assertBannedConvergedAndQuiet() throws SyncException {
        for (Ledger ledger : List.of(client, server)) {
            assertEquals(List.of(new BanView(member.peerId(), 3)), ledger.read(LedgerState::bans), ledger.toString());
            assertTrue(ledger.<Boolean>read(state -> state.search("by-member").isEmpty()), "its events count nowhere");
        }
        assertEquals(client.read(LedgerState::snapshot), server.read(LedgerState::snapshot));
        long broken = brokenChains(client) + brokenChains(server);
        SyncResult quiet = round();
        assertTrue(quiet.nothingMoved(), "nothing of the member is exchanged any more: " + quiet);
        assertEquals(broken, brokenChains(client) + brokenChains(server), "no more BROKEN_CHAIN rounds");

        // the honest peers go on and stay converged
        client.append(search("after-the-ban"));
        assertEquals(1, round().eventsSent());
        assertEquals(client.read(LedgerState::snapshot), server.read(LedgerState::snapshot));
    }

    @Test
    void aVersionWhoseSuccessorReachesTheOtherPeerIsProvenAndRepairStopsFailing() throws Exception {
        Event a = signed(3, memberChain.get(1), search("version-a"));
        client.apply(a);
        client.apply(signed(4, a, new LeaseGranted("by-member", 0, member.peerId(), 1, 1_700_000_000_000L,
                LeaseKind.WORK, null)));
        server.apply(signed(3, memberChain.get(1), search("version-b")));

        round(); // the server refuses the successor (BROKEN_CHAIN), sees the fork and publishes the proof

        assertEquals(1, brokenChains(server));
        assertTrue(server.<Boolean>read(state -> state.banned(member.peerId())));
        assertFalse(client.<Boolean>read(state -> state.banned(member.peerId())));
        round(); // the proof reaches the client, which bans the member and vouches for the proof itself
        assertTrue(client.<Boolean>read(state -> state.banned(member.peerId())));
        round(); // its own proof reaches the server
        assertBannedConvergedAndQuiet();
    }

    @Test
    void twoVersionsAtTheSameSequenceAreExchangedThroughTheChainTipsAndBothPeersProveIt() throws Exception {
        client.apply(signed(3, memberChain.get(1), search("version-a")));
        server.apply(signed(3, memberChain.get(1), search("version-b")));
        assertEquals(client.versionVector(), server.versionVector(), "vectors alone cannot tell them apart");

        SyncResult first = round();

        assertEquals(1, first.eventsRejected(), "the client refused the server's version: " + first);
        assertTrue(client.<Boolean>read(state -> state.banned(member.peerId())));
        assertTrue(server.<Boolean>read(state -> state.banned(member.peerId())));
        round(); // each side's proof reaches the other
        assertBannedConvergedAndQuiet();
    }
}
