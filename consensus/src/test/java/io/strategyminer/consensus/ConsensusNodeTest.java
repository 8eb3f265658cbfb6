package io.strategyminer.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Three nodes over an in-memory wire: work requests and leases end to end. The wire also copies every
 * appended event to the other ledgers, as the peer's replication does (it is not the node's job).
 */
class ConsensusNodeTest {
    private static final long NOW = 1_700_000_000_000L;

    private final Wire wire = new Wire();
    private final List<Member> members = new ArrayList<>();
    private final FixedMembership membership = new FixedMembership();

    private ConsensusNode start(int index, PeerIdentity identity) {
        Ledger ledger = Ledger.open(new MemoryLedgerStore(), identity);
        ConsensusNode node = new ConsensusNode(ledger, WorkIndex.following(ledger), membership,
                wire.endpoint(identity.peerId()), new Coordinator(LeasePolicy.DEFAULT));
        wire.nodes.put(identity.peerId(), node);
        wire.ledgers.put(identity.peerId(), ledger);
        ledger.subscribe((event, local) -> {
            if (local) {
                wire.replicate(identity.peerId(), event);
            }
        });
        node.append(PeerAnnounced.of(identity, "node-" + index, members.get(index).machine(), 2, 100,
                EngineVersion.CURRENT));
        return node;
    }

    private List<ConsensusNode> cluster() {
        List<ConsensusNode> started = new ArrayList<>();
        List<PeerIdentity> identities = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            identities.add(PeerIdentity.generate());
        }
        members.clear();
        for (int i = 0; i < 3; i++) {
            members.add(new Member(identities.get(i).peerId(), MachineId.fromSystemId("node-" + i)));
        }
        membership.view = new MembershipView(1, members);
        for (int i = 0; i < 3; i++) {
            started.add(start(i, identities.get(i)));
        }
        wire.pump();
        return started;
    }

    @Test
    void aWorkRequestReachesTheCoordinatorAndTheLeaseComesBackByGossip() {
        List<ConsensusNode> nodes = cluster();
        nodes.get(1).append(TestCluster.search("s", 2, 2, false));
        wire.pump();
        assertEquals(List.of(), nodes.get(1).requestWork(1, NOW), "not the coordinator: the request is sent");
        wire.pump();
        List<LeaseView> assigned = nodes.get(1).assignments(NOW);
        assertEquals(1, assigned.size());
        assertEquals(LeaseKind.WORK, assigned.get(0).lease().kind());
        assertEquals(nodes.get(0).self(), assigned.get(0).granted().origin(), "granted by the coordinator");
        // the coordinator asks itself and decides at once
        List<Event> own = nodes.get(0).requestWork(2, NOW);
        assertEquals(1, own.size(), "one unit left");
        wire.pump();
        assertEquals(wire.ledgers.get(nodes.get(0).self()).versionVector(),
                wire.ledgers.get(nodes.get(2).self()).versionVector());
    }

    @Test
    void aStaleCoordinatorIgnoresWorkRequests() {
        List<ConsensusNode> nodes = cluster();
        nodes.get(1).append(TestCluster.search("s", 2, 2, false));
        wire.pump();
        membership.view = new MembershipView(2, List.of(members.get(2), members.get(0), members.get(1)));
        List<Event> answer = nodes.get(0).receive(nodes.get(1).self(), new ConsensusMessage.WorkRequest(1), NOW);
        assertEquals(List.of(), answer);
        nodes.get(1).requestWork(1, NOW); // goes to node 2, the new coordinator
        wire.pump();
        assertEquals(nodes.get(2).self(), nodes.get(1).assignments(NOW).get(0).granted().origin());
    }

    private static final class FixedMembership implements Membership {
        MembershipView view;
        final List<Consumer<MembershipView>> listeners = new ArrayList<>();

        @Override
        public MembershipView view() {
            return view;
        }

        @Override
        public void onViewChange(Consumer<MembershipView> listener) {
            listeners.add(listener);
        }
    }

    /** Delivers queued messages and events in order when pumped. */
    private final class Wire {
        final TreeMap<PeerId, ConsensusNode> nodes = new TreeMap<>();
        final TreeMap<PeerId, Ledger> ledgers = new TreeMap<>();
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();

        Transport endpoint(PeerId self) {
            return (to, message) -> queue.add(() -> nodes.get(to).receive(self, message, NOW));
        }

        /** Copies an event to every other node's ledger when pumped (the nodes started by then). */
        void replicate(PeerId origin, Event event) {
            queue.add(() -> ledgers.forEach((id, ledger) -> {
                if (!id.equals(origin)) {
                    ledger.apply(event);
                }
            }));
        }

        void pump() {
            for (int i = 0; i < 10_000 && !queue.isEmpty(); i++) {
                queue.poll().run();
            }
            assertTrue(queue.isEmpty(), "the wire went quiet");
        }
    }
}
