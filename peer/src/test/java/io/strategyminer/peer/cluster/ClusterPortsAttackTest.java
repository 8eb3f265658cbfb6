package io.strategyminer.peer.cluster;

import static io.strategyminer.peer.HostileSocket.concat;
import static io.strategyminer.peer.HostileSocket.frame;
import static io.strategyminer.peer.HostileSocket.lengthPrefix;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.HeapProbe;
import io.strategyminer.peer.HostileSocket;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.net.ConnectionLimit;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An outsider without the secret against a member's two TCP ports (DESIGN §8): the JGroups port
 * with seeds and the failure-detection port (JGroups port + 2). Real members on 127.0.0.1; the attacker
 * connects from 127.0.0.2 and up, as another host would. Each attack is bounded in count and time, and each
 * test checks that the peer refused or closed what it sent, that its heap stayed within a budget, and that
 * the members went on talking (and a new member could still join) meanwhile.
 */
class ClusterPortsAttackTest {
    private static final String CLUSTER = "sm-attack-test";
    private static final Topic CHAT = new Topic(9, "test-chat");
    /** What the attacks may make the peer hold or allocate at their worst: far below what they announce. */
    private static final long HEAP_BUDGET = 32L << 20;
    private static final InetAddress ATTACKER = HostileSocket.loopbackHost(2);
    private static final int PER_ADDRESS = ConnectionLimit.Settings.DEFAULTS.maxPerAddress();

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<byte[]> heard = new CopyOnWriteArrayList<>();
    private final ClusterSecret secret = ClusterTestSupport.newSecret();
    private List<Integer> ports;
    private ClusterNode target;
    private ClusterNode other;

    @BeforeEach
    void twoMembers() {
        ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        target = start("target", ports.get(0));
        other = start("other", ports.get(1));
        target.onMessage(CHAT, (from, payload) -> heard.add(payload));
        await(Duration.ofSeconds(20), "two members in one view", () -> target.view().size() == 2);
    }

    @AfterEach
    void closeAll() {
        ClusterTestSupport.closeAll(closeables);
    }

    @Test
    void framesAnnouncingHundredsOfMegabytesAreRefusedBeforeAnythingIsAllocated() throws Exception {
        HeapProbe.Peak peak = HeapProbe.watchPeak();
        long refusedBefore = target.guardStats().refusedFrames();
        for (InetSocketAddress port : List.of(jgroupsPort(), failureDetectionPort())) {
            byte[] opening = HostileFrames.opening(new InetSocketAddress(ATTACKER, 40_000));
            // a length prefix of 700 MB: refused on the prefix
            assertClosedAfter(port, concat(opening, lengthPrefix(HostileFrames.HUGE),
                    new byte[1024]), "a frame announcing 700 MB");
            // small frames whose content announces a 700 MB message, or a batch of 100 million: unsealed, unparsed
            assertClosedAfter(port, concat(opening, frame(HostileFrames.hugeMessage())),
                    "a message announcing 700 MB");
            assertClosedAfter(port, concat(opening, frame(HostileFrames.hugeBatch())),
                    "a batch announcing 100 million messages");
        }
        long rise = peak.rise();
        System.out.printf("attack: 6 frames announcing 700 MB / 10^8 messages: old-generation peak rose by %s%n",
                HeapProbe.mib(rise));
        assertTrue(rise < HEAP_BUDGET, "the peak heap rose by " + HeapProbe.mib(rise));
        assertTrue(target.guardStats().refusedFrames() >= refusedBefore + 4, "unsealed frames counted: "
                + target.guardStats());
        membersStillTalk();
    }

    @Test
    void randomBytesCloseTheirConnection() throws Exception {
        Random random = new Random(15);
        for (InetSocketAddress port : List.of(jgroupsPort(), failureDetectionPort())) {
            for (int i = 0; i < 10; i++) {
                byte[] junk = new byte[1 + random.nextInt(8192)];
                random.nextBytes(junk);
                assertClosedAfter(port, junk, "random bytes");
                // and random bytes after valid opening bytes
                assertClosedAfter(port, concat(HostileFrames.opening(
                        new InetSocketAddress(ATTACKER, 40_000 + i)), junk), "opening bytes, then random bytes");
            }
        }
        membersStillTalk();
    }

