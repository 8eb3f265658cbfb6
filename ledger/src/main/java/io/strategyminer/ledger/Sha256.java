package io.strategyminer.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A SHA-256 value as 64 lowercase hex characters: event hashes, blob addresses, dataset chunk
 * hashes and backtest result digests.
 */
public record Sha256(String hex) implements Comparable<Sha256> {
    public static final int BYTES = 32;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    /** The "previous hash" of an origin's first event. */
    public static final Sha256 ZERO = new Sha256("0".repeat(2 * BYTES));

    public Sha256 {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a SHA-256 value is 64 lowercase hex characters, got: " + hex);
        }
    }

    @JsonCreator
    public static Sha256 parse(String hex) {
        return new Sha256(hex);
    }

    public static Sha256 fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a SHA-256 value is " + BYTES + " bytes, got " + bytes.length);
        }
        return new Sha256(HexFormat.of().formatHex(bytes));
    }

    /** The SHA-256 of {@code content}. */
    public static Sha256 of(byte[] content) {
        return fromBytes(digest(content));
    }

    /** The raw SHA-256 of {@code content}. */
    public static byte[] digest(byte[] content) {
        return newDigest().digest(content);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    /** The first 12 characters, for tables and logs. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @JsonValue
    @Override
    public String toString() {
        return hex;
    }

    @Override
    public int compareTo(Sha256 other) {
        return hex.compareTo(other.hex);
    }
}
