package io.strategyminer.ledger.format;

import io.strategyminer.ledger.event.EventType;
import io.strategyminer.ledger.event.Payload;

/**
 * The stored form of payloads: a schema of its own per ledger format version, separate from the domain records, so
 * that changing a domain record cannot silently change what is stored (or make stored events undecodable). New
 * events are written in {@link #CURRENT}; every older format a release ever wrote stays readable — the tests hold
 * golden events of each. Adding a field or a type means a new format version and a new schema class; the old
 * one is left as it is.
 */
public final class PayloadFormat {
    public static final int CURRENT = FormatV3.VERSION;
    /** The oldest format still read. */
    public static final int OLDEST = FormatV1.VERSION;

    private PayloadFormat() {
    }

    /** The payload's JSON in the current format. */
    public static byte[] write(Payload payload) {
        return FormatV3.write(payload);
    }

    /**
     * Reads a payload of {@code type} written in format {@code version}.
     *
     * @throws IllegalArgumentException naming the type, the field and the problem, for an unknown version or a
     *                                  payload that does not fit its schema
     */
    public static Payload read(int version, EventType type, byte[] json) {
        try {
            return switch (version) {
                case FormatV1.VERSION -> FormatV1.read(type, json);
                case FormatV2.VERSION -> FormatV2.read(type, json);
                case FormatV3.VERSION -> FormatV3.read(type, json);
                default -> throw new IllegalArgumentException("unknown ledger format " + version + " (this peer reads "
                        + OLDEST + " to " + CURRENT + ")");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type + ": " + e.getMessage(), e);
        }
    }
}
