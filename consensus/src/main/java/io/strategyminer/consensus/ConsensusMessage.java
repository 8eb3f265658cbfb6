package io.strategyminer.consensus;

import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.Event;
import java.util.List;

/** What consensus nodes say to each other. The real network encodes these; the simulator passes them as they are. */
public sealed interface ConsensusMessage {

    /** An event just appended by its origin (live gossip). */
    record LiveEvent(Event event) implements ConsensusMessage {
    }

    /** A peer with free worker slots asks the coordinator for leases. */
    record WorkRequest(int freeSlots) implements ConsensusMessage {
        public WorkRequest {
            if (freeSlots < 1) {
                throw new IllegalArgumentException("a work request needs at least one free slot, got " + freeSlots);
            }
        }
    }

    /** Repair gossip: "this is what I hold; send me what I lack". */
    record RepairRequest(VersionVector held) implements ConsensusMessage {
    }

    /** Repair gossip: one bounded batch of events the requester lacked. */
    record RepairBatch(List<Event> events) implements ConsensusMessage {
        public RepairBatch {
            events = List.copyOf(events);
        }
    }
}
