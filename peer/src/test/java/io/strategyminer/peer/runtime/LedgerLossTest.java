package io.strategyminer.peer.runtime;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.data.BundledDatasets;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.LedgerCorruptedException;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.TestSearches;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer never silently replaces a lost ledger (DESIGN §8): real runtimes on loopback. Its ledger deleted
 * while it was stopped, or one of its .sst files overwritten, it refuses to start with what to do; started with
 * {@code --rebuild-from-peers} it gets its own chain back from the others and continues it, and the others accept
 * its next event (no BROKEN_CHAIN, no CONFLICT).
 */
class LedgerLossTest {
    private static final Duration REBUILD_WAIT = Duration.ofSeconds(60);

    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private final List<PeerRuntime> running = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private Path root;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createTempDirectory("sm-ledger-loss");
    }

    @AfterEach
    void stopAll() {
        running.forEach(PeerRuntime::close);
        RuntimeTestSupport.deleteTree(root);
    }

    private PeerSettings settings(int index) {
        return RuntimeTestSupport.loopbackPeer("peer-" + index, root.resolve("peer-" + index), ports.get(index), ports,
                secret);
    }

    private PeerRuntime start(PeerSettings settings) {
        PeerRuntime peer = PeerRuntime.start(settings);
        running.add(peer);
        return peer;
    }

    /** Three peers that know each other; the third has appended its announcement and dataset at least. */
    private List<PeerRuntime> startThree() {
        for (int i = 0; i < 3; i++) {
            ports.add(LoopbackTestSupport.freeBasePort());
        }
        List<PeerRuntime> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            peers.add(start(settings(i)));
        }
        await(Duration.ofSeconds(20), "every peer knows every announcement",
                () -> peers.stream().allMatch(p -> p.view().size() == 3 && p.read(s -> s.peers().size()) == 3));
        return peers;
    }

    /** Stops {@code peer} once the others hold its whole chain; returns that chain's length. */
    private long stopWhenReplicated(PeerRuntime peer, List<PeerRuntime> others) {
        long head = peer.ledger().versionVector().get(peer.peerId());
        await(Duration.ofSeconds(20), "the others hold the chain of " + peer.settings().name(), () -> others.stream()
                .allMatch(o -> o.ledger().versionVector().get(peer.peerId()) == head));
        peer.close();
        running.remove(peer);
        return head;
    }

    /** The restarted peer's settings: same data dir and identity, a new port (the old one may linger). */
    private PeerSettings restartSettings(int index) {
        int port = LoopbackTestSupport.freeBasePort();
        ports.set(index, port);
        return settings(index);
    }

    private static long rejected(List<PeerRuntime> peers, RejectReason reason) {
        return peers.stream().mapToLong(p -> p.ledger().stats().rejected().getOrDefault(reason, 0L)).sum();
    }

    @Test
    void aDeletedLedgerRefusesToStartAndIsRebuiltFromThePeersOnRequest() {
        List<PeerRuntime> peers = startThree();
        PeerRuntime lost = peers.get(2);
        List<PeerRuntime> others = peers.subList(0, 2);
        SearchSubmitted search = TestSearches.search("before-the-loss", BundledDatasets.btcUsd5m().id(), 10, 3, 1, 2,
                7L);
        lost.submit(search);
        await(Duration.ofSeconds(60), "the search is done everywhere", () -> peers.stream().allMatch(p -> p.read(
                s -> s.search(search.searchId()).map(v -> v.status() == SearchStatus.DONE).orElse(false))));
        PeerId id = lost.peerId();
        long head = stopWhenReplicated(lost, others);
        Path ledgerDir = lost.settings().dataDir().resolve("ledger");
        RuntimeTestSupport.deleteTree(ledgerDir);

        PeerSettings restart = restartSettings(2);
        StartRefusedException refused = assertThrows(StartRefusedException.class, () -> start(restart));
        assertTrue(refused.getMessage().contains("is missing") && refused.getMessage().contains(id.toString())
                && refused.getMessage().contains("--rebuild-from-peers")
                && refused.getMessage().contains("another --data-dir"), refused.getMessage());
        assertFalse(Files.exists(ledgerDir), "a refused start creates no ledger");

        long brokenChains = rejected(others, RejectReason.BROKEN_CHAIN);
        long conflicts = rejected(others, RejectReason.CONFLICT);
        PeerRuntime rebuilt = start(restart.withRebuildFromPeers(REBUILD_WAIT));

        assertEquals(head, rebuilt.recoveredThrough().orElseThrow());
        assertTrue(rebuilt.ledgerSetAside().isEmpty(), "nothing to set aside: the ledger was missing");
        assertContinues(rebuilt, others, head);
        assertEquals(brokenChains, rejected(others, RejectReason.BROKEN_CHAIN));
        assertEquals(conflicts, rejected(others, RejectReason.CONFLICT));
        assertFalse(Files.exists(restart.dataDir().resolve(HistoryGuard.REBUILDING)), "the rebuild is over");
    }

    @Test
    void aDamagedTableRefusesToStartAndIsSetAsideAndRebuiltOnRequest() throws IOException {
        List<PeerRuntime> peers = startThree();
        PeerRuntime lost = peers.get(2);
        List<PeerRuntime> others = peers.subList(0, 2);
        long head = stopWhenReplicated(lost, others);
        Path ledgerDir = lost.settings().dataDir().resolve("ledger");
        PeerIdentity identity = PeerIdentity.load(lost.settings().dataDir().resolve(PeerIdentity.FILE_NAME));
        Ledger.open(ledgerDir, identity).close(); // reopening writes the log into tables (.sst)
        Path table = largest(ledgerDir, ".sst");
        try (FileChannel channel = FileChannel.open(table, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[256]), channel.size() / 2);
        }
        assertThrows(LedgerCorruptedException.class, () -> Ledger.open(ledgerDir, identity).close(),
                "the overwritten table is one the ledger reads at opening");

        PeerSettings restart = restartSettings(2);
        StartRefusedException refused = assertThrows(StartRefusedException.class, () -> start(restart));
        assertTrue(refused.getMessage().contains("is corrupt (") && refused.getMessage().contains("--rebuild-from-peers")
                && refused.getMessage().contains(HistoryGuard.SET_ASIDE_PREFIX), refused.getMessage());
        assertTrue(Files.exists(table), "a refused start changes nothing");

        PeerRuntime rebuilt = start(restart.withRebuildFromPeers(REBUILD_WAIT));

        assertEquals(head, rebuilt.recoveredThrough().orElseThrow());
        Path setAside = rebuilt.ledgerSetAside().orElseThrow();
        assertTrue(setAside.getFileName().toString().startsWith(HistoryGuard.SET_ASIDE_PREFIX), setAside.toString());
        assertTrue(Files.exists(setAside.resolve(table.getFileName())), "the damaged files are kept, never deleted");
        assertContinues(rebuilt, others, head);
        assertEquals(0, rejected(others, RejectReason.BROKEN_CHAIN) + rejected(others, RejectReason.CONFLICT));
    }

    @Test
    void aRebuildNobodyCanServeRefusesAndKeepsRefusingUntilItCompletes() {
        ports.add(LoopbackTestSupport.freeBasePort());
        PeerSettings alone = settings(0);
        PeerRuntime peer = start(alone);
        peer.close();
        running.remove(peer);
        RuntimeTestSupport.deleteTree(alone.dataDir().resolve("ledger"));

        StartRefusedException refused = assertThrows(StartRefusedException.class,
                () -> start(alone.withRebuildFromPeers(Duration.ofSeconds(3))));
        assertTrue(refused.getMessage().contains("no other peer of the cluster joined"), refused.getMessage());
        // what it holds now (the others' events, none of its own) must not pass for its history
        StartRefusedException again = assertThrows(StartRefusedException.class, () -> start(alone));
        assertTrue(again.getMessage().contains("did not finish") && again.getMessage().contains("--rebuild-from-peers"),
                again.getMessage());
    }

    @Test
    void aLedgerWithoutItsIdentityAndARebuildOfANewPeerAreRefused() throws IOException {
        ports.add(LoopbackTestSupport.freeBasePort());
        PeerSettings settings = settings(0);
        StartRefusedException fresh = assertThrows(StartRefusedException.class,
                () -> start(settings.withRebuildFromPeers(Duration.ofSeconds(3))));
        assertTrue(fresh.getMessage().contains("no history to rebuild"), fresh.getMessage());
        assertFalse(Files.exists(settings.dataDir().resolve("ledger")));
        assertFalse(Files.exists(settings.dataDir().resolve(PeerIdentity.FILE_NAME)), "nothing is created");

        PeerRuntime peer = start(settings);
        peer.close();
        running.remove(peer);
        Path identity = settings.dataDir().resolve(PeerIdentity.FILE_NAME);
        Files.delete(identity);
        StartRefusedException orphan = assertThrows(StartRefusedException.class, () -> start(settings));
        assertTrue(orphan.getMessage().contains("holds a ledger but no " + PeerIdentity.FILE_NAME), orphan.getMessage());
        assertFalse(Files.exists(identity), "no new identity is made for someone else's ledger");
    }

    /** The rebuilt peer's next event chains onto the recovered head, and every other peer stores it. */
    private static void assertContinues(PeerRuntime rebuilt, List<PeerRuntime> others, long head) {
        PeerId id = rebuilt.peerId();
        Event next = rebuilt.ledger().event(id, head + 1).orElseThrow(() -> new AssertionError("nothing appended"));
        Event recoveredHead = others.get(0).ledger().event(id, head).orElseThrow();
        assertEquals(recoveredHead.hash(), next.previous(), "its first new event chains onto the recovered head");
        await(Duration.ofSeconds(20), "the others store its new event", () -> others.stream()
                .allMatch(o -> o.ledger().versionVector().get(id) >= head + 1));
        for (PeerRuntime other : others) {
            assertEquals(next, other.ledger().event(id, head + 1).orElseThrow());
        }
    }

    private static Path largest(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }
}
