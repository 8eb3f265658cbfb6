package io.strategyminer.peer.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ClusterSecretTest {
    private static final ClusterSecret FIXED = ClusterSecret.decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");

    @Test
    void textFormRoundTrips() {
        ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
        ClusterSecret back = ClusterSecret.decode(secret.encoded());
        assertTrue(secret.sameAs(back));
        assertEquals(43, secret.encoded().length());
    }

    @Test
    void derivedKeysArePinnedPerPurpose() {
        // HKDF-SHA256(salt = "strategy-miner/cluster-secret/v1", ikm = 00..1f, info = purpose), the value
        // computed independently with Python's hmac module. Pinned so
        // that a change of derivation, which would split every existing cluster, cannot pass unnoticed.
        byte[] auth = FIXED.deriveKey("jgroups-auth", 32);
        byte[] encrypt = FIXED.deriveKey("jgroups-encrypt", 32);
        assertFalse(Arrays.equals(auth, encrypt));
        assertArrayEquals(auth, ClusterSecret.decode(FIXED.encoded()).deriveKey("jgroups-auth", 32));
        assertArrayEquals(Arrays.copyOf(auth, 16), FIXED.deriveKey("jgroups-auth", 16));
        assertEquals(PINNED_AUTH_KEY, HexFormat.of().formatHex(auth));
    }

    @Test
    void differentSecretsGiveDifferentKeys() {
        ClusterSecret other = ClusterSecret.generate(new SecureRandom());
        assertNotEquals(FIXED, other);
        assertFalse(Arrays.equals(FIXED.deriveKey("netty-stream", 32), other.deriveKey("netty-stream", 32)));
    }

    @Test
    void malformedTextIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterSecret.decode("abc"));
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClusterSecret.decode("not base64 !!"));
        assertTrue(e.getMessage().contains("base64url"), e.getMessage());
    }

    @Test
    void neverPrintsItself() {
        assertFalse(FIXED.toString().contains(FIXED.encoded()));
    }

    private static final String PINNED_AUTH_KEY =
            "528ebe3b97378b39cf60e3aaa70b8cce86cca6e439ad4b097b013e818e89e89d";
}
