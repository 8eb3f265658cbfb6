package io.strategyminer.ledger.event;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.identity.Ed25519;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.format.PayloadFormat;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * One signed ledger event: an envelope around a {@link Payload}. Immutable; it keeps the exact
 * bytes it was created or decoded from, and those bytes are what is signed, stored, sent and hashed.
 *
 * <p>Canonical encoding (big-endian, no padding):
 * <pre>
 *  1 byte   ledger format version ({@link PayloadFormat#OLDEST} to {@link PayloadFormat#CURRENT}: how the
 *           payload is encoded; the envelope is the same in all of them)
 * 16 bytes  origin peer id
 *  8 bytes  sequence, 1, 2, … per origin
 * 32 bytes  hash of the origin's previous event (zeros for sequence 1)
 *  8 bytes  Lamport time, ≥ sequence, ≤ 2^53
 *  1 byte   payload type code ({@link EventType})
 *  4 bytes  payload length n, ≤ {@value #MAX_PAYLOAD_BYTES}
 *  n bytes  payload, UTF-8 JSON in the schema of the format version ({@link PayloadFormat})
 * 64 bytes  Ed25519 signature over "strategy-miner/event/v1" followed by all bytes above
 * </pre>
 * The event's {@link #hash()} is the SHA-256 of all of it, signature included, so the hash chain
 * also fixes every earlier signature: checking the newest signature of a chain vouches for the
 * whole chain, which is what makes catch-up fast.
 */
public final class Event {
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    /** Lamport times stay far from overflow even if a peer inflates its clock. */
    public static final long MAX_LAMPORT = 1L << 53;
    static final int HEADER_BYTES = 1 + PeerId.BYTES + Long.BYTES + Sha256.BYTES + Long.BYTES + 1 + Integer.BYTES;
    public static final int MAX_ENCODED_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES + Ed25519.SIGNATURE_BYTES;
    private static final byte[] SIGNING_CONTEXT = "strategy-miner/event/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_HASH = new byte[Sha256.BYTES];

    private final PeerId origin;
    private final long sequence;
    private final Sha256 previous;
    private final long lamport;
    private final Payload payload;
    private final byte[] encoded;
    private final Sha256 hash;

    private Event(PeerId origin, long sequence, Sha256 previous, long lamport, Payload payload, byte[] encoded) {
        this.origin = origin;
        this.sequence = sequence;
        this.previous = previous;
        this.lamport = lamport;
        this.payload = payload;
        this.encoded = encoded;
        this.hash = Sha256.of(encoded);
    }

    /**
     * Serialises and signs an event. The ledger signs its own events with {@code origin} = the
     * signer's id; any other combination yields an event every peer rejects (tests forge such events).
     *
     * @throws IllegalArgumentException if a field is out of range or the payload too large
     */
    public static Event sign(PeerId origin, long sequence, Sha256 previous, long lamport, Payload payload,
                             PeerIdentity signer) {
        String problem = envelopeProblem(sequence, previous.equals(Sha256.ZERO), lamport);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        byte[] json = PayloadFormat.write(payload);
        if (json.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(payload.type() + " payload of " + json.length
                    + " bytes exceeds " + MAX_PAYLOAD_BYTES);
        }
        int unsigned = HEADER_BYTES + json.length;
        ByteBuffer buffer = ByteBuffer.allocate(unsigned + Ed25519.SIGNATURE_BYTES);
        buffer.put((byte) PayloadFormat.CURRENT).put(origin.bytes()).putLong(sequence).put(previous.bytes())
                .putLong(lamport).put((byte) payload.type().code()).putInt(json.length).put(json);
        buffer.put(signer.sign(SIGNING_CONTEXT, buffer.array(), unsigned));
        return new Event(origin, sequence, previous, lamport, payload, buffer.array());
    }

    /**
     * Reads an event from its canonical bytes and checks its shape: every envelope field in range
     * and a valid payload of the announced type. The signature and the chain are checked by the
     * ledger, which knows the origin's key and previous event.
     */
    public static Event decode(byte[] bytes) throws InvalidEventException {
        if (bytes.length < HEADER_BYTES + Ed25519.SIGNATURE_BYTES || bytes.length > MAX_ENCODED_BYTES) {
            throw new InvalidEventException(RejectReason.MALFORMED, "an event has " + (HEADER_BYTES
                    + Ed25519.SIGNATURE_BYTES) + " to " + MAX_ENCODED_BYTES + " bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int version = buffer.get();
        if (version < PayloadFormat.OLDEST || version > PayloadFormat.CURRENT) {
            throw new InvalidEventException(RejectReason.MALFORMED, "unknown ledger format version " + version
                    + " (this peer reads " + PayloadFormat.OLDEST + " to " + PayloadFormat.CURRENT + ")");
        }
        byte[] originBytes = new byte[PeerId.BYTES];
        buffer.get(originBytes);
        long sequence = buffer.getLong();
        byte[] previousBytes = new byte[Sha256.BYTES];
        buffer.get(previousBytes);
        long lamport = buffer.getLong();
        String problem = envelopeProblem(sequence, Arrays.equals(previousBytes, ZERO_HASH), lamport);
        if (problem != null) {
            throw new InvalidEventException(RejectReason.MALFORMED, problem);
        }
        int typeCode = buffer.get() & 0xff;
        EventType type = EventType.ofCode(typeCode);
        if (type == null) {
            throw new InvalidEventException(RejectReason.MALFORMED, "unknown event type code " + typeCode);
        }
        int length = buffer.getInt();
        if (length != bytes.length - HEADER_BYTES - Ed25519.SIGNATURE_BYTES) {
            throw new InvalidEventException(RejectReason.MALFORMED, "payload length " + length + " does not match "
                    + (bytes.length - HEADER_BYTES - Ed25519.SIGNATURE_BYTES) + " payload bytes present");
        }
        Payload payload;
        try {
            payload = PayloadFormat.read(version, type, Arrays.copyOfRange(bytes, HEADER_BYTES, HEADER_BYTES + length));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(RejectReason.BAD_PAYLOAD, e.getMessage(), e);
        }
        return new Event(PeerId.fromBytes(originBytes), sequence, Sha256.fromBytes(previousBytes), lamport, payload,
                bytes.clone());
    }

    /** Whether the signature verifies with {@code key} (the origin's announced key). */
    public boolean signedBy(PublicKey key) {
        int unsigned = encoded.length - Ed25519.SIGNATURE_BYTES;
        return Ed25519.verify(key, SIGNING_CONTEXT, encoded, unsigned, encoded, unsigned);
    }

    public PeerId origin() {
        return origin;
    }

    public long sequence() {
        return sequence;
    }

    /** Hash of the origin's previous event; {@link Sha256#ZERO} for sequence 1. */
    public Sha256 previous() {
        return previous;
    }

    public long lamport() {
        return lamport;
    }

    public EventType type() {
        return payload.type();
    }

    public Payload payload() {
        return payload;
    }

    /** SHA-256 of the canonical bytes, signature included. */
    public Sha256 hash() {
        return hash;
    }

    /** A copy of the canonical bytes. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** Number of canonical bytes. */
    public int size() {
        return encoded.length;
    }

    /** Whether {@code bytes} are exactly this event's canonical bytes. */
    public boolean hasBytes(byte[] bytes) {
        return Arrays.equals(encoded, bytes);
    }

    /** The payload's JSON exactly as signed. */
    public String payloadJson() {
        return new String(encoded, HEADER_BYTES, encoded.length - HEADER_BYTES - Ed25519.SIGNATURE_BYTES,
                StandardCharsets.UTF_8);
    }

    /** Events are equal when their canonical bytes are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Event other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return origin.shortHex() + "#" + sequence + " " + type() + " @" + lamport;
    }

    private static String envelopeProblem(long sequence, boolean previousIsZero, long lamport) {
        if (sequence < 1) {
            return "sequence " + sequence + " is not ≥ 1";
        }
        if ((sequence == 1) != previousIsZero) {
            return sequence == 1 ? "the first event of an origin has no previous hash (zeros)"
                    : "event " + sequence + " needs the hash of its predecessor, got zeros";
        }
        if (lamport < sequence || lamport > MAX_LAMPORT) {
            return "Lamport time " + lamport + " outside [sequence " + sequence + ", " + MAX_LAMPORT + "]";
        }
        return null;
    }
}
