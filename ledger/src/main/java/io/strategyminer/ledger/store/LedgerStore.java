package io.strategyminer.ledger.store;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.LedgerCorruptedException;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.InvalidEventException;
import io.strategyminer.ledger.identity.PeerId;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a ledger keeps its bytes: events by (origin, sequence), content-addressed blobs, and
 * metadata (chain heads, owner, counters). The {@code Ledger} does all checking; a store only
 * stores. {@link RocksLedgerStore} is the real one; {@link MemoryLedgerStore} serves simulations.
 * Implementations are safe for concurrent use.
 */
public interface LedgerStore extends AutoCloseable {

    /**
     * Stores events and the new heads of their origins in one atomic write: after a crash either
     * all of them are there or none.
     *
     * @param sync whether the write must be on stable storage before this returns (see the
     *             durability notes of the implementation)
     */
    void append(List<Event> events, Map<PeerId, ChainHead> heads, boolean sync);

    /** The canonical bytes stored for (origin, sequence). */
    Optional<byte[]> event(PeerId origin, long sequence);

    /** The canonical bytes of origin's events {@code from..to} (inclusive) in sequence order. */
    Scan scan(PeerId origin, long from, long to);

    /** Every stored event: origin by origin (ascending id), each in sequence order. */
    Scan scanAll();

    /** The chain head of every origin, as last appended. */
    Map<PeerId, ChainHead> heads();

    /** The peer this store belongs to, once recorded. */
    Optional<PeerId> owner();

    void recordOwner(PeerId owner);

    /** Stores a blob under its hash; the caller has computed or checked the hash. */
    void putBlob(Sha256 hash, byte[] content);

    Optional<byte[]> blob(Sha256 hash);

    boolean hasBlob(Sha256 hash);

    /** The names of every stored blob. */
    List<Sha256> blobHashes();

    /** Deletes blobs; returns the number of bytes freed (before compaction). */
    long deleteBlobs(Collection<Sha256> hashes);

    /**
     * The digests this peer computed itself by re-running reported strategies ({@code Ledger#recordOwnDigest}): its
     * own verdicts, never shared, kept so that a restart does not re-run them all.
     */
    Map<StrategyId, Sha256> ownDigests();

    void putOwnDigest(StrategyId strategy, Sha256 digest);

    /** Persisted counters (e.g. rejected events per reason); not synced, best effort. */
    Map<String, Long> counters();

    void putCounters(Map<String, Long> counters);

    /** Approximate bytes used on disk (or in memory). */
    long sizeBytes();

    @Override
    void close();

    /**
     * The events of {@code origin} from {@code from} to {@code to} (inclusive), decoded, in sequence
     * order; close it when done. The default decodes {@link #scan}; a store that keeps decoded
     * events (in memory) returns them as stored, which spares the decoding and lets the ledgers of
     * one process share event objects.
     */
    default EventScan scanEvents(PeerId origin, long from, long to) {
        Scan bytes = scan(origin, from, to);
        Iterator<Event> decoded = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return bytes.hasNext();
            }

            @Override
            public Event next() {
                return decode(bytes.next());
            }
        };
        return EventScan.of(decoded, bytes::close);
    }

    /** Decodes bytes read from a store, where a bad event means the store is damaged. */
    static Event decode(byte[] stored) {
        try {
            return Event.decode(stored);
        } catch (InvalidEventException e) {
            throw new LedgerCorruptedException("a stored event does not decode: " + e.getMessage(), e);
        }
    }

    /** A forward scan over decoded stored events. */
    interface EventScan extends Iterator<Event>, AutoCloseable {
        @Override
        void close();

        /** A scan over {@code events} that runs {@code release} when closed. */
        static EventScan of(Iterator<Event> events, Runnable release) {
            return new EventScan() {
                @Override
                public boolean hasNext() {
                    return events.hasNext();
                }

                @Override
                public Event next() {
                    return events.next();
                }

                @Override
                public void close() {
                    release.run();
                }
            };
        }
    }

    /** A forward scan over stored event bytes; close it when done. */
    interface Scan extends Iterator<byte[]>, AutoCloseable {
        @Override
        void close();
    }
}
