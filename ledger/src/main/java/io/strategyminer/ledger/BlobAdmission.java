package io.strategyminer.ledger;

import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.CheckpointView;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.store.LedgerStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which blobs from other peers the ledger stores (DESIGN §8: no member can fill a peer's disk with blobs).
 * A blob is stored only if a checkpoint in the ledger names it, the checkpoint is one peers keep
 * ({@link LedgerState#retainedCheckpoints}: the latest of each lease holder of an unfinished unit, within the
 * holder's quota) and the blob has the size the checkpoint declares. A blob that arrives before its checkpoint
 * (the broadcast usually overtakes the event) waits in a small buffer; when the buffer is full, the oldest blob of
 * the source holding the most bytes in it is pushed out, so a flooding sender pushes out its own blobs, not the
 * honest ones waiting beside them. A blob pushed out is fetched again over repair sync if a worker ever needs it. Storing a peer's new checkpoint deletes its
 * superseded ones at once, so that a peer saving checkpoints fast cannot grow the store between two prunes.
 *
 * <p>Also remembers which blobs were stored since the last two prunes, which {@link Ledger#pruneCheckpoints()} spares:
 * a blob this peer stores just before appending the checkpoint that names it is not pruned in between.
 * Thread-safe.
 */
final class BlobAdmission {
    static final int MAX_HELD_BLOBS = 64;
    static final long MAX_HELD_BYTES = 4L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(BlobAdmission.class);

    private final LedgerStore store;
    private final long quotaPerPeer;
    private final LinkedHashMap<Sha256, Held> held = new LinkedHashMap<>();
    private final HashMap<String, Long> heldBytesBySource = new HashMap<>();
    private final EnumMap<BlobRefusal, Long> refused = new EnumMap<>(BlobRefusal.class);
    private long heldBytes;
    private long stored;
    private Set<Sha256> fresh = new HashSet<>();
    private Set<Sha256> older = new HashSet<>();

    /** @param quotaPerPeer declared checkpoint bytes kept per peer ({@link LedgerState#MAX_CHECKPOINT_BYTES_PER_PEER}) */
    BlobAdmission(LedgerStore store, long quotaPerPeer) {
        this.store = store;
        this.quotaPerPeer = quotaPerPeer;
    }

    /**
     * A blob that {@code source} (a peer, an address: whom to blame for a flood) sent under the name {@code hash};
     * {@code state} is read under the ledger's lock.
     */
    synchronized BlobOffer offer(Sha256 hash, byte[] content, String source, LedgerState state) {
        if (content.length == 0 || content.length > Ledger.MAX_BLOB_BYTES) {
            return refuse(BlobRefusal.BAD_SIZE, "a blob has 1 to " + Ledger.MAX_BLOB_BYTES + " bytes, got "
                    + content.length);
        }
        if (!Sha256.of(content).equals(hash)) {
            return refuse(BlobRefusal.MISNAMED, "blob sent as " + hash.shortHex() + " hashes to "
                    + Sha256.of(content).shortHex());
        }
        if (store.hasBlob(hash)) {
            return BlobOffer.of(BlobOffer.Outcome.ALREADY_STORED);
        }
        if (!state.checkpointsNaming(hash).isEmpty()) {
            return admit(hash, content, state);
        }
        if (held.containsKey(hash)) {
            return BlobOffer.of(BlobOffer.Outcome.HELD);
        }
        if (content.length > MAX_HELD_BYTES) {
            return refuse(BlobRefusal.UNREFERENCED, "no checkpoint names blob " + hash.shortHex() + " of "
                    + content.length + " bytes, too large to wait for one");
        }
        hold(hash, new Held(source, content));
        while (held.size() > MAX_HELD_BLOBS || heldBytes > MAX_HELD_BYTES) {
            String greediest = Collections.max(heldBytesBySource.entrySet(), Map.Entry.comparingByValue()).getKey();
            Sha256 out = held.entrySet().stream().filter(e -> e.getValue().source.equals(greediest)).findFirst()
                    .orElseThrow().getKey();
            release(out);
            refuse(BlobRefusal.UNREFERENCED, "no checkpoint named blob " + out.shortHex() + " from " + greediest
                    + " in time");
        }
        return BlobOffer.of(BlobOffer.Outcome.HELD);
    }

    /** A checkpoint naming {@code hash} was stored: admit the blob if it was waiting for it. */
    synchronized void named(Sha256 hash, LedgerState state) {
        Held waiting = release(hash);
        if (waiting != null) {
            admit(hash, waiting.content, state);
        }
    }

    /** A blob this peer stored itself (its own checkpoint, about to be named by its event). */
    synchronized void storedLocally(Sha256 hash) {
        fresh.add(hash);
    }

    /** Starts a prune: blobs stored since the one before last stop being spared. */
    synchronized void rotate() {
        older = fresh;
        fresh = new HashSet<>();
    }

    /** Blobs stored since the previous prune started, which this one must not delete. */
    synchronized Set<Sha256> spared() {
        Set<Sha256> spared = new HashSet<>(older);
        spared.addAll(fresh);
        return spared;
    }

    synchronized BlobStats stats() {
        return new BlobStats(stored, held.size(), heldBytes, refused);
    }

    private BlobOffer admit(Sha256 hash, byte[] content, LedgerState state) {
        List<CheckpointView> naming = state.checkpointsNaming(hash);
        if (naming.stream().noneMatch(c -> c.checkpoint().sizeBytes() == content.length)) {
            return refuse(BlobRefusal.WRONG_SIZE, "blob " + hash.shortHex() + " has " + content.length
                    + " bytes, its checkpoint declares " + naming.get(0).checkpoint().sizeBytes());
        }
        Predicate<Sha256> held = blob -> blob.equals(hash) || store.hasBlob(blob);
        List<CheckpointView> retained = new ArrayList<>(naming);
        retained.retainAll(state.retainedCheckpoints(quotaPerPeer, held));
        if (retained.isEmpty()) {
            List<CheckpointView> uncapped = new ArrayList<>(naming);
            uncapped.retainAll(state.retainedCheckpoints(Long.MAX_VALUE, held));
            return uncapped.isEmpty()
                    ? refuse(BlobRefusal.NOT_RETAINED, "blob " + hash.shortHex() + " is no checkpoint anyone keeps")
                    : refuse(BlobRefusal.OVER_QUOTA, "blob " + hash.shortHex() + " is over the checkpoint quota of "
                    + uncapped.get(0).saved().origin().shortHex());
        }
        store.putBlob(hash, content);
        stored++;
        fresh.add(hash);
        dropSuperseded(retained, state, held);
        return BlobOffer.of(BlobOffer.Outcome.STORED);
    }

    /** Deletes the stored blobs no longer kept of the peers whose new checkpoints were just stored. */
    private void dropSuperseded(List<CheckpointView> stored, LedgerState state, Predicate<Sha256> held) {
        Set<PeerId> savers = new HashSet<>();
        stored.forEach(checkpoint -> savers.add(checkpoint.saved().origin()));
        SortedSet<Sha256> obsolete = state.obsoleteCheckpointBlobs(held);
        List<Sha256> superseded = new ArrayList<>();
        for (Sha256 blob : obsolete) {
            if (state.checkpointsNaming(blob).stream().anyMatch(c -> savers.contains(c.saved().origin()))
                    && store.hasBlob(blob)) {
                superseded.add(blob);
            }
        }
        if (!superseded.isEmpty()) {
            store.deleteBlobs(superseded);
        }
    }

    private void hold(Sha256 hash, Held blob) {
        held.put(hash, blob);
        heldBytes += blob.content.length;
        heldBytesBySource.merge(blob.source, (long) blob.content.length, Long::sum);
    }

    private Held release(Sha256 hash) {
        Held blob = held.remove(hash);
        if (blob != null) {
            heldBytes -= blob.content.length;
            heldBytesBySource.merge(blob.source, -(long) blob.content.length, Long::sum);
            heldBytesBySource.remove(blob.source, 0L);
        }
        return blob;
    }

    private BlobOffer refuse(BlobRefusal reason, String detail) {
        refused.merge(reason, 1L, Long::sum);
        LOG.debug("blob refused ({}): {}", reason, detail);
        return BlobOffer.refused(reason, detail);
    }

    private record Held(String source, byte[] content) {
    }
}
