package io.strategyminer.consensus;

/**
 * What consensus nodes say to each other: only what the coordinator needs from the others. Events travel
 * by the peer's own replication (live gossip and repair sync in the peer; modelled by the simulator),
 * never as consensus messages. The real network encodes these; the simulator passes them as they are.
 */
public sealed interface ConsensusMessage {

    /** A peer with free worker slots asks the coordinator for leases. */
    record WorkRequest(int freeSlots) implements ConsensusMessage {
        public WorkRequest {
            if (freeSlots < 1) {
                throw new IllegalArgumentException("a work request needs at least one free slot, got " + freeSlots);
            }
        }
    }
}
