package io.strategyminer.peer.runtime;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.security.ClusterSecret;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member that joins learns every other member's sync endpoint even if it missed their announcements: a peer
 * rebuilding its ledger must sync with every member, and one endpoint it never heard of made the rebuild wait out
 * its whole deadline and refuse to start.
 */
class SyncEndpointsTest {
    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aMemberThatLearnsANewcomersEndpointAnswersWithItsOwn() {
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort());
        PeerIdentity old = PeerIdentity.generate();
        PeerIdentity newcomer = PeerIdentity.generate();
        ClusterNode oldNode = node(old, ports.get(0), ports);
        ClusterNode newNode = node(newcomer, ports.get(1), ports);
        SyncEndpoints oldEndpoints = new SyncEndpoints(oldNode);
        SyncEndpoints newEndpoints = new SyncEndpoints(newNode);
        oldEndpoints.listen((peer, endpoint) -> { });
        newEndpoints.listen((peer, endpoint) -> { });

        oldNode.connect(PeerRuntime.CLUSTER_NAME);
        SeedAddress oldEndpoint = new SeedAddress("10.0.0.1", 7801);
        oldEndpoints.announce(oldEndpoint); // before the newcomer joins: it never hears this one
        newNode.connect(PeerRuntime.CLUSTER_NAME);
        await(Duration.ofSeconds(20), "a view of two", () -> oldNode.view().size() == 2 && newNode.view().size() == 2);
        newEndpoints.announce(new SeedAddress("10.0.0.2", 7801));

        await(Duration.ofSeconds(20), "the old member learns the newcomer's endpoint",
                () -> oldEndpoints.of(newcomer.peerId()).isPresent());
        await(Duration.ofSeconds(20), "the newcomer learns the old member's endpoint, which it had missed",
                () -> newEndpoints.of(old.peerId()).isPresent());
        Optional<InetSocketAddress> learned = newEndpoints.of(old.peerId());
        assertEquals(InetSocketAddress.createUnresolved(oldEndpoint.host(), oldEndpoint.port()), learned.orElseThrow());
    }

    private ClusterNode node(PeerIdentity identity, int port, List<Integer> ports) {
        List<SeedAddress> seeds = ports.stream()
                .map(p -> new SeedAddress(LoopbackTestSupport.LOOPBACK.getHostAddress(), p)).toList();
        ClusterNode node = new ClusterNode(ClusterConfig.lan(identity.peerId().hex(), "machine-" + port, secret)
                .withBind(LoopbackTestSupport.LOOPBACK, port).withSeeds(seeds)
                .withTimings(PeerRuntimeClusterTest.FAST));
        open.add(node);
        return node;
    }
}
