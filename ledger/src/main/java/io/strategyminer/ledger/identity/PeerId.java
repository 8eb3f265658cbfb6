package io.strategyminer.ledger.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.strategyminer.ledger.Sha256;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The identity of a peer: the first 16 bytes of the SHA-256 of its raw Ed25519 public key, as 32
 * lowercase hex characters. Deriving the id from the key means an event's origin names the only
 * key that may sign it, and nobody can announce a different key for an existing id.
 */
public record PeerId(String hex) implements Comparable<PeerId> {
    public static final int BYTES = 16;
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

    public PeerId {
        if (hex == null || !HEX32.matcher(hex).matches()) {
            throw new IllegalArgumentException("a peer id is 32 lowercase hex characters, got: " + hex);
        }
    }

    @JsonCreator
    public static PeerId parse(String hex) {
        return new PeerId(hex);
    }

    /** The id of the peer owning this raw 32-byte Ed25519 public key. */
    public static PeerId ofPublicKey(byte[] rawPublicKey) {
        return fromBytes(Arrays.copyOf(Sha256.digest(rawPublicKey), BYTES));
    }

    public static PeerId fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a peer id is " + BYTES + " bytes, got " + bytes.length);
        }
        return new PeerId(HexFormat.of().formatHex(bytes));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    /** The first 8 characters, for tables and logs. */
    public String shortHex() {
        return hex.substring(0, 8);
    }

    @JsonValue
    @Override
    public String toString() {
        return hex;
    }

    @Override
    public int compareTo(PeerId other) {
        // lowercase hex of equal length sorts like the bytes it encodes
        return hex.compareTo(other.hex);
    }
}
