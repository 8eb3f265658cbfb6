package io.strategyminer.peer.cluster;

import io.strategyminer.peer.LoopbackTestSupport;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The LAN default: UDP multicast discovery (PING), no seeds. Runs on the loopback interface when the
 * machine delivers multicast there; otherwise the test is skipped and says why.
 */
class MulticastDiscoveryTest {
    private final List<ClusterNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        ClusterTestSupport.closeAll(nodes);
    }

    @Test
    void peersFindEachOtherByMulticastOnLoopback() throws Exception {
        InetAddress group = InetAddress.getByName("239.8.8." + (1 + ThreadLocalRandom.current().nextInt(250)));
        int groupPort = 40_000 + ThreadLocalRandom.current().nextInt(20_000);
        String probe = loopbackMulticastProbe(group, groupPort);
        assumeTrue(probe == null, "multicast on the loopback interface does not work on this machine (" + probe
                + "); the LAN stack is then only tested through its TCP sibling. Network-namespace tests (DESIGN §9)"
                + " are where multicast discovery gets covered.");

        ClusterSecret secret = ClusterTestSupport.newSecret();
        ClusterConfig.Multicast multicast = new ClusterConfig.Multicast(group, groupPort, 0);
        for (String name : List.of("m0", "m1", "m2")) {
            ClusterNode node = new ClusterNode(ClusterConfig.lan(name, "machine-" + name, secret)
                    .withBind(LoopbackTestSupport.LOOPBACK, LoopbackTestSupport.freeBasePort()).withMulticast(multicast));
            nodes.add(node);
            node.connect("sm-multicast-test");
        }
        await(Duration.ofSeconds(20), "three peers found each other by multicast",
                () -> nodes.stream().allMatch(n -> n.view().size() == 3));
        assertEquals("m0", nodes.get(2).view().coordinator().name());
    }

    /** Sends one datagram to the group over loopback and reads it back; null if that works, else why not. */
    private static String loopbackMulticastProbe(InetAddress group, int port) {
        try (MulticastSocket socket = new MulticastSocket(port)) {
            NetworkInterface loopback = NetworkInterface.getByInetAddress(LoopbackTestSupport.LOOPBACK);
            socket.setNetworkInterface(loopback);
            socket.setLoopbackMode(false); // false = loopback of own datagrams enabled
            socket.joinGroup(new InetSocketAddress(group, port), loopback);
            socket.setSoTimeout(1_000);
            byte[] hello = "sm-multicast-probe".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(hello, hello.length, group, port));
            DatagramPacket received = new DatagramPacket(new byte[64], 64);
            socket.receive(received);
            return null;
        } catch (SocketTimeoutException e) {
            return "a datagram sent to " + group.getHostAddress() + " on lo never came back";
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
