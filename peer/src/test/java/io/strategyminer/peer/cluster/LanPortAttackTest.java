package io.strategyminer.peer.cluster;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.HeapProbe;
import io.strategyminer.peer.HostileSocket;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.security.ClusterSecret;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An outsider without the secret against the LAN transport (UDP, DESIGN §8): small spoofable
 * datagrams whose JGroups content announces a 700 MB message or a batch of 10^8 messages, sent at 20 per
 * second to a member's unicast port and to the multicast group. Unguarded, each made a peer allocate hundreds
 * of megabytes. The multicast part runs where the loopback interface delivers multicast (as in
 * {@link MulticastDiscoveryTest}); the unicast part always.
 */
class LanPortAttackTest {
    private static final long HEAP_BUDGET = 32L << 20;
    private static final int PER_SECOND = 20;
    private static final Topic CHAT = new Topic(9, "test-chat");

    private final List<ClusterNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        ClusterTestSupport.closeAll(nodes);
    }

    @Test
    void unsealedDatagramsAreDroppedUnparsedOnTheUnicastPortAndTheGroup() throws Exception {
        InetAddress group = InetAddress.getByName("239.8.9." + (1 + ThreadLocalRandom.current().nextInt(250)));
        int groupPort = 40_000 + ThreadLocalRandom.current().nextInt(20_000);
        boolean multicast = LoopbackMulticast.whyNot(group, groupPort).isEmpty();
        ClusterSecret secret = ClusterTestSupport.newSecret();
        ClusterConfig.Multicast lan = new ClusterConfig.Multicast(group, groupPort, 0);
        int port = LoopbackTestSupport.freeBasePort();
        ClusterNode target = start("target", secret, port, lan);
        List<byte[]> heard = new CopyOnWriteArrayList<>();
        target.onMessage(CHAT, (from, payload) -> heard.add(payload));
        Optional<ClusterNode> other = Optional.empty();
        if (multicast) {
            other = Optional.of(start("other", secret, LoopbackTestSupport.freeBasePort(), lan));
            await(Duration.ofSeconds(20), "two members found each other", () -> target.view().size() == 2);
        }

        List<InetSocketAddress> destinations = new ArrayList<>();
        destinations.add(new InetSocketAddress(LoopbackTestSupport.LOOPBACK, port));
        if (multicast) {
            destinations.add(new InetSocketAddress(group, groupPort));
        }
        HeapProbe.Peak peak = HeapProbe.watchPeak();
        int sent = 0;
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(HostileSocket.loopbackHost(2), 0))) {
            long next = System.nanoTime();
            for (int i = 0; i < 2 * PER_SECOND; i++) {
                byte[] datagram = i % 2 == 0 ? HostileFrames.hugeMessage() : HostileFrames.hugeBatch();
                for (InetSocketAddress destination : destinations) {
                    attacker.send(new DatagramPacket(datagram, datagram.length, destination));
                    sent++;
                }
                next += 1_000_000_000L / PER_SECOND;
                LockSupport.parkNanos(next - System.nanoTime()); // the attack's pace, not a wait for a result
            }
        }
        int expected = sent;
        await(Duration.ofSeconds(10), "every datagram refused", () -> target.guardStats().refusedFrames() >= expected);
        long rise = peak.rise();
        System.out.printf("attack: %d datagrams of %d-%d bytes (multicast: %s): old-generation peak rose by %s%n",
                sent, HostileFrames.hugeMessage().length, HostileFrames.hugeBatch().length, multicast,
                HeapProbe.mib(rise));
        assertTrue(rise < HEAP_BUDGET, "the peak heap rose by " + HeapProbe.mib(rise));
        if (other.isPresent()) {
            byte[] hello = "still here".getBytes(StandardCharsets.UTF_8);
            other.get().broadcast(CHAT, hello);
            await(Duration.ofSeconds(10), "the members still talk",
                    () -> heard.stream().anyMatch(payload -> Arrays.equals(payload, hello)));
        }
    }

    private ClusterNode start(String name, ClusterSecret secret, int port, ClusterConfig.Multicast lan) {
        ClusterNode node = new ClusterNode(ClusterConfig.lan(name, "machine-" + name, secret)
                .withBind(LoopbackTestSupport.LOOPBACK, port).withMulticast(lan).withTimings(ClusterTestSupport.FAST));
        nodes.add(node);
        node.connect("sm-lan-attack-test");
        return node;
    }
}
