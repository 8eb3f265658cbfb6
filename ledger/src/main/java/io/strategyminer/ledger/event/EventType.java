package io.strategyminer.ledger.event;

/**
 * The payload types and their one-byte codes in the envelope. Codes are part of the signed format:
 * never renumber; add new types with new codes.
 */
public enum EventType {
    PEER_ANNOUNCED(1, PeerAnnounced.class),
    DATASET_PUBLISHED(2, DatasetPublished.class),
    SEARCH_SUBMITTED(3, SearchSubmitted.class),
    LEASE_GRANTED(4, LeaseGranted.class),
    CHECKPOINT_SAVED(5, CheckpointSaved.class),
    STRATEGY_REPORTED(6, StrategyReported.class),
    VERIFICATION_REPORTED(7, VerificationReported.class),
    /** Since ledger format 2. */
    UNIT_FAILED(8, UnitFailed.class),
    /** Since ledger format 2. */
    EQUIVOCATION_PROOF(9, EquivocationProof.class);

    private static final EventType[] BY_CODE = new EventType[10];

    static {
        for (EventType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final Class<? extends Payload> payloadClass;

    EventType(int code, Class<? extends Payload> payloadClass) {
        this.code = code;
        this.payloadClass = payloadClass;
    }

    public int code() {
        return code;
    }

    public Class<? extends Payload> payloadClass() {
        return payloadClass;
    }

    /** The type with this code, or null for an unknown code. */
    public static EventType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
