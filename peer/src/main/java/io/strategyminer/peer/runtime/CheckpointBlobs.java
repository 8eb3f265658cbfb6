package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.BlobOffer;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.state.CheckpointView;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.Topic;
import io.strategyminer.peer.sync.SyncClient;
import io.strategyminer.peer.sync.SyncException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets checkpoint blobs to the peers that may resume their units (DESIGN §5). The {@code CheckpointSaved}
 * event travels by live gossip and repair sync like any event, but those move events only, not the blob it
 * names. Two paths move the blobs:
 * <ul>
 *   <li>the fast path: each blob is broadcast to the view ({@link #TOPIC}) right after it is saved, before
 *       its event, and every receiver offers it to its ledger ({@link Ledger#offerBlob}), which keeps it only
 *       once a checkpoint it retains names it with that size (a blob that overtook its event waits in a small
 *       buffer): a member cannot fill the others' disks with blobs;</li>
 *   <li>the repair path ({@link #obtain}): a peer about to resume a unit from a checkpoint whose blob it
 *       lacks (it was away or not yet in the view when the blob was broadcast) fetches it by hash over the
 *       encrypted repair sync from a member of the view, verifies and stores it.</li>
 * </ul>
 * A blob larger than a channel message is not broadcast, only fetched. A blob that nobody holds (its author
 * left or crashed before the broadcast got out) makes the worker fall back to an older checkpoint of the unit,
 * or to a fresh start: that costs time, never correctness.
 */
@Singleton
public final class CheckpointBlobs {
    public static final Topic TOPIC = new Topic(4, "checkpoint-blob");
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointBlobs.class);
    private final ClusterNode node;
    private final Ledger ledger;
    private final SyncClient client;
    private final SyncEndpoints endpoints;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong fetched = new AtomicLong();

    @Inject
    public CheckpointBlobs(ClusterNode node, Ledger ledger, SyncClient client, SyncEndpoints endpoints) {
        this.node = node;
        this.ledger = ledger;
        this.client = client;
        this.endpoints = endpoints;
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

    /**
     * The blob of {@code checkpoint}: from this peer's ledger, else fetched over repair sync from a member of
     * the view (the checkpoint's author first, then the others in view order), hash-verified and stored.
     * Blocks for the fetches (each bounded by the sync timeouts); call it from a worker slot.
     *
     * @return empty if no member of the view delivered it (logged with whom was tried)
     */
    public Optional<byte[]> obtain(CheckpointView checkpoint) {
        Sha256 hash = checkpoint.checkpoint().blob();
        Optional<byte[]> local = ledger.blob(hash);
        if (local.isPresent()) {
            return local;
        }
        Set<InetSocketAddress> holders = new LinkedHashSet<>();
        endpoints.of(checkpoint.saved().origin()).ifPresent(holders::add);
        holders.addAll(endpoints.others());
        List<String> tried = new ArrayList<>();
        for (InetSocketAddress holder : holders) {
            try {
                byte[] blob = client.fetchBlob(holder.getHostString(), holder.getPort(), hash,
                        checkpoint.checkpoint().sizeBytes());
                fetched.incrementAndGet();
                return Optional.of(blob);
            } catch (SyncException e) {
                tried.add(e.getMessage());
            }
        }
        LOG.warn("checkpoint blob {} is held by no reachable member of the view; tried: {}", hash.shortHex(),
                tried.isEmpty() ? "nobody (no other member announced a sync endpoint)" : tried);
        return Optional.empty();
    }

    /** Blobs fetched over repair sync so far (those missed by the broadcast). */
    public long fetched() {
        return fetched.get();
    }

    /** Blobs received by broadcast so far (the ledger's {@link Ledger#blobStats()} tells which it kept). */
    public long received() {
        return received.get();
    }

    /** A broadcast blob: the ledger decides whether to keep it (see {@link Ledger#offerBlob}). */
    private void received(ClusterMember from, byte[] blob) {
        BlobOffer offer = ledger.offerBlob(Sha256.of(blob), blob, from.toString());
        received.incrementAndGet();
        if (offer.outcome() == BlobOffer.Outcome.REFUSED) {
            LOG.debug("checkpoint blob from {} not kept: {}", from, offer.detail());
        }
    }
}
