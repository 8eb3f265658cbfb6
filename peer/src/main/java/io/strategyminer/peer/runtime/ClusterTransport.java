package io.strategyminer.peer.runtime;

import io.strategyminer.consensus.ConsensusMessage;
import io.strategyminer.consensus.ConsensusMessage.LiveEvent;
import io.strategyminer.consensus.ConsensusMessage.RepairBatch;
import io.strategyminer.consensus.Transport;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consensus {@link Transport} over the cluster channel ({@link #TOPIC}, {@link ConsensusCodec}).
 *
 * <p>Live events are <em>not</em> sent here: {@code LiveGossip} already broadcasts every event this
 * peer appends (whoever appends it: the consensus thread or a worker slot), so sending them again would
 * make every peer verify each signature twice. Repair batches are split so that each message fits the
 * channel's {@link ClusterNode#MAX_PAYLOAD_BYTES}. Best effort: a message to a peer that is not in the
 * view is dropped (consensus retries).
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
    public void broadcast(ConsensusMessage message) {
        if (message instanceof LiveEvent) {
            return; // carried by LiveGossip, see the class comment
        }
        node.broadcast(TOPIC, ConsensusCodec.encode(message));
    }

    @Override
    public void send(PeerId to, ConsensusMessage message) {
        Optional<ClusterMember> member = node.view().members().stream()
                .filter(m -> m.name().equals(to.hex())).findFirst();
        if (member.isEmpty()) {
            LOG.debug("dropping a consensus message to {}: not in the view", to);
            return;
        }
        for (ConsensusMessage part : fitting(message)) {
            try {
                node.send(member.get(), TOPIC, ConsensusCodec.encode(part));
            } catch (IllegalArgumentException e) {
                LOG.debug("dropping a consensus message to {}: {}", to, e.getMessage()); // it left meanwhile
            }
        }
    }

    /** A repair batch split into batches that each fit one channel message; any other message as is. */
    static List<ConsensusMessage> fitting(ConsensusMessage message) {
        if (!(message instanceof RepairBatch batch)) {
            return List.of(message);
        }
        List<ConsensusMessage> parts = new ArrayList<>();
        List<Event> current = new ArrayList<>();
        long size = ConsensusCodec.BATCH_OVERHEAD;
        for (Event event : batch.events()) {
            long eventSize = ConsensusCodec.BATCH_EVENT_OVERHEAD + event.size();
            if (!current.isEmpty() && size + eventSize > ClusterNode.MAX_PAYLOAD_BYTES) {
                parts.add(new RepairBatch(current));
                current = new ArrayList<>();
                size = ConsensusCodec.BATCH_OVERHEAD;
            }
            current.add(event);
            size += eventSize;
        }
        if (!current.isEmpty()) {
            parts.add(new RepairBatch(current));
        }
        return parts;
    }
}
