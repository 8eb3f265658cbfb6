package io.strategyminer.ledger;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events that arrived before their predecessors, per origin, until the gap fills. Bounded in
 * events and bytes; when full, new arrivals are dropped (they are fetched again with the gap,
 * through repair). Not thread-safe: the ledger's lock guards it.
 */
final class PendingEvents {
    private final int maxEvents;
    private final long maxBytes;
    private final TreeMap<PeerId, TreeMap<Long, Event>> byOrigin = new TreeMap<>();
    private int count;
    private long bytes;

    PendingEvents(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    enum Held { HELD, ALREADY_HELD, FULL }

    Held hold(Event event) {
        TreeMap<Long, Event> events = byOrigin.get(event.origin());
        if (events != null && events.containsKey(event.sequence())) {
            return Held.ALREADY_HELD;
        }
        if (count >= maxEvents || bytes + event.size() > maxBytes) {
            return Held.FULL;
        }
        byOrigin.computeIfAbsent(event.origin(), o -> new TreeMap<>()).put(event.sequence(), event);
        count++;
        bytes += event.size();
        return Held.HELD;
    }

    /** Removes and returns the held event (origin, sequence), or null; first drops any held at or below {@code sequence - 1}, which are stored already. */
    Event take(PeerId origin, long sequence) {
        TreeMap<Long, Event> events = byOrigin.get(origin);
        if (events == null) {
            return null;
        }
        while (!events.isEmpty() && events.firstKey() < sequence) {
            forget(events.pollFirstEntry().getValue());
        }
        Event event = events.remove(sequence);
        if (event != null) {
            forget(event);
        }
        if (events.isEmpty()) {
            byOrigin.remove(origin);
        }
        return event;
    }

    /** The event held for (origin, sequence), or null. */
    Event held(PeerId origin, long sequence) {
        TreeMap<Long, Event> events = byOrigin.get(origin);
        return events == null ? null : events.get(sequence);
    }

    /** Forgets every held event of {@code origin} (a banned one). */
    void drop(PeerId origin) {
        TreeMap<Long, Event> events = byOrigin.remove(origin);
        if (events != null) {
            events.values().forEach(this::forget);
        }
    }

    /** The first missing range of an origin with held events, given how far the ledger holds it. */
    Gap gap(PeerId origin, long storedThrough) {
        TreeMap<Long, Event> events = byOrigin.get(origin);
        long firstHeld = events == null ? storedThrough + 1 : events.firstKey();
        return firstHeld > storedThrough + 1 ? new Gap(origin, storedThrough + 1, firstHeld - 1) : null;
    }

    /** Every origin's first missing range. */
    List<Gap> gaps(Map<PeerId, Long> storedThrough) {
        List<Gap> gaps = new ArrayList<>();
        for (PeerId origin : byOrigin.keySet()) {
            Gap gap = gap(origin, storedThrough.getOrDefault(origin, 0L));
            if (gap != null) {
                gaps.add(gap);
            }
        }
        return gaps;
    }

    int size() {
        return count;
    }

    private void forget(Event event) {
        count--;
        bytes -= event.size();
    }
}
