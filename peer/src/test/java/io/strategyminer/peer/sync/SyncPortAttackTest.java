package io.strategyminer.peer.sync;

import static io.strategyminer.peer.HostileSocket.concat;
import static io.strategyminer.peer.HostileSocket.lengthPrefix;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.peer.HeapProbe;
import io.strategyminer.peer.HostileSocket;
import io.strategyminer.peer.net.ConnectionLimit;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outsider without the secret against a peer's sync port (JGroups port + 1; DESIGN §8). A real
 * {@link SyncServer} over a RocksDB ledger on 127.0.0.1; the attacker connects from 127.0.0.2 and up. Each
 * attack is bounded in count and time; each test checks that the server refused or closed what it was sent,
 * that its heap stayed within a budget, and that an honest peer could sync meanwhile.
 */
class SyncPortAttackTest {
    private static final Duration HANDSHAKE = Duration.ofSeconds(2);
    private static final SyncSettings SETTINGS = SyncSettings.DEFAULTS.withHandshakeTimeout(HANDSHAKE);
    private static final long HEAP_BUDGET = 16L << 20;
    private static final InetAddress ATTACKER = HostileSocket.loopbackHost(2);
    private static final int PER_ADDRESS = ConnectionLimit.Settings.DEFAULTS.maxPerAddress();
    private static final byte[] HELLO_START = "SM-SYNC1".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private SyncServer server;
    private InetSocketAddress port;
    private Ledger ahead;
    private int honestSyncs;

