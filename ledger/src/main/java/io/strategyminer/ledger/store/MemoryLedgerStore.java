package io.strategyminer.ledger.store;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store in memory, for the cluster simulator and other runs that need the real ledger logic
 * without disks: same contract as {@link RocksLedgerStore}, nothing survives {@link #close()}.
 * Appends are atomic to readers (heads are updated after the events they point to). Events are
 * kept as the immutable {@link Event} objects handed in, not as copies of their bytes: many stores
 * in one process (the cluster simulator) that receive the same event object share it.
 */
public final class MemoryLedgerStore implements LedgerStore {
    private final ConcurrentSkipListMap<EventKey, Event> events = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<PeerId, ChainHead> heads = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<Sha256, byte[]> blobs = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<String, Long> counters = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<StrategyId, Sha256> ownDigests = new ConcurrentSkipListMap<>();
    private final AtomicReference<PeerId> owner = new AtomicReference<>();
    private volatile boolean closed;

    @Override
    public synchronized void append(List<Event> batch, Map<PeerId, ChainHead> newHeads, boolean sync) {
        ensureOpen();
        batch.forEach(event -> events.put(new EventKey(event.origin(), event.sequence()), event));
        heads.putAll(newHeads);
    }

    @Override
    public Optional<byte[]> event(PeerId origin, long sequence) {
        ensureOpen();
        return Optional.ofNullable(events.get(new EventKey(origin, sequence))).map(Event::encoded);
    }

    @Override
    public Scan scan(PeerId origin, long from, long to) {
        ensureOpen();
        return scanOf(events.subMap(new EventKey(origin, from), true, new EventKey(origin, to), true));
    }

    /** The stored event objects themselves: nothing to decode, shared with whoever else holds them. */
    @Override
    public EventScan scanEvents(PeerId origin, long from, long to) {
        ensureOpen();
        return EventScan.of(events.subMap(new EventKey(origin, from), true, new EventKey(origin, to), true)
                .values().iterator(), () -> { }); // nothing native to release
    }

    @Override
    public Scan scanAll() {
        ensureOpen();
        return scanOf(events);
    }

    @Override
    public Map<PeerId, ChainHead> heads() {
        ensureOpen();
        return new TreeMap<>(heads);
    }

    @Override
    public Optional<PeerId> owner() {
        ensureOpen();
        return Optional.ofNullable(owner.get());
    }

    @Override
    public void recordOwner(PeerId peer) {
        ensureOpen();
        owner.set(peer);
    }

    @Override
    public void putBlob(Sha256 hash, byte[] content) {
        ensureOpen();
        blobs.put(hash, content.clone());
    }

    @Override
    public Optional<byte[]> blob(Sha256 hash) {
        ensureOpen();
        return Optional.ofNullable(blobs.get(hash)).map(byte[]::clone);
    }

    @Override
    public boolean hasBlob(Sha256 hash) {
        ensureOpen();
        return blobs.containsKey(hash);
    }

    @Override
    public List<Sha256> blobHashes() {
        ensureOpen();
        return List.copyOf(blobs.keySet());
    }

    @Override
    public long deleteBlobs(Collection<Sha256> hashes) {
        ensureOpen();
        long freed = 0;
        for (Sha256 hash : hashes) {
            byte[] removed = blobs.remove(hash);
            freed += removed == null ? 0 : removed.length;
        }
        return freed;
    }

    @Override
    public Map<StrategyId, Sha256> ownDigests() {
        ensureOpen();
        return new TreeMap<>(ownDigests);
    }

    @Override
    public void putOwnDigest(StrategyId strategy, Sha256 digest) {
        ensureOpen();
        ownDigests.put(strategy, digest);
    }

    @Override
    public Map<String, Long> counters() {
        ensureOpen();
        return new TreeMap<>(counters);
    }

    @Override
    public void putCounters(Map<String, Long> values) {
        ensureOpen();
        counters.putAll(values);
    }

    @Override
    public long sizeBytes() {
        ensureOpen();
        long total = 0;
        for (Event event : events.values()) {
            total += event.size() + EventKeys.BYTES;
        }
        for (byte[] blob : blobs.values()) {
            total += blob.length + Sha256.BYTES;
        }
        return total;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the in-memory ledger store is closed");
        }
    }

    private static Scan scanOf(NavigableMap<EventKey, Event> range) {
        Iterator<Event> values = range.values().iterator();
        return new Scan() {
            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public byte[] next() {
                return values.next().encoded();
            }

            @Override
            public void close() {
                // nothing native to release
            }
        };
    }

    private record EventKey(PeerId origin, long sequence) implements Comparable<EventKey> {
        @Override
        public int compareTo(EventKey other) {
            int byOrigin = origin.compareTo(other.origin);
            return byOrigin != 0 ? byOrigin : Long.compare(sequence, other.sequence);
        }
    }
}
