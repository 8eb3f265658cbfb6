package io.strategyminer.web;

import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.LedgerListener;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When this peer last stored an event from each origin (its own appends included), by the wall clock:
 * the "last seen" of the cluster page. Display only: events carry no time, so this is when the news
 * arrived here, and nothing is known about a peer silent since this server started.
 */
final class PeerActivity implements AutoCloseable {
    private final Map<PeerId, Long> lastStoredMillis = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final LedgerListener.Subscription subscription;

    PeerActivity(Ledger ledger, LongSupplier clock) {
        this.clock = clock;
        this.subscription = ledger.subscribe(this::stored);
    }

    private void stored(Event event, boolean local) {
        lastStoredMillis.put(event.origin(), clock.getAsLong());
    }

    /** Unix milliseconds of the last event from {@code peer} stored here since start; empty if none. */
    OptionalLong lastSeenMillis(PeerId peer) {
        Long millis = lastStoredMillis.get(peer);
        return millis == null ? OptionalLong.empty() : OptionalLong.of(millis);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
