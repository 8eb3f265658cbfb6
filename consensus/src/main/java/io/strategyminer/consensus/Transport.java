package io.strategyminer.consensus;

import io.strategyminer.ledger.identity.PeerId;

/**
 * How a {@link ConsensusNode} reaches other peers. Delivery is best effort: messages may be lost,
 * duplicated, delayed or reordered; the node copes (live events are repaired by version vectors,
 * work requests are retried). The receiving side hands each message to
 * {@link ConsensusNode#receive(PeerId, ConsensusMessage, long)}.
 */
public interface Transport {

    /** Sends to every other member of the current view (live gossip). */
    void broadcast(ConsensusMessage message);

    /** Sends to one peer. */
    void send(PeerId to, ConsensusMessage message);
}
