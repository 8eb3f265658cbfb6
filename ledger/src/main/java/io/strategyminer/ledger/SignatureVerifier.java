package io.strategyminer.ledger;

import io.strategyminer.ledger.event.Event;
import java.security.PublicKey;

/**
 * How a {@link Ledger} checks that an event is signed by its origin's key. Verification is a pure
 * function of (key, event bytes), so any implementation must answer exactly what {@link #ED25519}
 * answers; the only freedom is to remember answers (see {@link SignatureMemo}). The running peer
 * uses {@link #ED25519}, the default of every {@code Ledger.open}.
 */
@FunctionalInterface
public interface SignatureVerifier {
    /** The real check: Ed25519 over the event's canonical bytes, every time. */
    SignatureVerifier ED25519 = Event::signedBy;

    /** Whether {@code event}'s signature verifies with {@code key}. */
    boolean verify(Event event, PublicKey key);
}
