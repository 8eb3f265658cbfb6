package io.strategyminer.ledger;

import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.InvalidEventException;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.store.ChainHead;
import io.strategyminer.ledger.store.LedgerStore;
import io.strategyminer.ledger.store.RocksLedgerStore;
import io.strategyminer.ledger.store.StoreException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This peer's copy of the cluster's history: signed events from every origin, stored durably,
 * verified on the way in, and folded into a {@link LedgerState}.
 *
 * <h2>Rules every peer applies identically</h2>
 * <ul>
 *   <li>An origin's events form a chain: sequence 1, 2, …, each carrying the hash of the previous
 *       one and a larger Lamport time. Events are stored only in chain order.</li>
 *   <li>The first event of every origin is its {@link PeerAnnounced}, announcing the key whose
 *       hash is the origin's id and signed by it; every later announcement carries the same key.
 *       So an origin's key is known exactly when its first event is stored. Events of an origin
 *       whose key is not known yet cannot be verified and are held (bounded) like any other
 *       event that arrives before its predecessor.</li>
 *   <li>A live event ({@link #apply(Event)}) is checked one by one: shape, chain link, signature.
 *       An event ahead of the chain is held in the bounded pending buffer (its signature checked
 *       at once when the key is known) and the gap is reported; it is applied when the gap fills.</li>
 *   <li>A catch-up batch ({@link #applyBatch(List)}) is checked by chain: every link of each
 *       origin's run and the signature of the run's newest event only. Since an event's hash
 *       covers its signature and its previous hash, that one signature vouches for the whole run.
 *       A run with any bad link is refused as a whole.</li>
 *   <li>Refusals depend only on the event and its origin's chain, never on other origins'
 *       events, so all peers accept the same events; refused events are counted per reason.</li>
 *   <li>Two events of one origin that an honest peer never signs both of, wherever the ledger sees them, are an
 *       {@link Equivocation}: the ledger publishes the proof as its own events, and once a proof is in the state
 *       the origin is banned: its events count nowhere and new ones are refused ({@link RejectReason#BANNED}),
 *       the one exception to the rule above.</li>
 * </ul>
 *
 * <h2>Durability</h2>
 * Local appends are written with a synced write-ahead log before {@link #append} returns: an
 * event this peer has signed (and may have broadcast) must never be lost, or after a crash the
 * peer would sign a different event with the same sequence. Remote events are written through the
 * log without fsync: a killed process keeps them (the OS has them), a power cut may lose the last
 * few, which the repair gossip fetches again. The next synced append also makes them durable.
 *
 * <p>Thread-safe: one writer at a time, concurrent readers ({@link #read}).
 */
public final class Ledger implements Replica, AutoCloseable {
    public static final int DEFAULT_MAX_PENDING_EVENTS = 10_000;
    public static final long DEFAULT_MAX_PENDING_BYTES = 32L << 20;
    public static final int DEFAULT_DELTA_EVENTS = 1_000;
    public static final long DEFAULT_DELTA_BYTES = 4L << 20;
    public static final long MAX_BLOB_BYTES = CheckpointSaved.MAX_BLOB_BYTES;

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    private final LedgerStore store;
    private final PeerIdentity identity;
    private final LedgerState state = new LedgerState();
    private final Map<PeerId, ChainHead> heads = new HashMap<>();
    private final Map<PeerId, PublicKey> keys = new HashMap<>();
    private final PendingEvents pending;
    private final SignatureVerifier signatures;
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final CopyOnWriteArrayList<LedgerListener> listeners = new CopyOnWriteArrayList<>();
    private final BlobAdmission blobAdmission;
    /** Equivocations seen at the door during the current call; published when it ends ({@link #publishProofs}). */
    private final List<Equivocation> detected = new ArrayList<>();
    /** Peers this ledger has published a proof against (or found banned when it opened). */
    private final Set<PeerId> vouched = new HashSet<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long clock;
    private long events;

    private Ledger(LedgerStore store, PeerIdentity identity, int maxPendingEvents, long maxPendingBytes,
                   SignatureVerifier signatures) {
        this.store = store;
        this.identity = identity;
        this.pending = new PendingEvents(maxPendingEvents, maxPendingBytes);
        this.signatures = signatures;
        this.blobAdmission = new BlobAdmission(store, LedgerState.MAX_CHECKPOINT_BYTES_PER_PEER);
    }

    /** Opens (or creates) the RocksDB ledger in {@code dir} for {@code identity}; see {@link #open(LedgerStore, PeerIdentity)}. */
    public static Ledger open(Path dir, PeerIdentity identity) {
        RocksLedgerStore store;
        try {
            store = RocksLedgerStore.open(dir);
        } catch (StoreException e) {
            throw corruptOr(e);
        }
        return open(store, identity);
    }

    /**
     * Opens a ledger on {@code store}, which it then owns and closes. Rebuilds the state from the
     * stored events and verifies them on the way: every chain link, the newest signature of each
     * origin, and that the recorded chain heads match the events.
     *
     * @throws LedgerCorruptedException if the stored events do not verify or cannot be read (damaged files)
     * @throws IllegalStateException    if the store belongs to another peer
     * @throws StoreException           if the store fails otherwise (a full disk, an I/O error)
     */
    public static Ledger open(LedgerStore store, PeerIdentity identity) {
        return open(store, identity, DEFAULT_MAX_PENDING_EVENTS, DEFAULT_MAX_PENDING_BYTES);
    }

    /** As {@link #open(LedgerStore, PeerIdentity)} with a pending buffer of the given bounds. */
    public static Ledger open(LedgerStore store, PeerIdentity identity, int maxPendingEvents, long maxPendingBytes) {
        return open(store, identity, maxPendingEvents, maxPendingBytes, SignatureVerifier.ED25519);
    }

    /**
     * As {@link #open(LedgerStore, PeerIdentity)} with signatures checked by {@code signatures}
     * instead of a fresh Ed25519 verification each time: many ledgers in one process (the cluster
     * simulator) share a {@link SignatureMemo} so that each event is verified once, not once per
     * ledger. What is accepted and refused does not change.
     */
    public static Ledger open(LedgerStore store, PeerIdentity identity, SignatureVerifier signatures) {
        return open(store, identity, DEFAULT_MAX_PENDING_EVENTS, DEFAULT_MAX_PENDING_BYTES, signatures);
    }

    private static Ledger open(LedgerStore store, PeerIdentity identity, int maxPendingEvents, long maxPendingBytes,
                               SignatureVerifier signatures) {
        try {
            Optional<PeerId> owner = store.owner();
            if (owner.isPresent() && !owner.get().equals(identity.peerId())) {
                throw new IllegalStateException(store + " belongs to peer " + owner.get() + ", not to "
                        + identity.peerId());
            }
            if (owner.isEmpty()) {
                store.recordOwner(identity.peerId());
            }
            Ledger ledger = new Ledger(store, identity, maxPendingEvents, maxPendingBytes,
                    Objects.requireNonNull(signatures, "signatures"));
            ledger.rebuild();
            return ledger;
        } catch (StoreException e) {
            store.close();
            throw corruptOr(e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** This peer's id. */
    @Override
    public PeerId self() {
        return identity.peerId();
    }

    /**
     * Signs and durably stores a local event: the next sequence of this peer's chain, the next
     * Lamport time. The first local event must announce this peer's own key.
     *
     * @return the stored event (to broadcast)
     * @throws IllegalStateException    if the first event is not this peer's announcement
     * @throws IllegalArgumentException if an announcement names another key or the payload is too large
     */
    @Override
    public Event append(Payload payload) {
        lock.writeLock().lock();
        try {
            PeerId self = identity.peerId();
            ChainHead head = heads.get(self);
            if (payload instanceof PeerAnnounced announced && !announced.keyOwner().equals(self)) {
                throw new IllegalArgumentException("an announcement must carry this peer's own key");
            }
            if (head == null && !(payload instanceof PeerAnnounced)) {
                throw new IllegalStateException("the first event of a peer must be its PeerAnnounced, not "
                        + payload.type());
            }
            Event event = head == null
                    ? Event.sign(self, 1, Sha256.ZERO, clock + 1, payload, identity)
                    : Event.sign(self, head.sequence() + 1, head.hash(), clock + 1, payload, identity);
            commit(List.of(event), true, true);
            return event;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Records the digest this peer computed by re-running a reported strategy itself (kept across restarts): the
     * strategy's status then follows that verdict ({@link io.strategyminer.ledger.state.CanonicalRule}). Listeners
     * are told, since a status may change without an event.
     */
    public void recordOwnDigest(StrategyId strategy, Sha256 digest) {
        lock.writeLock().lock();
        try {
            if (state.ownDigest(strategy).filter(digest::equals).isPresent()) {
                return;
            }
            store.putOwnDigest(strategy, digest);
            state.recordOwnDigest(strategy, digest);
            for (LedgerListener listener : listeners) {
                try {
                    listener.judged(strategy);
                } catch (RuntimeException e) {
                    LOG.warn("ledger listener {} failed on a verdict: {}", listener, e.toString());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Makes this ledger's statuses wait for this peer's own re-run of every strategy (production peers). */
    public void requireOwnVerdicts() {
        lock.writeLock().lock();
        try {
            state.requireOwnVerdicts();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Decodes and applies a live event received as bytes; malformed bytes are rejected and counted. */
    public ApplyResult apply(byte[] encoded) {
        try {
            return apply(Event.decode(encoded));
        } catch (InvalidEventException e) {
            return rejectLive(e);
        }
    }

    /**
     * Applies a live event from another peer: verifies its chain link and signature and stores it,
     * followed by any held events it unblocks. Duplicates change nothing; an event ahead of the
     * chain is held and its gap reported; a bad event is rejected and counted.
     */
    public ApplyResult apply(Event event) {
        lock.writeLock().lock();
        try {
            PeerId origin = event.origin();
            long stored = storedThrough(origin);
            PublicKey key = keys.get(origin);
            try {
                checkNotBanned(origin);
                if (event.sequence() <= stored) {
                    checkDuplicate(event);
                    return ApplyResult.duplicate();
                }
                if (event.sequence() > stored + 1) {
                    return hold(event, key, stored);
                }
                try {
                    ChainRules.verifySingle(event, heads.get(origin), key, signatures);
                } catch (InvalidEventException e) {
                    if (e.reason() == RejectReason.BROKEN_CHAIN) {
                        detectFork(stored, event);
                    }
                    throw e;
                }
            } catch (InvalidEventException e) {
                return rejectLive(e);
            }
            List<Event> applied = new ArrayList<>();
            applied.add(event);
            commit(List.of(event), false, false);
            applied.addAll(drainPending(List.of(origin)));
            return ApplyResult.applied(applied);
        } finally {
            publishProofs();
            lock.writeLock().unlock();
        }
    }

    /** Decodes and applies a catch-up batch received as bytes; see {@link #applyBatch(List)}. */
    public BatchResult applyBatchEncoded(List<byte[]> encoded) {
        List<Event> decoded = new ArrayList<>(encoded.size());
        Map<RejectReason, Integer> refused = new EnumMap<>(RejectReason.class);
        List<String> problems = new ArrayList<>();
        for (byte[] bytes : encoded) {
            try {
                decoded.add(Event.decode(bytes));
            } catch (InvalidEventException e) {
                refused.merge(e.reason(), 1, Integer::sum);
                problems.add(e.getMessage());
            }
        }
        return applyBatch(decoded, refused, problems);
    }

    /**
     * Applies a catch-up batch (typically one {@link #delta} batch from another peer). Per origin,
     * events already stored are skipped (a different event under a stored sequence is a
     * {@link RejectReason#CONFLICT}); the run that continues the stored chain is checked link by
     * link with only its newest signature verified, and stored whole or refused whole; events
     * after a gap in the batch are held.
     */
    public BatchResult applyBatch(List<Event> batch) {
        return applyBatch(batch, new EnumMap<>(RejectReason.class), new ArrayList<>());
    }

    /** {@link #applyBatch(List)}, adding to refusals already found while decoding. */
    private BatchResult applyBatch(List<Event> batch, Map<RejectReason, Integer> refused, List<String> problems) {
        TreeMap<PeerId, TreeMap<Long, Event>> byOrigin = new TreeMap<>();
        List<Event[]> twins = new ArrayList<>();
        for (Event event : batch) {
            Event previous = byOrigin.computeIfAbsent(event.origin(), o -> new TreeMap<>())
                    .putIfAbsent(event.sequence(), event);
            if (previous != null && !previous.equals(event)) {
                refused.merge(RejectReason.CONFLICT, 1, Integer::sum);
                problems.add("two different events " + event.origin() + "#" + event.sequence() + " in one batch");
                twins.add(new Event[] {previous, event});
            }
        }
        lock.writeLock().lock();
        try {
            twins.forEach(pair -> detectFork(pair[0], pair[1]));
            List<Event> toStore = new ArrayList<>();
            int duplicates = 0;
            int held = 0;
            for (Map.Entry<PeerId, TreeMap<Long, Event>> entry : byOrigin.entrySet()) {
                PeerId origin = entry.getKey();
                if (state.banned(origin)) {
                    refused.merge(RejectReason.BANNED, entry.getValue().size(), Integer::sum);
                    problems.add(entry.getValue().size() + " events of " + origin + ", banned for equivocating");
                    continue;
                }
                long expected = storedThrough(origin) + 1;
                List<Event> run = new ArrayList<>();
                for (Event event : entry.getValue().values()) {
                    try {
                        if (event.sequence() < expected) {
                            checkDuplicate(event);
                            duplicates++;
                        } else if (event.sequence() == expected + run.size()) {
                            run.add(event);
                        } else if (hold(event, keys.get(origin), expected - 1 + run.size()).status()
                                == ApplyResult.Status.HELD) {
                            held++;
                        }
                    } catch (InvalidEventException e) {
                        refused.merge(e.reason(), 1, Integer::sum);
                        problems.add(e.getMessage());
                    }
                }
                if (!run.isEmpty()) {
                    try {
                        ChainRules.verifyRun(run, heads.get(origin), keys.get(origin), signatures);
                        toStore.addAll(run);
                    } catch (InvalidEventException e) {
                        if (e.reason() == RejectReason.BROKEN_CHAIN) {
                            detectBrokenLink(run);
                        }
                        refused.merge(e.reason(), run.size(), Integer::sum);
                        problems.add(origin + " events " + run.get(0).sequence() + ".."
                                + run.get(run.size() - 1).sequence() + " refused: " + e.getMessage());
                    }
                }
            }
            count(refused);
            List<Event> applied = new ArrayList<>(toStore);
            if (!toStore.isEmpty()) {
                commit(toStore, false, false);
            }
            applied.addAll(drainPending(new ArrayList<>(byOrigin.keySet())));
            return new BatchResult(applied, duplicates, held, refused, problems, gapsLocked());
        } finally {
            publishProofs();
            lock.writeLock().unlock();
        }
    }

    /** Per origin, the highest sequence stored (contiguous from 1). */
    public VersionVector versionVector() {
        lock.readLock().lock();
        try {
            TreeMap<PeerId, Long> entries = new TreeMap<>();
            heads.forEach((origin, head) -> entries.put(origin, head.sequence()));
            return new VersionVector(entries);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Per origin, the hash of the newest event held (see {@link ChainTips}); banned origins are left out, since
     * their events are not exchanged any more.
     */
    public ChainTips chainTips() {
        lock.readLock().lock();
        try {
            Map<PeerId, Sha256> tips = new TreeMap<>();
            heads.forEach((origin, head) -> {
                if (!state.banned(origin)) {
                    tips.put(origin, head.hash());
                }
            });
            return ChainTips.of(tips);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link #delta(VersionVector, int, long)} with batches of at most 1,000 events / about 4 MiB. */
    public DeltaCursor delta(VersionVector theirs) {
        return delta(theirs, DEFAULT_DELTA_EVENTS, DEFAULT_DELTA_BYTES);
    }

    /** {@link #delta(VersionVector, ChainTips, int, long)} without the other peer's tips. */
    public DeltaCursor delta(VersionVector theirs, int maxEvents, long maxBytes) {
        return delta(theirs, ChainTips.NONE, maxEvents, maxBytes);
    }

    /**
     * Exactly the events a peer with version vector {@code theirs} lacks and this ledger has (per
     * origin, sequences above theirs up to ours), as of now, in batches of at most
     * {@code maxEvents} events and about {@code maxBytes} bytes. Reads lazily: bounded memory.
     * Where both hold an origin through the same sequence but {@code theirTips} names another newest
     * event, this ledger's newest event is sent too: applying it shows the other peer the
     * equivocation. Banned origins are skipped.
     */
    public DeltaCursor delta(VersionVector theirs, ChainTips theirTips, int maxEvents, long maxBytes) {
        if (maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("delta batches need room for at least one event");
        }
        List<DeltaCursor.Range> ranges = new ArrayList<>();
        lock.readLock().lock();
        try {
            new TreeMap<>(heads).forEach((origin, head) -> {
                long theirsThrough = theirs.get(origin);
                if (state.banned(origin)) {
                    return;
                }
                if (head.sequence() > theirsThrough) {
                    ranges.add(new DeltaCursor.Range(origin, theirsThrough + 1, head.sequence()));
                } else if (head.sequence() == theirsThrough && theirTips.differs(origin, head.hash())) {
                    ranges.add(new DeltaCursor.Range(origin, theirsThrough, theirsThrough));
                }
            });
        } finally {
            lock.readLock().unlock();
        }
        return new DeltaCursor(store, ranges, maxEvents, maxBytes);
    }

    /** A stored event. */
    public Optional<Event> event(PeerId origin, long sequence) {
        return store.event(origin, sequence).map(LedgerStore::decode);
    }

    /** The missing ranges before held events, to request from other peers. */
    public List<Gap> gaps() {
        lock.readLock().lock();
        try {
            return gapsLocked();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs a query on the state under the read lock. The query must not keep references to the
     * state; the read models it returns are immutable and may be kept.
     */
    @Override
    public <T> T read(Function<LedgerState, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Registers a listener for every event stored from now on. */
    @Override
    public LedgerListener.Subscription subscribe(LedgerListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Stores a blob under its SHA-256 and returns the hash. Not synced by itself: the synced
     * append of the event that references it (e.g. {@link CheckpointSaved}) makes it durable too.
     */
    public Sha256 putBlob(byte[] content) {
        checkBlobSize(content);
        Sha256 hash = Sha256.of(content);
        store.putBlob(hash, content);
        blobAdmission.storedLocally(hash);
        return hash;
    }

    /**
     * A blob that {@code source} (a peer, an address) sent under the name {@code hash}: stored only if its content
     * has that hash, a checkpoint this ledger keeps names it and declares its size, and its saver's quota allows;
     * held briefly if no event names it yet; otherwise refused and counted (see {@link BlobAdmission}).
     */
    public BlobOffer offerBlob(Sha256 hash, byte[] content, String source) {
        lock.readLock().lock();
        try {
            return blobAdmission.offer(hash, content, source, state);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The names of every blob stored. */
    public List<Sha256> blobHashes() {
        return store.blobHashes();
    }

    /** What became of the blobs other peers offered. */
    public BlobStats blobStats() {
        return blobAdmission.stats();
    }

    public Optional<byte[]> blob(Sha256 hash) {
        return store.blob(hash);
    }

    public boolean hasBlob(Sha256 hash) {
        return store.hasBlob(hash);
    }

    /**
     * Retention: deletes every stored blob that is neither a retained checkpoint
     * ({@link LedgerState#retainedCheckpoints()}: the latest of each lease holder of an unfinished unit, within
     * its quota) nor a dataset chunk: checkpoints of done units, superseded ones, and blobs no event names. A
     * worker falls back to older checkpoints only when the latest blob is lost everywhere. A blob stored since
     * the previous prune is spared once (this peer stores its own checkpoint just before the event naming it).
     * Events stay, so chains and state are untouched; a {@link CheckpointSaved} may then name a blob no peer
     * has, which nothing needs.
     */
    public Pruned pruneCheckpoints() {
        blobAdmission.rotate();
        SortedSet<Sha256> retained = read(state -> state.retainedBlobs(store::hasBlob));
        List<Sha256> doomed = new ArrayList<>();
        for (Sha256 hash : store.blobHashes()) {
            if (!retained.contains(hash)) {
                doomed.add(hash);
            }
        }
        doomed.removeAll(blobAdmission.spared());
        long freed = store.deleteBlobs(doomed);
        return new Pruned(doomed.size(), freed);
    }

    /**
     * What {@link #pruneCheckpoints()} removed.
     *
     * @param blobs blobs deleted
     * @param bytes their total size
     */
    public record Pruned(int blobs, long bytes) {
    }

    public LedgerStats stats() {
        lock.readLock().lock();
        try {
            return new LedgerStats(events, heads.size(), clock, pending.size(), rejected);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Approximate storage size in bytes. */
    public long sizeBytes() {
        return store.sizeBytes();
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            listeners.clear();
            store.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "ledger of " + identity.peerId() + " (" + store + ")";
    }

    // ---- checking ----

    /** Passes if {@code event} is exactly the stored event with its origin and sequence. */
    private void checkDuplicate(Event event) throws InvalidEventException {
        Optional<byte[]> stored = store.event(event.origin(), event.sequence());
        if (stored.isEmpty() || !event.hasBytes(stored.get())) {
            stored.map(LedgerStore::decode).ifPresent(twin -> detectFork(twin, event));
            throw new InvalidEventException(RejectReason.CONFLICT, event
                    + " differs from the stored event with that sequence");
        }
    }

    /**
     * Keeps an event that is ahead of its origin's chain, after checking what can be checked
     * without its predecessors: the signature when the key is known, the announced key.
     */
    private ApplyResult hold(Event event, PublicKey key, long storedThrough) throws InvalidEventException {
        if (key != null && !signatures.verify(event, key)) {
            throw new InvalidEventException(RejectReason.BAD_SIGNATURE, event + " is not signed by its origin");
        }
        ChainRules.checkAnnouncedKey(event);
        Event twin = pending.held(event.origin(), event.sequence());
        if (twin != null && !twin.equals(event)) {
            detectFork(twin, event);
        }
        PendingEvents.Held held = pending.hold(event);
        Gap gap = pending.gap(event.origin(), storedThrough);
        if (gap == null) { // held events start right after the stored chain: nothing is missing before them
            gap = new Gap(event.origin(), storedThrough + 1, event.sequence() - 1);
        }
        switch (held) {
            case HELD:
                return ApplyResult.waiting(ApplyResult.Status.HELD, gap);
            case ALREADY_HELD:
                return ApplyResult.duplicate();
            default:
                return ApplyResult.waiting(ApplyResult.Status.DROPPED, gap);
        }
    }

    /** Applies held events that now continue their origins' chains, verifying each one. */
    private List<Event> drainPending(List<PeerId> origins) {
        List<Event> applied = new ArrayList<>();
        for (PeerId origin : origins) {
            if (state.banned(origin)) {
                pending.drop(origin);
                continue;
            }
            List<Event> run = new ArrayList<>();
            ChainHead head = heads.get(origin);
            PublicKey key = keys.get(origin);
            Event next;
            while ((next = pending.take(origin, (head == null ? 0 : head.sequence()) + 1)) != null) {
                try {
                    key = ChainRules.verifySingle(next, head, key, signatures);
                    run.add(next);
                    head = ChainHead.of(next);
                } catch (InvalidEventException e) {
                    count(Map.of(e.reason(), 1));
                    LOG.debug("held event refused: {}", e.getMessage());
                    break;
                }
            }
            if (!run.isEmpty()) {
                commit(run, false, false);
                applied.addAll(run);
            }
        }
        return applied;
    }

    private void checkNotBanned(PeerId origin) throws InvalidEventException {
        if (state.banned(origin)) {
            throw new InvalidEventException(RejectReason.BANNED, origin + " is banned for equivocating");
        }
    }

    /** Keeps the proof if the stored event of {@code received}'s origin at {@code storedSequence} conflicts with it. */
    private void detectFork(long storedSequence, Event received) {
        store.event(received.origin(), storedSequence).map(LedgerStore::decode)
                .ifPresent(stored -> detectFork(stored, received));
    }

    /** Keeps the proof if two events of one origin conflict and both carry its signature. */
    private void detectFork(Event a, Event b) {
        PublicKey key = keys.get(a.origin());
        if (key != null) {
            Equivocation.between(a, b, key).ifPresent(detected::add);
        }
    }

    /** A catch-up run whose chain broke: the first link that does not hold may be an equivocation. */
    private void detectBrokenLink(List<Event> run) {
        Event previous = null;
        for (Event event : run) {
            ChainHead head = heads.get(event.origin());
            Sha256 expected = previous != null ? previous.hash() : head == null ? Sha256.ZERO : head.hash();
            if (!event.previous().equals(expected)) {
                if (previous == null) {
                    detectFork(event.sequence() - 1, event);
                } else {
                    detectFork(previous, event);
                }
                return;
            }
            previous = event;
        }
    }

    /**
     * Publishes, under this peer's own name, the proof of every equivocation it saw at the door in this call and
     * of every peer newly banned by a proof from another reporter (once per offender: so the ban reaches every
     * honest peer even if the first reporter is banned in turn and its events are refused somewhere). Drops the
     * banned peers' held events. A peer that has not announced itself yet cannot sign and only logs.
     */
    private void publishProofs() {
        List<Equivocation> proofs = new ArrayList<>(detected);
        detected.clear();
        proofs.addAll(state.takeNewBans());
        while (!proofs.isEmpty()) {
            Equivocation proof = proofs.remove(0);
            PeerId offender = proof.offender();
            pending.drop(offender);
            if (offender.equals(self()) || vouched.contains(offender)) {
                continue;
            }
            if (!heads.containsKey(self())) {
                LOG.warn("{} equivocated ({} and {}), but this peer has not announced itself and cannot publish"
                        + " the proof", offender, proof.first(), proof.second());
                continue;
            }
            LOG.warn("peer {} equivocated ({} and {}): publishing the proof, its events no longer count", offender,
                    proof.first(), proof.second());
            vouched.add(offender);
            try {
                for (EquivocationProof part : proof.proof()) {
                    append(part);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not publish the proof against {}: {}", offender, e.toString());
            }
            proofs.addAll(state.takeNewBans());
        }
    }

    private ApplyResult rejectLive(InvalidEventException e) {
        lock.writeLock().lock();
        try {
            count(Map.of(e.reason(), 1));
        } finally {
            lock.writeLock().unlock();
        }
        LOG.debug("event refused: {}", e.getMessage());
        return ApplyResult.rejected(e.reason(), e.getMessage());
    }

    private void count(Map<RejectReason, Integer> refusals) {
        if (refusals.isEmpty()) {
            return;
        }
        Map<String, Long> persisted = new LinkedHashMap<>();
        refusals.forEach((reason, n) -> persisted.put("rejected." + reason.name(),
                rejected.merge(reason, (long) n, Long::sum)));
        store.putCounters(persisted);
    }

    // ---- storing ----

    /** Stores events (chain-checked by the caller, in chain order per origin), then updates memory and listeners. */
    private void commit(List<Event> batch, boolean sync, boolean local) {
        Map<PeerId, ChainHead> newHeads = new HashMap<>();
        batch.forEach(event -> newHeads.put(event.origin(), ChainHead.of(event)));
        store.append(batch, newHeads, sync);
        for (Event event : batch) {
            remember(event);
        }
        for (Event event : batch) {
            if (event.payload() instanceof CheckpointSaved checkpoint) {
                blobAdmission.named(checkpoint.blob(), state);
            }
        }
        for (Event event : batch) {
            for (LedgerListener listener : listeners) {
                try {
                    listener.stored(event, local);
                } catch (RuntimeException e) {
                    LOG.warn("ledger listener {} failed on {}", listener, event, e);
                }
            }
        }
    }

    /** Updates the in-memory heads, keys, clock and state for a stored event. */
    private void remember(Event event) {
        heads.put(event.origin(), ChainHead.of(event));
        if (event.sequence() == 1) {
            keys.put(event.origin(), ((PeerAnnounced) event.payload()).verifyingKey());
        }
        clock = Math.max(clock, event.lamport());
        events++;
        state.apply(event);
    }

    private long storedThrough(PeerId origin) {
        ChainHead head = heads.get(origin);
        return head == null ? 0 : head.sequence();
    }

    private List<Gap> gapsLocked() {
        Map<PeerId, Long> through = new HashMap<>();
        heads.forEach((origin, head) -> through.put(origin, head.sequence()));
        return pending.gaps(through);
    }

    /**
     * Reads every stored event, checking each chain link as it goes, folds it into the state, then
     * checks the newest signature of every origin and that the recorded heads match.
     */
    private void rebuild() {
        Map<PeerId, Event> newest = new HashMap<>();
        try (LedgerStore.Scan scan = store.scanAll()) {
            while (scan.hasNext()) {
                Event event = LedgerStore.decode(scan.next());
                ChainHead head = heads.get(event.origin());
                if (event.sequence() != (head == null ? 1 : head.sequence() + 1)) {
                    throw new LedgerCorruptedException(store + ": " + event + " follows "
                            + (head == null ? "nothing" : "event " + head.sequence()) + " of its origin");
                }
                try {
                    ChainRules.checkLink(event, head, keys.get(event.origin()));
                } catch (InvalidEventException e) {
                    throw new LedgerCorruptedException(store + ": stored " + e.getMessage(), e);
                }
                remember(event);
                newest.put(event.origin(), event);
            }
        }
        for (Event event : newest.values()) {
            if (!signatures.verify(event, keys.get(event.origin()))) {
                throw new LedgerCorruptedException(store + ": stored " + event + " is not signed by its origin");
            }
        }
        Map<PeerId, ChainHead> recorded = store.heads();
        if (!recorded.equals(new TreeMap<>(heads))) {
            throw new LedgerCorruptedException(store + ": recorded chain heads " + recorded.keySet()
                    + " do not match the stored events");
        }
        store.ownDigests().forEach(state::recordOwnDigest);
        state.takeNewBans().forEach(proof -> vouched.add(proof.offender()));
        store.counters().forEach((name, value) -> {
            if (name.startsWith("rejected.")) {
                try {
                    rejected.put(RejectReason.valueOf(name.substring("rejected.".length())), value);
                } catch (IllegalArgumentException unknownReason) {
                    LOG.warn("ignoring unknown counter {} in {}", name, store);
                }
            }
        });
    }

    /** A stored file that cannot be read (a damaged .sst) is as corrupt as an event that does not verify. */
    private static RuntimeException corruptOr(StoreException e) {
        return e.problem() == StoreException.Problem.CORRUPT ? new LedgerCorruptedException(e.getMessage(), e) : e;
    }

    private static void checkBlobSize(byte[] content) {
        if (content.length == 0 || content.length > MAX_BLOB_BYTES) {
            throw new IllegalArgumentException("a blob has 1 to " + MAX_BLOB_BYTES + " bytes, got " + content.length);
        }
    }
}
