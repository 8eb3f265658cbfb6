package io.strategyminer.peer.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret every member of a cluster shares (DESIGN §8). It never travels or is used as is: each
 * use (JGroups authentication, JGroups encryption, Netty streams) gets its own key derived with
 * HKDF-SHA256 (RFC 5869), so a key leaked from one layer says nothing about the others.
 */
public final class ClusterSecret {
    public static final int BYTES = 32;
    private static final byte[] SALT = "strategy-miner/cluster-secret/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;

    private ClusterSecret(byte[] secret) {
        if (secret.length != BYTES) {
            throw new IllegalArgumentException("a cluster secret is " + BYTES + " bytes, got " + secret.length);
        }
        this.secret = secret.clone();
    }

    /** A fresh secret for a new cluster. */
    public static ClusterSecret generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new ClusterSecret(bytes);
    }

    /** Reads the text form ({@link #encoded()}): 43 characters of unpadded base64url. */
    public static ClusterSecret decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cluster secret (expected base64url): " + e.getMessage(), e);
        }
        return new ClusterSecret(bytes);
    }

    public String encoded() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * A key of {@code length} bytes (at most 32) for one purpose, e.g. "jgroups-auth", "jgroups-encrypt",
     * "netty-stream". Equal secret and purpose give equal keys on every peer.
     */
    public byte[] deriveKey(String purpose, int length) {
        if (length < 1 || length > 32) {
            throw new IllegalArgumentException("derived keys are 1 to 32 bytes, asked for " + length);
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(SALT, "HmacSHA256"));
            byte[] pseudoRandomKey = hmac.doFinal(secret);
            hmac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            hmac.update(purpose.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 1);
            return Arrays.copyOf(hmac.doFinal(), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }

    /** Constant-time comparison, so a wrong secret cannot be guessed byte by byte from timing. */
    public boolean sameAs(ClusterSecret other) {
        return MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterSecret other && sameAs(other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(deriveKey("hash-code", 4));
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ClusterSecret[hidden]";
    }
}
