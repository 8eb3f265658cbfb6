package io.strategyminer.consensus;

import io.strategyminer.consensus.ConsensusMessage.WorkRequest;
import io.strategyminer.ledger.Replica;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LeaseView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One peer's consensus role, wired to its ledger, its membership and its transport: while this peer is
 * the view's coordinator, it answers work requests with leases and renews leases at each tick. Events
 * reach the other peers by the peer's own replication of its ledger, not through this node. The
 * {@link PeerDriver} drives it, in the peer and in the simulator; time is always passed in. Not
 * thread-safe: call it from one thread (the peer's consensus loop, the simulator's event loop).
 */
public final class ConsensusNode {
    private final Replica ledger;
    private final Membership membership;
    private final Transport transport;
    private final Coordinator coordinator;
    /** The units' analyses and what needs work, kept up to date between decisions (see {@link WorkIndex}). */
    private final WorkIndex index;
    /** The term this peer grants in while it coordinates (see {@link LeaseTerm}). */
    private Optional<LeaseTerm> term = Optional.empty();

    /**
     * @param index the work index of {@code ledger}'s state ({@link WorkIndex#following}); nodes reading one shared
     *              replica (the simulator's) share its index, since the index follows the state, not the node
     */
    public ConsensusNode(Replica ledger, WorkIndex index, Membership membership, Transport transport,
                         Coordinator coordinator) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.index = Objects.requireNonNull(index, "index");
        this.membership = Objects.requireNonNull(membership, "membership");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
    }

    public PeerId self() {
        return ledger.self();
    }

    public Replica ledger() {
        return ledger;
    }

    /** The knobs of leasing this node grants with (and asks by: its queue's length). */
    public LeasePolicy policy() {
        return coordinator.policy();
    }

    /** Whether this peer coordinates its current view. */
    public boolean isCoordinator() {
        return membership.view().isCoordinator(self());
    }

    /** Appends a local event (the peer's replication carries it to the others). */
    public Event append(Payload payload) {
        return ledger.append(payload);
    }

    /**
     * Handles one message from {@code from}: a work request is answered only by the coordinator (a stale
     * coordinator ignores it and the asker asks again at its next tick).
     *
     * @return the leases granted (work requests on the coordinator), else empty
     */
    public List<Event> receive(PeerId from, ConsensusMessage message, long now) {
        if (message instanceof WorkRequest request) {
            return serveWork(from, request.wanted(), now);
        }
        return List.of();
    }

    /**
     * Asks the coordinator for up to {@code wanted} leases; the coordinator itself decides at
     * once. Granted leases reach the asker through the ledger (see {@link #assignments(long)}).
     *
     * @return the leases granted when this peer coordinates, else empty (the answer comes by gossip)
     */
    public List<Event> requestWork(int wanted, long now) {
        if (isCoordinator()) {
            return serveWork(self(), wanted, now);
        }
        transport.send(membership.view().coordinator().peer(), new WorkRequest(wanted));
        return List.of();
    }

    /** Periodic coordinator duty: renews leases of holders that are late but made progress. */
    public List<Event> tick(long now) {
        if (!isCoordinator()) {
            return List.of();
        }
        WorkBook book = workBook(now);
        return appendAll(coordinator.renewals(book, term(book.view()), now));
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

    private List<Event> serveWork(PeerId requester, int wanted, long now) {
        MembershipView view = membership.view();
        if (!view.isCoordinator(self())) {
            return List.of();
        }
        WorkBook book = workBook(now);
        return appendAll(coordinator.grant(book, term(view), requester, wanted, now));
    }

    /** This coordinator's term in {@code view}, moved past any lease it has learnt of since (see {@link LeaseTerm}). */
    private LeaseTerm term(MembershipView view) {
        LeaseTerm current = ledger.read(state -> LeaseTerm.next(term, view, state.leaseEpochs(), self()));
        term = Optional.of(current);
        return current;
    }

    private List<Event> appendAll(List<LeaseGranted> leases) {
        return leases.stream().map(this::append).toList();
    }
}
