package io.strategyminer.consensus;

import io.strategyminer.consensus.ConsensusMessage.LiveEvent;
import io.strategyminer.consensus.ConsensusMessage.RepairBatch;
import io.strategyminer.consensus.ConsensusMessage.RepairRequest;
import io.strategyminer.consensus.ConsensusMessage.WorkRequest;
import io.strategyminer.ledger.ApplyResult;
import io.strategyminer.ledger.DeltaCursor;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LeaseView;
import java.util.List;
import java.util.Objects;

/**
 * One peer's consensus role, wired to its ledger, its membership and its transport: applies live
 * and repair gossip, answers repair requests with deltas, and, while this peer is the view's
 * coordinator, answers work requests with leases and renews leases at each tick. The peer and the
 * simulator both drive it; time is always passed in. Not thread-safe: call it from one thread
 * (the peer's consensus loop, the simulator's event loop).
 */
public final class ConsensusNode {
    private final Ledger ledger;
    private final Membership membership;
    private final Transport transport;
    private final Coordinator coordinator;
    /** The units' analyses and what needs work, kept up to date between decisions (see {@link WorkIndex}). */
    private final WorkIndex index;

    public ConsensusNode(Ledger ledger, Membership membership, Transport transport, Coordinator coordinator) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.membership = Objects.requireNonNull(membership, "membership");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.index = WorkIndex.following(ledger);
    }

    public PeerId self() {
        return ledger.self();
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Whether this peer coordinates its current view. */
    public boolean isCoordinator() {
        return membership.view().isCoordinator(self());
    }

    /** Appends a local event and broadcasts it (live gossip). */
    public Event append(Payload payload) {
        Event event = ledger.append(payload);
        transport.broadcast(new LiveEvent(event));
        return event;
    }

    /**
     * Handles one message from {@code from}. A live event that arrives ahead of its chain is held
     * by the ledger and the sender is asked for what is missing; a work request is answered only
     * by the coordinator (a stale coordinator ignores it and the asker retries).
     *
     * @return the leases granted (work requests on the coordinator), else empty
     */
    public List<Event> receive(PeerId from, ConsensusMessage message, long now) {
        if (message instanceof LiveEvent live) {
            ApplyResult result = ledger.apply(live.event());
            if (result.gap().isPresent()) {
                repairWith(from);
            }
        } else if (message instanceof WorkRequest request) {
            return serveWork(from, request.freeSlots(), now);
        } else if (message instanceof RepairRequest repair) {
            try (DeltaCursor delta = ledger.delta(repair.held())) {
                delta.forEachRemaining(batch -> transport.send(from, new RepairBatch(batch)));
            }
        } else if (message instanceof RepairBatch batch) {
            ledger.applyBatch(batch.events());
        }
        return List.of();
    }

    /**
     * Asks the coordinator for up to {@code freeSlots} leases; the coordinator itself decides at
     * once. Granted leases reach the asker through the ledger (see {@link #assignments(long)}).
     *
     * @return the leases granted when this peer coordinates, else empty (the answer comes by gossip)
     */
    public List<Event> requestWork(int freeSlots, long now) {
        if (isCoordinator()) {
            return serveWork(self(), freeSlots, now);
        }
        transport.send(membership.view().coordinator().peer(), new WorkRequest(freeSlots));
        return List.of();
    }

    /** Sends this ledger's version vector to {@code partner}, which answers with the events we lack. */
    public void repairWith(PeerId partner) {
        transport.send(partner, new RepairRequest(ledger.versionVector()));
    }

    /** Periodic coordinator duty: renews leases of holders that are late but made progress. */
    public List<Event> tick(long now) {
        if (!isCoordinator()) {
            return List.of();
        }
        return appendAll(coordinator.renewals(workBook(now), now));
    }

    /** The leases this peer should be running now, per its own ledger and view. */
    public List<LeaseView> assignments(long now) {
        return workBook(now).assignments(self());
    }

    /** Who runs what and what is left, per this node's ledger and view; valid until the node's next call. */
    public WorkBook workBook(long now) {
        MembershipView view = membership.view();
        return ledger.read(state -> WorkBook.of(state, view, now, coordinator.policy(), index));
    }

    private List<Event> serveWork(PeerId requester, int freeSlots, long now) {
        MembershipView view = membership.view();
        if (!view.isCoordinator(self())) {
            return List.of();
        }
        return appendAll(coordinator.grant(workBook(now), requester, freeSlots, now));
    }

    private List<Event> appendAll(List<LeaseGranted> leases) {
        return leases.stream().map(this::append).toList();
    }
}
