package io.strategyminer.ledger.store;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Event;
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

    /** Deletes blobs; returns the number of bytes freed (before compaction). */
    long deleteBlobs(Collection<Sha256> hashes);

    /** Persisted counters (e.g. rejected events per reason); not synced, best effort. */
    Map<String, Long> counters();

    void putCounters(Map<String, Long> counters);

    /** Approximate bytes used on disk (or in memory). */
    long sizeBytes();

    @Override
    void close();

    /** A forward scan over stored event bytes; close it when done. */
    interface Scan extends Iterator<byte[]>, AutoCloseable {
        @Override
        void close();
    }
}
