package io.strategyminer.peer.cluster;

import io.strategyminer.peer.LoopbackTestSupport;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.peer.Privileged;
import io.strategyminer.peer.security.ClusterSecret;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        Optional<String> whyNot = LoopbackMulticast.whyNot(group, groupPort);
        Privileged.require("multicast on the loopback interface", whyNot);

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
}
