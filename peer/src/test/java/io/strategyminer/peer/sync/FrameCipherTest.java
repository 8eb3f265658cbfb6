package io.strategyminer.peer.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.security.ClusterSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Session keys, proofs and sealed frames. */
class FrameCipherTest {
    private static final byte[] CLIENT_NONCE = filled(1);
    private static final byte[] SERVER_NONCE = filled(2);

    @Test
    void framesOpenInOrderUnderTheDirectionsKey() throws Exception {
        SessionKeys keys = new SessionKeys(SyncFixtures.SECRET);
        FrameCipher sealer = FrameCipher.sealer(keys.clientToServer(CLIENT_NONCE, SERVER_NONCE));
        FrameCipher opener = FrameCipher.opener(keys.clientToServer(CLIENT_NONCE, SERVER_NONCE));
        byte[] first = sealer.seal(text("first"));
        byte[] second = sealer.seal(text("second"));
        assertFalse(new String(first, StandardCharsets.ISO_8859_1).contains("first"), "the frame is encrypted");
        assertArrayEquals(text("first"), opener.open(first));
        assertArrayEquals(text("second"), opener.open(second));
    }

    @Test
    void replayedReorderedAlteredOrForeignFramesAreRefused() throws Exception {
        SessionKeys keys = new SessionKeys(SyncFixtures.SECRET);
        byte[] key = keys.clientToServer(CLIENT_NONCE, SERVER_NONCE);
        FrameCipher sealer = FrameCipher.sealer(key);
        byte[] first = sealer.seal(text("first"));
        byte[] second = sealer.seal(text("second"));

        FrameCipher reordered = FrameCipher.opener(key);
        assertThrows(FrameCipher.TamperedFrameException.class, () -> reordered.open(second));

        FrameCipher replayed = FrameCipher.opener(key);
        replayed.open(first);
        assertThrows(FrameCipher.TamperedFrameException.class, () -> replayed.open(first));

        for (int i = 0; i < first.length; i++) {
            byte[] altered = first.clone();
            altered[i] ^= 0x01;
            FrameCipher opener = FrameCipher.opener(key);
            assertThrows(FrameCipher.TamperedFrameException.class, () -> opener.open(altered), "byte " + i);
        }

        FrameCipher otherDirection = FrameCipher.opener(keys.serverToClient(CLIENT_NONCE, SERVER_NONCE));
        assertThrows(FrameCipher.TamperedFrameException.class, () -> otherDirection.open(first));
        FrameCipher otherSecret = FrameCipher.opener(new SessionKeys(ClusterSecret.generate(new SecureRandom()))
                .clientToServer(CLIENT_NONCE, SERVER_NONCE));
        assertThrows(FrameCipher.TamperedFrameException.class, () -> otherSecret.open(first));
    }

    @Test
    void proofsAndKeysDependOnSecretRoleAndNonces() {
        SessionKeys keys = new SessionKeys(SyncFixtures.SECRET);
        SessionKeys sameSecret = new SessionKeys(ClusterSecret.decode(SyncFixtures.SECRET.encoded()));
        SessionKeys otherSecret = new SessionKeys(ClusterSecret.generate(new SecureRandom()));
        byte[] proof = keys.clientProof(CLIENT_NONCE, SERVER_NONCE);

        assertTrue(SessionKeys.sameProof(proof, sameSecret.clientProof(CLIENT_NONCE, SERVER_NONCE)));
        assertFalse(SessionKeys.sameProof(proof, otherSecret.clientProof(CLIENT_NONCE, SERVER_NONCE)));
        assertFalse(SessionKeys.sameProof(proof, keys.serverProof(CLIENT_NONCE, SERVER_NONCE)), "roles differ");
        assertFalse(SessionKeys.sameProof(proof, keys.clientProof(CLIENT_NONCE, filled(3))), "nonces differ");
        assertFalse(Arrays.equals(keys.clientToServer(CLIENT_NONCE, SERVER_NONCE),
                keys.serverToClient(CLIENT_NONCE, SERVER_NONCE)), "directions have their own keys");
        assertFalse(Arrays.equals(proof, SyncFixtures.SECRET.deriveKey("netty-stream", 32)));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[SessionKeys.NONCE_BYTES];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
