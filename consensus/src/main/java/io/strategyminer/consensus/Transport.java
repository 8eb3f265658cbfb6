package io.strategyminer.consensus;

import io.strategyminer.ledger.identity.PeerId;

/**
 * How a {@link ConsensusNode} reaches another peer. Delivery is best effort: messages may be lost,
 * duplicated, delayed or reordered; the node copes (work requests are repeated at every tick while
 * slots are free). The receiving side hands each message to {@link PeerDriver#receive(PeerId, ConsensusMessage)}.
 * Events are not sent here: the peer replicates its ledger by itself (live gossip, repair sync).
 */
public interface Transport {

    /** Sends to one peer. */
    void send(PeerId to, ConsensusMessage message);
}
