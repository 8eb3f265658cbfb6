package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.Topic;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships checkpoint blobs to the view ({@link #TOPIC}) so that a re-issued unit resumes on its new holder
 * (DESIGN §5). The {@code CheckpointSaved} event travels by live gossip and repair sync like any event,
 * but those move events only, not the blob it names. Each receiver stores the blob under its SHA-256
 * (the content hash is the blob's name, so nothing else needs checking). A blob larger than a channel
 * message is not shipped: its unit restarts from scratch elsewhere, which costs time, never correctness.
 * A peer that was away when a blob was shipped does not get it later either (same consequence).
 */
@Singleton
public final class CheckpointBlobs {
    public static final Topic TOPIC = new Topic(4, "checkpoint-blob");
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointBlobs.class);
    private final ClusterNode node;
    private final Ledger ledger;
    private final AtomicLong received = new AtomicLong();

    @Inject
    public CheckpointBlobs(ClusterNode node, Ledger ledger) {
        this.node = node;
        this.ledger = ledger;
    }

    /** Starts storing the blobs the others ship. */
    public void listen() {
        node.onMessage(TOPIC, this::received);
    }

    /** Ships a blob already stored locally; best effort. */
    public void share(byte[] blob) {
        if (blob.length > ClusterNode.MAX_PAYLOAD_BYTES) {
            LOG.info("checkpoint of {} bytes is too large to ship; a re-issued unit would restart", blob.length);
            return;
        }
        try {
            node.broadcast(TOPIC, blob);
        } catch (RuntimeException e) {
            LOG.warn("could not ship a checkpoint blob: {}", e.getMessage());
        }
    }

    /** Blobs received and stored so far. */
    public long received() {
        return received.get();
    }

    private void received(ClusterMember from, byte[] blob) {
        ledger.putBlob(Sha256.of(blob), blob);
        received.incrementAndGet();
    }
}
