package io.strategyminer.ledger;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SignatureVerifier} that runs the real Ed25519 check once per (event, key) and remembers
 * the answer, for many ledgers in one process that receive the same events: the cluster simulator
 * runs hundreds of ledgers, and without it every event would be verified once per peer
 * (~1,300 verifications/s per core). Answers are keyed by the event hash and returned only when
 * the stored event has exactly the same bytes (so a hash collision could not smuggle an answer)
 * and the key is equal; anything else is verified for real. Keeps a reference to every event it
 * saw (events are immutable): unbounded, meant for simulations and tests, not for the peer.
 * Thread-safe.
 */
public final class SignatureMemo implements SignatureVerifier {
    private final SignatureVerifier real;
    private final ConcurrentHashMap<Sha256, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong remembered = new AtomicLong();

    /** A memo over the real Ed25519 check. */
    public SignatureMemo() {
        this(SignatureVerifier.ED25519);
    }

    /** A memo over {@code real} (tests count the real checks through it). */
    public SignatureMemo(SignatureVerifier real) {
        this.real = real;
    }

    @Override
    public boolean verify(Event event, PublicKey key) {
        Answer answer = answers.get(event.hash());
        if (answer != null && answer.key.equals(key) && answer.event.equals(event)) {
            remembered.incrementAndGet();
            return answer.valid;
        }
        boolean valid = real.verify(event, key);
        verified.incrementAndGet();
        answers.put(event.hash(), new Answer(event, key, valid));
        return valid;
    }

    /**
     * Remembers as valid an event that {@code signer} has just signed (a ledger's local append), so
     * that the ledgers receiving it do not verify it: an Ed25519 signature made with a private key
     * verifies with its public key (signing is deterministic), which the ledger's own tests check.
     *
     * @throws IllegalArgumentException if the event's origin is not the signer
     */
    public void rememberSigned(Event event, PeerIdentity signer) {
        if (!event.origin().equals(signer.peerId())) {
            throw new IllegalArgumentException(event + " was not signed by " + signer.peerId());
        }
        answers.put(event.hash(), new Answer(event, signer.publicKey(), true));
    }

    /** Real verifications run. */
    public long verified() {
        return verified.get();
    }

    /** Answers served from memory. */
    public long remembered() {
        return remembered.get();
    }

    private record Answer(Event event, PublicKey key, boolean valid) {
    }
}
