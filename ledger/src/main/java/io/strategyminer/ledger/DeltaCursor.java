package io.strategyminer.ledger;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.store.LedgerStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The events another peer lacks, in batches of bounded count and size, read lazily from the
 * store: memory stays bounded however far behind the other peer is. Each origin's events come in
 * sequence order, origins one after another, so every batch is a valid catch-up batch
 * ({@code Ledger.applyBatch}). Close it when done (it may hold a storage iterator).
 */
public final class DeltaCursor implements Iterator<List<Event>>, AutoCloseable {
    private final LedgerStore store;
    private final Deque<Range> ranges;
    private final int maxEvents;
    private final long maxBytes;
    private final long total;
    private LedgerStore.EventScan scan;
    private long delivered;

    record Range(PeerId origin, long from, long to) {
    }

    DeltaCursor(LedgerStore store, List<Range> ranges, int maxEvents, long maxBytes) {
        this.store = store;
        this.ranges = new ArrayDeque<>(ranges);
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.total = ranges.stream().mapToLong(r -> r.to - r.from + 1).sum();
    }

    /** Number of events this delta yields in all. */
    public long total() {
        return total;
    }

    @Override
    public boolean hasNext() {
        return delivered < total;
    }

    @Override
    public List<Event> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Event> batch = new ArrayList<>(Math.min(maxEvents, (int) Math.min(total - delivered, maxEvents)));
        long bytes = 0;
        while (batch.size() < maxEvents && delivered < total && (batch.isEmpty() || bytes < maxBytes)) {
            if (scan == null || !scan.hasNext()) {
                openNextRange();
            }
            Event event = scan.next();
            batch.add(event);
            bytes += event.size();
            delivered++;
        }
        return batch;
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
    }

    private void openNextRange() {
        close();
        Range range = ranges.poll();
        if (range == null) {
            throw new LedgerCorruptedException("the store holds fewer events than its chain heads promise");
        }
        scan = store.scanEvents(range.origin, range.from, range.to);
        if (!scan.hasNext()) {
            throw new LedgerCorruptedException("events " + range.from + ".." + range.to + " of " + range.origin
                    + " are missing from the store");
        }
    }
}
