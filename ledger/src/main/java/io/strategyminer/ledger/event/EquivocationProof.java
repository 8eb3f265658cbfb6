package io.strategyminer.ledger.event;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.identity.PeerId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One part of the proof that a peer equivocated ({@link Equivocation}): the evidence is both offending events'
 * signed bytes, which a verifier needs whole (an Ed25519 signature covers every byte of its event). Two events of
 * up to 128 KiB of payload each do not fit in one payload, so the evidence is cut into parts of {@value #PART_BYTES}
 * bytes, one event each (at most {@value #MAX_PARTS}; two small events make one part). Every part names the SHA-256
 * of every part, so each part is checked on its own when it arrives, and parts of the same evidence published by
 * different peers are interchangeable. The proof counts once every part is in the ledger and the assembled
 * evidence verifies ({@code LedgerState}).
 *
 * @param offender   the peer that signed both events
 * @param publicKey  its raw Ed25519 public key, 64 hex characters, which must hash to {@code offender}: the proof
 *                   verifies without any event of the offender's own
 * @param partHashes SHA-256 of the bytes of each part, in order, 1 to {@value #MAX_PARTS}
 * @param part       the index of this part
 * @param bytes      this part's bytes in base64 (standard alphabet, padded): {@value #PART_BYTES} bytes for every
 *                   part but the last, 1 to {@value #PART_BYTES} for the last
 */
public record EquivocationProof(PeerId offender, String publicKey, List<Sha256> partHashes, int part, String bytes)
        implements Payload {
    public static final int PART_BYTES = 64 * 1024;
    /** Two events of the largest size, each with its 4-byte length. */
    public static final int MAX_EVIDENCE_BYTES = 2 * (Integer.BYTES + Event.MAX_ENCODED_BYTES);
    public static final int MAX_PARTS = (MAX_EVIDENCE_BYTES + PART_BYTES - 1) / PART_BYTES;
    private static final int MAX_PART_CHARS = 4 * ((PART_BYTES + 2) / 3);
    private static final Pattern KEY_HEX = Pattern.compile("[0-9a-f]{64}");

    public EquivocationProof {
        Checks.required("offender", offender);
        Checks.matches("offender's public key", publicKey, KEY_HEX);
        if (!PeerId.ofPublicKey(HexFormat.of().parseHex(publicKey)).equals(offender)) {
            throw new IllegalArgumentException("public key " + publicKey.substring(0, 8) + "… is not the key of "
                    + offender);
        }
        Checks.required("part hashes", partHashes);
        Checks.range("number of parts", partHashes.size(), 1, MAX_PARTS);
        partHashes.forEach(hash -> Checks.required("part hash", hash));
        partHashes = List.copyOf(partHashes);
        Checks.range("part", part, 0, partHashes.size() - 1);
        Checks.required("part bytes", bytes);
        Checks.range("base64 characters of a part", bytes.length(), 4, MAX_PART_CHARS);
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("part " + part + " is not base64: " + e.getMessage(), e);
        }
        boolean last = part == partHashes.size() - 1;
        if (last ? decoded.length > PART_BYTES : decoded.length != PART_BYTES) {
            throw new IllegalArgumentException("part " + part + " of " + partHashes.size() + " has " + decoded.length
                    + " bytes, expected " + (last ? "1 to " : "") + PART_BYTES);
        }
        if (!Sha256.of(decoded).equals(partHashes.get(part))) {
            throw new IllegalArgumentException("part " + part + " does not hash to its listed part hash");
        }
    }

    /** The name of the whole evidence: SHA-256 of the part hashes in order. */
    public Sha256 evidence() {
        byte[] all = new byte[partHashes.size() * Sha256.BYTES];
        for (int i = 0; i < partHashes.size(); i++) {
            System.arraycopy(partHashes.get(i).bytes(), 0, all, i * Sha256.BYTES, Sha256.BYTES);
        }
        return Sha256.of(all);
    }

    /** This part's bytes. */
    public byte[] partBytes() {
        return Base64.getDecoder().decode(bytes);
    }

    @Override
    public EventType type() {
        return EventType.EQUIVOCATION_PROOF;
    }
}
