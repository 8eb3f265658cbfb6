package io.strategyminer.ledger.event;

/** Why an event was refused. The ledger counts refusals per reason (for /metrics and logs). */
public enum RejectReason {
    /** The bytes are not an envelope: wrong length, version, sequence, Lamport time or type code. */
    MALFORMED,
    /** The payload is not valid JSON of its type or a field is missing, out of range or too large. */
    BAD_PAYLOAD,
    /** The signature does not verify with the origin's announced key. */
    BAD_SIGNATURE,
    /** The first event of an origin is not an announcement of the key its id derives from, or a later announcement changes the key. */
    BAD_ANNOUNCEMENT,
    /** The previous-event hash does not match the origin's previous event. */
    BROKEN_CHAIN,
    /** The Lamport time does not increase along the origin's chain. */
    BAD_LAMPORT,
    /** A different event is already stored under the same origin and sequence (an equivocating or corrupted origin). */
    CONFLICT,
    /**
     * The origin is banned: it signed two conflicting events and a proof of it is in the ledger
     * ({@link EquivocationProof}); nothing it signs is stored any more.
     */
    BANNED
}
