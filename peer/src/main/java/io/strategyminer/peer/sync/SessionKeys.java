package io.strategyminer.peer.sync;

import io.strategyminer.peer.security.ClusterSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of the Netty streams, all derived with HMAC-SHA256 from the cluster secret's
 * "netty-stream" key (itself HKDF-derived, {@link ClusterSecret#deriveKey}); the secret and these keys
 * never travel. Both sides contribute a random 32-byte nonce per connection, so every session has fresh
 * keys and a proof from one session is worthless in another.
 *
 * <ul>
 *   <li>proof of the client: HMAC(auth key, "client-proof" ‖ client nonce ‖ server nonce)</li>
 *   <li>proof of the server: HMAC(auth key, "server-proof" ‖ client nonce ‖ server nonce)</li>
 *   <li>AES-256 key client → server: HMAC(stream key, "client-to-server" ‖ nonces), and
 *       server → client with "server-to-client": distinct keys per direction.</li>
 * </ul>
 */
final class SessionKeys {
    static final int NONCE_BYTES = 32;
    static final int PROOF_BYTES = 32;

    private final byte[] streamKey;
    private final byte[] authKey;

    SessionKeys(ClusterSecret secret) {
        this.streamKey = secret.deriveKey("netty-stream", 32);
        this.authKey = hmac(streamKey, label("authentication"));
    }

    byte[] clientProof(byte[] clientNonce, byte[] serverNonce) {
        return hmac(authKey, label("client-proof"), clientNonce, serverNonce);
    }

    byte[] serverProof(byte[] clientNonce, byte[] serverNonce) {
        return hmac(authKey, label("server-proof"), clientNonce, serverNonce);
    }

    byte[] clientToServer(byte[] clientNonce, byte[] serverNonce) {
        return hmac(streamKey, label("client-to-server"), clientNonce, serverNonce);
    }

    byte[] serverToClient(byte[] clientNonce, byte[] serverNonce) {
        return hmac(streamKey, label("server-to-client"), clientNonce, serverNonce);
    }

    /** Constant-time, so a forged proof cannot be found byte by byte from timing. */
    static boolean sameProof(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] label(String name) {
        return ("strategy-miner/sync/" + name).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has HmacSHA256", e);
        }
    }
}
