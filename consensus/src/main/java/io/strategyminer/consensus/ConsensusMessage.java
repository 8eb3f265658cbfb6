package io.strategyminer.consensus;

/**
 * What consensus nodes say to each other: only what the coordinator needs from the others. Events travel
 * by the peer's own replication (live gossip and repair sync in the peer; modelled by the simulator),
 * never as consensus messages. The real network encodes these; the simulator passes them as they are.
 */
public sealed interface ConsensusMessage {

    /** A peer asks the coordinator for {@code wanted} leases: for its free worker slots and its queue. */
    record WorkRequest(int wanted) implements ConsensusMessage {
        public WorkRequest {
            if (wanted < 1) {
                throw new IllegalArgumentException("a work request needs to want at least one lease, got " + wanted);
            }
        }
    }
}