    @BeforeEach
    void serverWithEvents() throws Exception {
        ahead = ledger("ahead");
        SyncFixtures.load(ahead, SyncFixtures.all(SyncFixtures.chains(2, 50)));
        server = new SyncServer(SyncFixtures.SECRET, ahead, new DatasetStore(dir.resolve("server-data")), SETTINGS);
        open.add(server);
        port = server.start("127.0.0.1", 0);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void framesOverTheLimitOfTheirPhaseAreRefusedOnTheirLengthPrefix() throws Exception {
        HeapProbe.Peak peak = HeapProbe.watchPeak();
        long heapBefore = HeapProbe.usedAfterGc();
        long directBefore = nettyDirectBytes();
        List<HostileSocket> stalled = new ArrayList<>();
        for (int i = 0; i < PER_ADDRESS; i++) {
            // announces 2,000,000 bytes (under the session limit of 2 MiB) and sends most of them: before the
            // handshake anything over 64 bytes is refused on the prefix, so nothing of it is buffered
            HostileSocket socket = connect(ATTACKER);
            socket.send(concat(lengthPrefix(2_000_000), new byte[1_900_000]));
            stalled.add(socket);
        }
        try (HostileSocket huge = connect(ATTACKER)) {
            huge.send(concat(lengthPrefix(700_000_000), new byte[1024]));
            assertTrue(huge.closedByPeerWithin(Duration.ofSeconds(1)), "a 700 MB frame is refused on its prefix");
        }
        try (HostileSocket negative = connect(ATTACKER)) {
            negative.send(concat(lengthPrefix(-5), new byte[16]));
            assertTrue(negative.closedByPeerWithin(Duration.ofSeconds(1)), "a negative length is refused");
        }
        long direct = nettyDirectBytes() - directBefore; // Netty buffers what it reads off the heap
        long closed = stalled.stream()
                .filter(socket -> socket.closedByPeerWithin(Duration.ofMillis(HANDSHAKE.toMillis() / 4))).count();
        long rise = peak.rise();
        long held = HeapProbe.usedAfterGc() - heapBefore;
        System.out.printf("attack: %d connections sending 1.9 MB of a 2 MB handshake frame, one 700 MB frame: "
                + "old-generation peak rose by %s, used heap after GC %+.1f MiB, Netty direct memory %+.1f MiB%n",
                PER_ADDRESS, HeapProbe.mib(rise), held / (double) (1 << 20), direct / (double) (1 << 20));
        assertEquals(PER_ADDRESS, closed, "closed on the prefix, not at the handshake deadline");
        assertTrue(rise < HEAP_BUDGET, "peak rose by " + HeapProbe.mib(rise));
        assertTrue(held < HEAP_BUDGET, "held " + HeapProbe.mib(held));
        assertTrue(direct < HEAP_BUDGET, "Netty buffers hold " + HeapProbe.mib(direct));
        honestPeerSyncs();
    }

    @Test
    void randomBytesAndABrokenHelloCloseTheirConnection() throws Exception {
        Random random = new Random(15);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(4096)];
            random.nextBytes(junk);
            assertClosedAfter(junk);
        }
        byte[] wrongMagic = new byte[40];
        random.nextBytes(wrongMagic);
        assertClosedAfter(concat(lengthPrefix(40), wrongMagic));
        // a hello, then a forged proof
        assertClosedAfter(concat(lengthPrefix(40), HELLO_START, new byte[32], lengthPrefix(32), new byte[32]));
        assertTrue(server.stats().protocolErrors() + server.stats().refusedHandshakes() >= 2, server.stats().toString());
        honestPeerSyncs();
    }

    @Test
    void silentAndTricklingConnectionsAreBoundedAndClosedAtTheHandshakeDeadline() throws Exception {
        long heapBefore = HeapProbe.usedAfterGc();
        List<HostileSocket> held = new ArrayList<>();
        int attempts = PER_ADDRESS + 14;
        for (int i = 0; i < attempts; i++) {
            held.add(connect(ATTACKER));
        }
        await(Duration.ofSeconds(5), "connections over the per-address limit reset at once",
                () -> server.stats().refusedConnections() == attempts - PER_ADDRESS);
        long heapHeld = HeapProbe.usedAfterGc() - heapBefore;
        System.out.printf("attack: %d silent connections (%d admitted): used heap after GC %+.1f MiB%n", attempts,
                PER_ADDRESS, heapHeld / (double) (1 << 20));
        assertTrue(heapHeld < HEAP_BUDGET, "held " + HeapProbe.mib(heapHeld));
        honestPeerSyncs(); // from 127.0.0.1, while the attacker holds its 16

        await(HANDSHAKE.plusSeconds(3), "the silent connections closed at the handshake deadline",
                () -> held.stream().allMatch(socket -> socket.closedByPeerWithin(Duration.ofMillis(1))));
        assertTrue(server.stats().handshakeTimeouts() >= PER_ADDRESS, server.stats().toString());

        // a slowloris: a valid hello, one byte at a time, each well within the read timeout
        try (HostileSocket trickle = connect(ATTACKER)) {
            byte[] hello = concat(lengthPrefix(40), HELLO_START, new byte[32]);
            long deadline = System.nanoTime() + HANDSHAKE.plusSeconds(3).toNanos();
            int sent = 0;
            while (sent < hello.length && trickle.send(new byte[] {hello[sent]}) && System.nanoTime() < deadline) {
                sent++;
                if (trickle.closedByPeerWithin(Duration.ofMillis(200))) {
                    break;
                }
            }
            assertTrue(trickle.closedByPeerWithin(HANDSHAKE), "a trickling hello is cut off at the deadline");
        }
    }

    @Test
    void connectionsFromManyAddressesStopAtTheTotalLimit() throws Exception {
        int hosts = 6;
        List<HostileSocket> held = new ArrayList<>();
        for (int host = 0; host < hosts; host++) {
            for (int i = 0; i < PER_ADDRESS; i++) {
                held.add(connect(HostileSocket.loopbackHost(10 + host)));
            }
        }
        int over = hosts * PER_ADDRESS - ConnectionLimit.Settings.DEFAULTS.maxConnections();
        await(Duration.ofSeconds(5), "connections over the total limit reset at once",
                () -> server.stats().refusedConnections() == over);
        assertEquals(over, held.stream().filter(socket -> socket.closedByPeerWithin(Duration.ofMillis(1))).count());
        await(HANDSHAKE.plusSeconds(3), "the admitted ones closed at the handshake deadline",
                () -> held.stream().allMatch(socket -> socket.closedByPeerWithin(Duration.ofMillis(1))));
        honestPeerSyncs();
    }

    private void honestPeerSyncs() throws SyncException {
        Ledger behind = ledger("behind-" + honestSyncs++);
        SyncClient client = new SyncClient(SyncFixtures.SECRET, behind, new DatasetStore(dir.resolve("client-data")),
                SETTINGS);
        open.add(client);
        client.sync("127.0.0.1", port.getPort());
        assertEquals(ahead.versionVector(), behind.versionVector(), "the honest peer caught up");
    }

    private void assertClosedAfter(byte[] bytes) throws IOException {
        try (HostileSocket socket = connect(ATTACKER)) {
            socket.send(bytes);
            assertTrue(socket.closedByPeerWithin(Duration.ofSeconds(1)), "the server closes the connection");
        }
    }

    private HostileSocket connect(InetAddress from) throws IOException {
        HostileSocket socket = HostileSocket.connect(from, port);
        open.add(socket);
        return socket;
    }

    private Ledger ledger(String name) {
        Ledger ledger = Ledger.open(dir.resolve(name), PeerIdentity.generate());
        open.add(ledger);
        return ledger;
    }

    /** Direct memory in use by Netty's default (pooled) allocator, which the sync server reads into. */
    private static long nettyDirectBytes() {
        return PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    }
}
