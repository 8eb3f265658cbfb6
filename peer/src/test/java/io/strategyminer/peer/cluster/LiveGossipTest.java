package io.strategyminer.peer.cluster;

import io.strategyminer.peer.LoopbackTestSupport;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.ledger.Gap;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Three peers with real RocksDB ledgers gossiping over real JGroups channels on loopback. */
class LiveGossipTest {
    private static final int EVENTS = 200;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Peer> peers = new ArrayList<>();
    private Path root;

    /** One peer: its ledger, its node, its gossip and the gaps it reported. */
    private record Peer(String name, PeerIdentity identity, Ledger ledger, ClusterNode node, LiveGossip gossip,
                        List<Gap> gaps) {
    }

    @BeforeEach
    void startThreePeers() throws IOException {
        root = Files.createTempDirectory("sm-gossip");
        ClusterSecret secret = ClusterTestSupport.newSecret();
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        for (int i = 0; i < 3; i++) {
            String name = "p" + i;
            PeerIdentity identity = PeerIdentity.generate();
            Ledger ledger = Ledger.open(root.resolve(name), identity);
            closeables.add(ledger);
            ClusterNode node = new ClusterNode(ClusterTestSupport.seeded(identity.peerId().toString(), secret,
                    ports.get(i), ports));
            closeables.add(0, node); // close nodes before their ledgers
            List<Gap> gaps = new CopyOnWriteArrayList<>();
            LiveGossip gossip = new LiveGossip(ledger, node, gaps::add);
            closeables.add(0, gossip);
            node.connect("sm-gossip-test");
            peers.add(new Peer(name, identity, ledger, node, gossip, gaps));
        }
        await(Duration.ofSeconds(20), "a view of three", () -> peers.stream().allMatch(p -> p.node().view().size() == 3));
    }

    @AfterEach
    void stop() throws IOException {
        ClusterTestSupport.closeAll(closeables);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static PeerAnnounced announcement(Peer peer, int cores) {
        return PeerAnnounced.of(peer.identity(), peer.name(), MachineId.fromSystemId("machine-" + peer.name()), cores,
                1000.0 + cores, EngineVersion.CURRENT);
    }

    @Test
    void everyAppendedEventReachesEveryPeerAndLatencyIsMeasured() {
        for (Peer peer : peers) {
            peer.ledger().append(announcement(peer, 2));
        }
        await(Duration.ofSeconds(10), "every peer holds the three announcements",
                () -> peers.stream().allMatch(p -> p.ledger().stats().events() == 3));

        // Times are taken where each ledger stores the event: locally on append, remotely on apply.
        Peer origin = peers.get(0);
        Map<Long, Long> storedAtOrigin = new ConcurrentHashMap<>();
        Map<Long, Long> storedAtP1 = new ConcurrentHashMap<>();
        Map<Long, Long> storedAtP2 = new ConcurrentHashMap<>();
        closeables.add(0, origin.ledger().subscribe((event, local) -> storedAtOrigin.put(event.sequence(), System.nanoTime())));
        closeables.add(0, peers.get(1).ledger().subscribe((event, local) -> storedAtP1.put(event.sequence(), System.nanoTime())));
        closeables.add(0, peers.get(2).ledger().subscribe((event, local) -> storedAtP2.put(event.sequence(), System.nanoTime())));

        for (int i = 0; i < EVENTS; i++) {
            origin.ledger().append(announcement(origin, 1 + i % 64));
            pause(5); // a steady trickle, as peers append in practice: this measures latency, not a burst's queue
        }
        await(Duration.ofSeconds(30), "the two others hold all " + EVENTS + " events",
                () -> storedAtP1.size() == EVENTS && storedAtP2.size() == EVENTS);

        long[] latencies = new long[2 * EVENTS];
        int n = 0;
        for (Map<Long, Long> remote : List.of(storedAtP1, storedAtP2)) {
            for (Map.Entry<Long, Long> arrival : remote.entrySet()) {
                latencies[n++] = arrival.getValue() - storedAtOrigin.get(arrival.getKey());
            }
        }
        Arrays.sort(latencies);
        System.out.printf("live gossip: %d events to 2 peers, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms (load average %.1f on %d cores)%n", EVENTS, latencies[n / 2] / 1e6,
                latencies[(int) (n * 0.9)] / 1e6, latencies[(int) (n * 0.99)] / 1e6, latencies[n - 1] / 1e6,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());

        assertEquals(origin.ledger().versionVector(), peers.get(1).ledger().versionVector());
        assertEquals(origin.ledger().versionVector(), peers.get(2).ledger().versionVector());
        assertEquals(EVENTS + 1, origin.gossip().stats().broadcast());
        for (Peer receiver : peers.subList(1, 3)) {
            LiveGossip.Stats stats = receiver.gossip().stats();
            assertEquals(EVENTS + 2, stats.applied(), "announcements of the two others + " + EVENTS + ": " + stats);
            assertEquals(0, stats.rejectedTotal(), stats.toString());
            assertTrue(receiver.gaps().isEmpty(), "in-order delivery leaves no gap: " + receiver.gaps());
        }
    }

    @Test
    void garbageIsRejectedAndCountedAndAnEventAheadOfItsChainReportsItsGap() {
        for (Peer peer : peers) {
            peer.ledger().append(announcement(peer, 2));
        }
        await(Duration.ofSeconds(10), "every peer holds the three announcements",
                () -> peers.stream().allMatch(p -> p.ledger().stats().events() == 3));

        // A fourth origin whose first two events p1 and p2 never see: only its third arrives.
        PeerIdentity stranger = PeerIdentity.generate();
        List<Event> strangerChain = new ArrayList<>();
        try (Ledger strangerLedger = Ledger.open(new MemoryLedgerStore(), stranger)) {
            for (int cores = 1; cores <= 3; cores++) {
                strangerChain.add(strangerLedger.append(PeerAnnounced.of(stranger, "stranger",
                        MachineId.fromSystemId("machine-stranger"), cores, 10.0, EngineVersion.CURRENT)));
            }
        }
        ClusterNode sender = peers.get(0).node();
        sender.broadcast(LiveGossip.TOPIC, strangerChain.get(2).encoded());
        byte[] tampered = peers.get(0).ledger().event(peers.get(0).identity().peerId(), 1).orElseThrow().encoded();
        tampered = Arrays.copyOf(tampered, tampered.length);
        tampered[tampered.length - 1] ^= 1; // a flipped signature bit
        sender.broadcast(LiveGossip.TOPIC, tampered);
        sender.broadcast(LiveGossip.TOPIC, new byte[] {1, 2, 3});
        sender.broadcast(LiveGossip.TOPIC, new byte[Event.MAX_ENCODED_BYTES + 1]);

        for (Peer receiver : peers.subList(1, 3)) {
            await(Duration.ofSeconds(10), receiver.name() + " receives the four messages",
                    () -> receiver.gossip().stats().received() == 6); // the 2 others' announcements + 4
            LiveGossip.Stats stats = receiver.gossip().stats();
            assertEquals(1, stats.held(), stats.toString());
            assertEquals(1, stats.oversize(), stats.toString());
            // The tampered copy of an event already held is a different event under the same key.
            assertEquals(1L, stats.rejected().get(RejectReason.CONFLICT), stats.toString());
            assertEquals(2, stats.rejectedTotal(), stats.toString());
            assertEquals(1L, stats.rejected().get(RejectReason.MALFORMED), stats.toString());
            assertEquals(List.of(new Gap(stranger.peerId(), 1, 2)), receiver.gaps());
            assertEquals(3, receiver.ledger().stats().events(), "nothing bad was stored");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
