package io.strategyminer.ledger.identity;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 with the JDK's built-in provider. Public keys travel as their raw 32 bytes (RFC 8032),
 * the only form that does not depend on an encoding library; the JDK wants X.509, which for
 * Ed25519 is a fixed 12-byte prefix followed by those 32 bytes.
 */
public final class Ed25519 {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK 15+ always has Ed25519", e);
        }
    }

    /** The raw 32 bytes of an Ed25519 public key. */
    public static byte[] raw(PublicKey key) {
        byte[] x509 = key.getEncoded();
        if (x509.length != X509_PREFIX.length + PUBLIC_KEY_BYTES
                || !Arrays.equals(x509, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(x509, X509_PREFIX.length, x509.length);
    }

    /** The public key with these raw 32 bytes; fails when they are not a valid curve point. */
    public static PublicKey publicKey(byte[] raw) {
        if (raw.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + raw.length);
        }
        byte[] x509 = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_BYTES);
        System.arraycopy(raw, 0, x509, X509_PREFIX.length, PUBLIC_KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not a valid Ed25519 public key: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK 15+ always has Ed25519", e);
        }
    }

    /** Signs {@code context} followed by the first {@code length} bytes of {@code message}. */
    public static byte[] sign(PrivateKey key, byte[] context, byte[] message, int length) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(context);
            signature.update(message, 0, length);
            return signature.sign();
        } catch (InvalidKeyException | SignatureException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK 15+ always has Ed25519", e);
        }
    }

    /**
     * Whether {@code signature} (64 bytes at {@code signatureOffset}) signs {@code context} followed
     * by the first {@code length} bytes of {@code message}. A malformed signature is simply invalid.
     */
    public static boolean verify(PublicKey key, byte[] context, byte[] message, int length, byte[] signature,
                                 int signatureOffset) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(context);
            verifier.update(message, 0, length);
            return verifier.verify(signature, signatureOffset, SIGNATURE_BYTES);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification unavailable: " + e.getMessage(), e);
        }
    }
}
