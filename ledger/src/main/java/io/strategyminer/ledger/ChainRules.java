package io.strategyminer.ledger;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.InvalidEventException;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.ledger.store.ChainHead;
import java.security.PublicKey;
import java.util.List;

/**
 * The checks that tie an event to its origin's chain (see {@link Ledger} for the rules). Pure:
 * they look only at the event, the origin's chain head and key, so every peer decides alike.
 */
final class ChainRules {

    private ChainRules() {
    }

    /**
     * Checks that {@code event} extends the chain ending at {@code head} (null: the origin has no
     * events yet) and returns the key its signature must verify with.
     */
    static PublicKey checkLink(Event event, ChainHead head, PublicKey key) throws InvalidEventException {
        checkAnnouncedKey(event);
        if (head == null) {
            if (event.sequence() != 1 || !(event.payload() instanceof PeerAnnounced announced)) {
                throw new InvalidEventException(RejectReason.BAD_ANNOUNCEMENT, "the first event of " + event.origin()
                        + " must be its announcement, got " + event);
            }
            try {
                return announced.verifyingKey();
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException(RejectReason.BAD_ANNOUNCEMENT, e.getMessage(), e);
            }
        }
        if (event.sequence() != head.sequence() + 1) {
            throw new IllegalStateException("checkLink called out of order: " + event + " after " + head);
        }
        if (!event.previous().equals(head.hash())) {
            throw new InvalidEventException(RejectReason.BROKEN_CHAIN, event + " does not follow the hash of event "
                    + head.sequence());
        }
        if (event.lamport() <= head.lamport()) {
            throw new InvalidEventException(RejectReason.BAD_LAMPORT, event + " has Lamport time " + event.lamport()
                    + ", not after " + head.lamport());
        }
        return key;
    }

    /** Every announcement must carry the key its origin's id derives from. */
    static void checkAnnouncedKey(Event event) throws InvalidEventException {
        if (event.payload() instanceof PeerAnnounced announced && !announced.keyOwner().equals(event.origin())) {
            throw new InvalidEventException(RejectReason.BAD_ANNOUNCEMENT, event
                    + " announces a key that is not its origin's");
        }
    }

    /** Checks one event fully (link and signature); returns its origin's key. */
    static PublicKey verifySingle(Event event, ChainHead head, PublicKey key, SignatureVerifier signatures)
            throws InvalidEventException {
        PublicKey signer = checkLink(event, head, key);
        if (!signatures.verify(event, signer)) {
            throw new InvalidEventException(RejectReason.BAD_SIGNATURE, event + " is not signed by its origin");
        }
        return signer;
    }

    /** Checks every link of a contiguous run and the signature of its newest event only. */
    static void verifyRun(List<Event> run, ChainHead head, PublicKey key, SignatureVerifier signatures)
            throws InvalidEventException {
        ChainHead running = head;
        PublicKey signer = key;
        for (Event event : run) {
            signer = checkLink(event, running, signer);
            running = ChainHead.of(event);
        }
        Event newest = run.get(run.size() - 1);
        if (!signatures.verify(newest, signer)) {
            throw new InvalidEventException(RejectReason.BAD_SIGNATURE, newest + " is not signed by its origin");
        }
    }
}
