package io.strategyminer.peer.cluster;

import io.strategyminer.peer.LoopbackTestSupport;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.security.ClusterSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real JGroups channels on loopback, TCP with TCPPING seeds. */
class ClusterNodeTest {
    private static final String CLUSTER = "sm-test";
    private static final Topic CHAT = new Topic(9, "test-chat");
    private final List<ClusterNode> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        ClusterTestSupport.closeAll(nodes);
    }

    private ClusterNode start(ClusterConfig config) {
        ClusterNode node = new ClusterNode(config);
        nodes.add(node);
        node.connect(CLUSTER);
        return node;
    }

    @Test
    void threeNodesFormOneViewAndAGracefulLeaveShrinksItQuickly() {
        ClusterSecret secret = ClusterTestSupport.newSecret();
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        long started = System.nanoTime();
        ClusterNode a = start(ClusterTestSupport.seeded("a", secret, ports.get(0), ports));
        long firstUp = System.nanoTime();
        List<ViewChange> seenByA = new CopyOnWriteArrayList<>();
        a.onViewChange(seenByA::add);
        ClusterNode b = start(ClusterTestSupport.seeded("b", secret, ports.get(1), ports));
        ClusterNode c = start(ClusterTestSupport.seeded("c", secret, ports.get(2), ports));
        await(Duration.ofSeconds(20), "a view of three on every node",
                () -> nodes.stream().allMatch(n -> n.view().size() == 3));
        long formed = System.nanoTime();
        System.out.printf("cluster: first peer up in %d ms, three-member view after %d ms%n",
                (firstUp - started) / 1_000_000, (formed - started) / 1_000_000);

        for (ClusterNode node : nodes) {
            ClusterView view = node.view();
            assertEquals(List.of("a", "b", "c"), view.members().stream().map(ClusterMember::name).toList());
            assertEquals("a", view.coordinator().name(), "the first member coordinates");
        }
        assertEquals("machine-c", a.view().members().get(2).machine(), "the machine travels with the address");
        assertTrue(a.isCoordinator());
        assertFalse(b.isCoordinator());
        assertEquals(a.view(), c.view(), "all members install the same view");
        assertTrue(seenByA.stream().anyMatch(change -> change.joined().contains(c.self())),
                "a's listener was told that c joined: " + seenByA);

        ClusterMember leaving = b.self();
        long viewBefore = a.view().id();
        long leaveStart = System.nanoTime();
        b.close();
        await(Duration.ofSeconds(10), "a and c install a view without b",
                () -> a.view().size() == 2 && c.view().size() == 2);
        System.out.printf("cluster: graceful leave seen by the others in %d ms%n",
                (System.nanoTime() - leaveStart) / 1_000_000);
        assertTrue(a.view().id() > viewBefore, "a new view has a larger id");
        assertFalse(a.view().contains(leaving));
        assertTrue(seenByA.stream().anyMatch(change -> change.left().contains(leaving)), "a was told b left");
        assertEquals("a", c.view().coordinator().name());
    }

    @Test
    void coordinatorLeavingHandsOverToTheNextOldestAndMessagesFlowBothWays() {
        ClusterSecret secret = ClusterTestSupport.newSecret();
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        ClusterNode a = start(ClusterTestSupport.seeded("a", secret, ports.get(0), ports));
        ClusterNode b = start(ClusterTestSupport.seeded("b", secret, ports.get(1), ports));
        ClusterNode c = start(ClusterTestSupport.seeded("c", secret, ports.get(2), ports));
        List<String> atB = new CopyOnWriteArrayList<>();
        List<String> atC = new CopyOnWriteArrayList<>();
        b.onMessage(CHAT, (from, payload) -> atB.add(from.name() + ":" + new String(payload, StandardCharsets.UTF_8)));
        c.onMessage(CHAT, (from, payload) -> atC.add(from.name() + ":" + new String(payload, StandardCharsets.UTF_8)));
        await(Duration.ofSeconds(20), "a view of three", () -> nodes.stream().allMatch(n -> n.view().size() == 3));

        a.broadcast(CHAT, "to all".getBytes(StandardCharsets.UTF_8));
        c.send(b.self(), CHAT, "to b only".getBytes(StandardCharsets.UTF_8));
        await(Duration.ofSeconds(10), "b and c receive", () -> atB.size() == 2 && atC.size() == 1);
        assertEquals(List.of("a:to all"), atC, "c gets the broadcast but not the unicast to b");
        assertTrue(atB.containsAll(List.of("a:to all", "c:to b only")), atB.toString());

        a.close();
        await(Duration.ofSeconds(10), "b and c install a view without a",
                () -> b.view().size() == 2 && c.view().size() == 2);
        assertEquals("b", b.view().coordinator().name(), "the next oldest member takes over");
        assertTrue(b.isCoordinator());
        assertEquals(b.view(), c.view());
    }

    @Test
    void aTakenPortIsAClearError() {
        ClusterSecret secret = ClusterTestSupport.newSecret();
        int port = LoopbackTestSupport.freeBasePort();
        start(ClusterTestSupport.seeded("first", secret, port, List.of(port)));
        ClusterNode second = new ClusterNode(ClusterTestSupport.seeded("second", secret, port, List.of(port)));
        nodes.add(second);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.connect(CLUSTER));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("TCP, seeds"), e.getMessage());
    }

    /** Frames and connections the node's ports refused for lack of the cluster secret's seal. */
    private static long refused(ClusterNode node) {
        return node.guardStats().refusedFrames() + node.guardStats().closedUnproven();
    }

    @Test
    void aPeerWithTheWrongSecretNeitherJoinsNorReads() throws Exception {
        ClusterSecret secret = ClusterTestSupport.newSecret();
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        // merge checks every 2-4 s (ClusterTestSupport.FAST), so that the window below spans several of them
        ClusterNode a = start(ClusterTestSupport.seeded("a", secret, ports.get(0), ports).withTimings(ClusterTestSupport.FAST));
        ClusterNode b = start(ClusterTestSupport.seeded("b", secret, ports.get(1), ports).withTimings(ClusterTestSupport.FAST));
        await(Duration.ofSeconds(20), "a and b together", () -> a.view().size() == 2 && b.view().size() == 2);
        List<String> heardByMembers = new CopyOnWriteArrayList<>();
        List<String> heardByIntruder = new CopyOnWriteArrayList<>();
        a.onMessage(CHAT, (from, payload) -> heardByMembers.add(from.name()));
        b.onMessage(CHAT, (from, payload) -> heardByMembers.add(from.name()));

        ClusterNode intruder = new ClusterNode(ClusterTestSupport.seeded("intruder", ClusterTestSupport.newSecret(),
                ports.get(2), ports).withTimings(ClusterTestSupport.FAST));
        nodes.add(intruder);
        intruder.onMessage(CHAT, (from, payload) -> heardByIntruder.add(new String(payload, StandardCharsets.UTF_8)));
        // What actually happens: discovery and join requests are encrypted with a key the members do not
        // have, so nobody answers and the intruder founds a cluster of its own after the join timeout.
        intruder.connect(CLUSTER);
        assertEquals(List.of("intruder"), intruder.view().members().stream().map(ClusterMember::name).toList());

        for (int i = 0; i < 20; i++) {
            a.broadcast(CHAT, ("secret plan " + i).getBytes(StandardCharsets.UTF_8));
            intruder.broadcast(CHAT, ("forged " + i).getBytes(StandardCharsets.UTF_8));
            Thread.sleep(100);
        }
        // A member's own message comes back to nobody but the others (discard-own), so b hears a's 20.
        await(Duration.ofSeconds(10), "b receives a's 20 broadcasts",
                () -> heardByMembers.stream().filter("a"::equals).count() == 20);
        // The intruder's merge attempts carry the wrong key's seal too. Positive control: over at least two of the
        // slowest merge periods (2 x 4 s), the members did receive its frames, and refused them unread.
        Instant twoMergeRounds = Instant.now().plus(ClusterTestSupport.FAST.mergeInterval().multipliedBy(4));
        long refusedBefore = refused(a) + refused(b);
        await(Duration.ofSeconds(30), "two merge periods in which the members refused the intruder's frames",
                () -> Instant.now().isAfter(twoMergeRounds) && refused(a) + refused(b) > refusedBefore);
        assertEquals(List.of("a", "b"), a.view().members().stream().map(ClusterMember::name).toList());
        assertEquals(2, b.view().size());
        assertEquals(1, intruder.view().size());
        assertTrue(heardByIntruder.isEmpty(), "the intruder read " + heardByIntruder);
        assertTrue(heardByMembers.stream().noneMatch("intruder"::equals), "members accepted the intruder's messages");
    }
}
