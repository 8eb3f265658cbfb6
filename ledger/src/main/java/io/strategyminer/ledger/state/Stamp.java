package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import java.util.Comparator;

/**
 * Where a fact comes from: its event's Lamport time, origin and sequence. The order (Lamport
 * time, then origin, then sequence) is total and the same on every peer, so "earliest" and
 * "latest" are decided by the facts themselves and never by the order they arrived in.
 */
public record Stamp(long lamport, PeerId origin, long sequence) implements Comparable<Stamp> {
    private static final Comparator<Stamp> ORDER = Comparator.comparingLong(Stamp::lamport)
            .thenComparing(Stamp::origin).thenComparingLong(Stamp::sequence);

    public static Stamp of(Event event) {
        return new Stamp(event.lamport(), event.origin(), event.sequence());
    }

    @Override
    public int compareTo(Stamp other) {
        return ORDER.compare(this, other);
    }
}
