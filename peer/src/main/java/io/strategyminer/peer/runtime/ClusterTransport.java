package io.strategyminer.peer.runtime;

import io.strategyminer.consensus.ConsensusMessage;
import io.strategyminer.consensus.Transport;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.Topic;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consensus {@link Transport} over the cluster channel ({@link #TOPIC}, {@link ConsensusCodec}): work requests
 * to the coordinator. Events never go here: {@code LiveGossip} broadcasts every event this peer appends and
 * repair sync (Netty) brings what was missed. Best effort: a message to a peer that is not in the view is
 * dropped (the driver asks again at its next tick).
 */
@Singleton
public final class ClusterTransport implements Transport {
    public static final Topic TOPIC = new Topic(2, "consensus");
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTransport.class);
    private final ClusterNode node;

    @Inject
    public ClusterTransport(ClusterNode node) {
        this.node = node;
    }

    @Override
    public void send(PeerId to, ConsensusMessage message) {
        Optional<ClusterMember> member = node.view().members().stream()
                .filter(m -> m.name().equals(to.hex())).findFirst();
        if (member.isEmpty()) {
            LOG.debug("dropping a consensus message to {}: not in the view", to);
            return;
        }
        try {
            node.send(member.get(), TOPIC, ConsensusCodec.encode(message));
        } catch (IllegalArgumentException e) {
            LOG.debug("dropping a consensus message to {}: {}", to, e.getMessage()); // it left meanwhile
        }
    }
}