    @Test
    void silentAndStalledConnectionsAreBoundedPerAddressAndClosedWhileMembersCarryOn() throws Exception {
        long heapBefore = HeapProbe.usedAfterGc();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<HostileSocket> held = new ArrayList<>();
        int perPort = PER_ADDRESS + 14;
        for (InetSocketAddress port : List.of(jgroupsPort(), failureDetectionPort())) {
            for (int i = 0; i < perPort; i++) {
                HostileSocket socket = connect(port);
                held.add(socket);
                switch (i % 3) {
                    case 0 -> { } // silent
                    case 1 -> socket.send(HostileFrames.opening(new InetSocketAddress(ATTACKER, 41_000 + i)));
                    default -> socket.send(concat( // stalls inside a frame (slowloris)
                            HostileFrames.opening(new InetSocketAddress(ATTACKER, 41_000 + i)),
                            lengthPrefix(4_000), new byte[10]));
                }
            }
        }
        await(Duration.ofSeconds(5), "connections over the per-address limit refused at once",
                () -> target.guardStats().refusedConnections() == 2L * (perPort - PER_ADDRESS));
        long heapHeld = HeapProbe.usedAfterGc() - heapBefore;
        int threadsAdded = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
        System.out.printf("attack: %d silent/stalled connections (%d admitted): used heap after GC %+.1f MiB, "
                + "%+d threads%n", held.size(), 2 * PER_ADDRESS, heapHeld / (double) (1 << 20), threadsAdded);
        assertTrue(heapHeld < HEAP_BUDGET, "held " + HeapProbe.mib(heapHeld));
        assertTrue(threadsAdded < PER_ADDRESS / 2, "no thread per connection: " + threadsAdded + " threads more");

        // meanwhile the members talk and a new member joins (its connections come from another address)
        membersStillTalk();
        ClusterNode third = start("third", ports.get(2));
        await(Duration.ofSeconds(20), "a third member joins during the attack", () -> target.view().size() == 3
                && third.view().size() == 3);

        await(ClusterGuards.PROOF_TIMEOUT.plusSeconds(5), "every unproven connection closed",
                () -> held.stream().allMatch(socket -> socket.closedByPeerWithin(Duration.ofMillis(1))));
        assertTrue(target.guardStats().closedUnproven() >= 2L * PER_ADDRESS, "closed for want of a proof: "
                + target.guardStats());
        assertEquals(3, target.view().size(), "no member was lost");
    }

    @Test
    void connectionsFromManyAddressesStopAtTheTotalLimit() throws Exception {
        int hosts = 6;
        List<HostileSocket> held = new ArrayList<>();
        for (int host = 0; host < hosts; host++) {
            InetAddress from = HostileSocket.loopbackHost(10 + host);
            for (int i = 0; i < PER_ADDRESS; i++) {
                held.add(connect(from, failureDetectionPort()));
            }
        }
        int total = ConnectionLimit.Settings.DEFAULTS.maxConnections();
        await(Duration.ofSeconds(5), "connections over the total limit refused",
                () -> held.stream().filter(socket -> socket.closedByPeerWithin(Duration.ofMillis(1))).count()
                        >= hosts * PER_ADDRESS - total);
        assertTrue(target.guardStats().refusedConnections() >= hosts * PER_ADDRESS - total, target.guardStats().toString());
        await(ClusterGuards.PROOF_TIMEOUT.plusSeconds(5), "the admitted ones closed for want of a proof",
                () -> held.stream().allMatch(socket -> socket.closedByPeerWithin(Duration.ofMillis(1))));
        membersStillTalk();
    }

    @Test
    void aConnectionClaimingAMembersAddressReceivesNothingMeantForIt() throws Exception {
        List<byte[]> heardByOther = new CopyOnWriteArrayList<>();
        other.onMessage(CHAT, (from, payload) -> heardByOther.add(payload));
        try (HostileSocket impostor = connect(jgroupsPort())) {
            impostor.send(HostileFrames.opening(new InetSocketAddress(LoopbackTestSupport.LOOPBACK, ports.get(1))));
            for (int i = 0; i < 20; i++) {
                target.broadcast(CHAT, new byte[] {(byte) i});
            }
            await(Duration.ofSeconds(10), "the member gets every message", () -> heardByOther.size() == 20);
            assertEquals(0, impostor.bytesReceivedWithin(Duration.ofMillis(500)),
                    "the impostor's connection is not entered under the member's address");
        }
        membersStillTalk();
    }

    private void membersStillTalk() {
        byte[] hello = ("hello " + System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        other.broadcast(CHAT, hello);
        await(Duration.ofSeconds(10), "a member's message arrives",
                () -> heard.stream().anyMatch(payload -> java.util.Arrays.equals(payload, hello)));
    }

    private void assertClosedAfter(InetSocketAddress port, byte[] bytes, String what) throws IOException {
        try (HostileSocket socket = connect(port)) {
            socket.send(bytes);
            assertTrue(socket.closedByPeerWithin(Duration.ofSeconds(5)), what + " to " + port
                    + " must close the connection");
        }
    }

    private HostileSocket connect(InetSocketAddress port) throws IOException {
        return connect(ATTACKER, port);
    }

    private HostileSocket connect(InetAddress from, InetSocketAddress port) throws IOException {
        HostileSocket socket = HostileSocket.connect(from, port);
        closeables.add(socket);
        return socket;
    }

    private InetSocketAddress jgroupsPort() {
        return new InetSocketAddress(LoopbackTestSupport.LOOPBACK, ports.get(0));
    }

    private InetSocketAddress failureDetectionPort() {
        return new InetSocketAddress(LoopbackTestSupport.LOOPBACK, ports.get(0)
                + ClusterConfig.FAILURE_DETECTION_PORT_OFFSET);
    }

    private ClusterNode start(String name, int port) {
        ClusterNode node = new ClusterNode(ClusterTestSupport.seeded(name, secret, port, ports)
                .withTimings(ClusterTestSupport.FAST));
        closeables.add(node);
        node.connect(CLUSTER);
        return node;
    }
}
