package io.strategyminer.consensus.sim;

import io.strategyminer.consensus.WorkIndex;
import io.strategyminer.ledger.ApplyResult;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.LedgerListener;
import io.strategyminer.ledger.Replica;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.SignatureMemo;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A copy of the ledger in the simulation, and the unit replication moves events between: a real {@link Ledger}
 * over a {@link MemoryLedgerStore} (kept across its peer's crashes, like a disk) and the {@link WorkIndex} of its
 * state.
 *
 * <p>A peer's own copy, as in a real cluster; or one that a group of peers share. Sharing is exact about state:
 * the fold is order-independent, so peers whose copies hold the same events have equal states, and a shared copy
 * is what each member's own copy would be if every event reached the group's members at the same instant. What
 * it gives up is the spread between those members' arrival times (a member sees another member's event at once).
 * Each member still runs its own driver, slots, leases and coordinator term on it, and appends signed as itself.
 * Peers that will crash or sleep always get their own copy, so a restart or a wake-up meets the stale state a real
 * peer meets. This is what lets 1,000 peers and 100,000 units fit in one process: state grows with events times
 * copies, not events times peers.
 */
final class SimReplica {
    final int index;
    private final PeerIdentity owner;
    private final SignatureMemo signatures;
    private final ToIntFunction<StrategyReported> unitIndex;
    private final MemoryLedgerStore store = new MemoryLedgerStore();
    /** The peers reading this copy. */
    final List<SimPeer> members = new ArrayList<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    /** Units this copy holds a report for (by {@link Simulation#unitIndex}): a search is not done before all are. */
    private final BitSet unitsReported = new BitSet();
    Ledger ledger;
    WorkIndex workIndex;

    /**
     * @param owner the store's owner: the peer of a copy of its own, an identity of the group's for a shared one
     *              (it never appends)
     */
    SimReplica(int index, PeerIdentity owner, SignatureMemo signatures, ToIntFunction<StrategyReported> unitIndex) {
        this.index = index;
        this.owner = owner;
        this.signatures = signatures;
        this.unitIndex = unitIndex;
    }

    boolean shared() {
        return members.size() > 1 || !members.get(0).identity.equals(owner);
    }

    /** (Re)opens the ledger from its store, as a (re)started process does; listeners of the old one are dropped. */
    void open() {
        subscribers.clear();
        ledger = Ledger.open(store, owner, signatures);
        workIndex = WorkIndex.following(ledger);
        ledger.subscribe((event, local) -> {
            if (event.payload() instanceof StrategyReported report) {
                unitsReported.set(unitIndex.applyAsInt(report));
            }
            // members subscribe when they boot, never while an event is being stored: no copy per event
            for (Subscriber subscriber : subscribers) {
                subscriber.listener.stored(event, event.origin().equals(subscriber.peer));
            }
        });
    }

    /** Whether some member processes messages: a copy whose peers are all down or asleep receives nothing. */
    boolean active() {
        for (SimPeer member : members) {
            if (member.active()) {
                return true;
            }
        }
        return false;
    }

    /** Units with at least one report in this copy. */
    int unitsReported() {
        return unitsReported.cardinality();
    }

    /** What {@code peer}'s decisions read and append through: its ledger, or its part of the shared one. */
    Replica access(SimPeer peer) {
        return shared() ? new Member(peer.identity) : ledger;
    }

    private record Subscriber(PeerId peer, LedgerListener listener) {
    }

    /** One member's view of a shared copy: reads are the copy's, appends are signed by the member. */
    private final class Member implements Replica {
        private final PeerIdentity identity;
        private long sequence;
        private Sha256 head = Sha256.ZERO;

        Member(PeerIdentity identity) {
            this.identity = identity;
        }

        @Override
        public PeerId self() {
            return identity.peerId();
        }

        @Override
        public Event append(Payload payload) {
            Event event = Event.sign(self(), sequence + 1, head, ledger.stats().lamport() + 1, payload, identity);
            signatures.rememberSigned(event, identity);
            ApplyResult result = ledger.apply(event);
            if (result.status() != ApplyResult.Status.APPLIED) {
                throw new IllegalStateException("a shared copy refused " + event + " of its member: " + result);
            }
            sequence = event.sequence();
            head = event.hash();
            return event;
        }

        @Override
        public <T> T read(Function<LedgerState, T> query) {
            return ledger.read(query);
        }

        @Override
        public LedgerListener.Subscription subscribe(LedgerListener listener) {
            Subscriber subscriber = new Subscriber(self(), listener);
            subscribers.add(subscriber);
            return () -> subscribers.remove(subscriber);
        }
    }
}
