package io.strategyminer.ledger.event;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.identity.Ed25519;
import io.strategyminer.ledger.identity.PeerId;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Two events signed by one origin that an honest peer never signs both of: two different events with the same
 * sequence, or an event and a successor (sequence + 1) that does not carry its hash. Either way the origin showed
 * different histories to different peers. Anyone holding the two events and the origin's key can check this, so
 * the pair is a proof; it travels in the ledger as {@link EquivocationProof} parts. An instance is always a valid
 * proof: the constructor checks the key, the order, the conflict and both signatures.
 *
 * @param publicKey the offender's raw Ed25519 public key, 64 hex characters
 * @param first     the event with the lower sequence (same sequence: the lower hash)
 * @param second    the other
 */
public record Equivocation(String publicKey, Event first, Event second) {

    public Equivocation {
        PeerId owner = PeerId.ofPublicKey(HexFormat.of().parseHex(publicKey));
        if (!first.origin().equals(owner) || !second.origin().equals(owner)) {
            throw new IllegalArgumentException(first + " and " + second + " are not both signed under key of " + owner);
        }
        boolean ordered = first.sequence() < second.sequence()
                || (first.sequence() == second.sequence() && first.hash().compareTo(second.hash()) < 0);
        if (!ordered) {
            throw new IllegalArgumentException(first + " must come before " + second);
        }
        boolean forked = first.sequence() == second.sequence()
                || (second.sequence() == first.sequence() + 1 && !second.previous().equals(first.hash()));
        if (!forked) {
            throw new IllegalArgumentException(first + " and " + second + " do not conflict");
        }
        PublicKey key = Ed25519.publicKey(HexFormat.of().parseHex(publicKey));
        if (!first.signedBy(key) || !second.signedBy(key)) {
            throw new IllegalArgumentException(first + " or " + second + " is not signed by its origin");
        }
    }

    /** The proof that {@code a} and {@code b} conflict, if they do and both carry {@code key}'s signature. */
    public static Optional<Equivocation> between(Event a, Event b, PublicKey key) {
        boolean aFirst = a.sequence() < b.sequence() || (a.sequence() == b.sequence() && a.hash().compareTo(b.hash()) < 0);
        try {
            return Optional.of(new Equivocation(HexFormat.of().formatHex(Ed25519.raw(key)), aFirst ? a : b,
                    aFirst ? b : a));
        } catch (IllegalArgumentException notAProof) {
            return Optional.empty();
        }
    }

    /**
     * The proof whose evidence ({@link #evidence()}) was cut into {@code parts}: all of them, in order, of one
     * evidence. Empty if the evidence is not a valid proof for the key the parts name.
     */
    public static Optional<Equivocation> assemble(List<EquivocationProof> parts) {
        int size = 0;
        for (EquivocationProof part : parts) {
            size += part.partBytes().length;
        }
        ByteBuffer evidence = ByteBuffer.allocate(size);
        parts.forEach(part -> evidence.put(part.partBytes()));
        try {
            evidence.flip();
            Event first = Event.decode(lengthPrefixed(evidence));
            Event second = Event.decode(lengthPrefixed(evidence));
            if (evidence.hasRemaining()) {
                return Optional.empty();
            }
            return Optional.of(new Equivocation(parts.get(0).publicKey(), first, second));
        } catch (InvalidEventException | IllegalArgumentException | java.nio.BufferUnderflowException notAProof) {
            return Optional.empty();
        }
    }

    public PeerId offender() {
        return first.origin();
    }

    /** Where the origin's histories part: the lowest sequence involved. */
    public long forkSequence() {
        return first.sequence();
    }

    /** Both events' canonical bytes, each after its length (int32, big-endian). */
    public byte[] evidence() {
        return ByteBuffer.allocate(2 * Integer.BYTES + first.size() + second.size()).putInt(first.size())
                .put(first.encoded()).putInt(second.size()).put(second.encoded()).array();
    }

    /** The payloads that carry this proof: the evidence in parts of {@link EquivocationProof#PART_BYTES}. */
    public List<EquivocationProof> proof() {
        byte[] evidence = evidence();
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < evidence.length; from += EquivocationProof.PART_BYTES) {
            chunks.add(Arrays.copyOfRange(evidence, from, Math.min(evidence.length, from + EquivocationProof.PART_BYTES)));
        }
        List<Sha256> hashes = chunks.stream().map(Sha256::of).toList();
        List<EquivocationProof> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            parts.add(new EquivocationProof(offender(), publicKey, hashes, i,
                    Base64.getEncoder().encodeToString(chunks.get(i))));
        }
        return parts;
    }

    private static byte[] lengthPrefixed(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > Event.MAX_ENCODED_BYTES || length > in.remaining()) {
            throw new IllegalArgumentException("an evidence event of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
