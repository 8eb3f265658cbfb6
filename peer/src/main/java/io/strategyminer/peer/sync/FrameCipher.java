package io.strategyminer.peer.sync;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for one direction of one session. Frames carry a counter, 0, 1, 2, … (8 bytes,
 * authenticated as associated data), which is also the GCM nonce; the receiver accepts exactly the
 * next counter, so a replayed, reordered or dropped frame ends the session, and a nonce is never reused
 * under a key (each direction of each session has its own key, {@link SessionKeys}).
 * Sealed frame: counter (8 bytes) ‖ ciphertext ‖ 16-byte tag.
 */
final class FrameCipher {
    static final int OVERHEAD = Long.BYTES + 16;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final boolean sealing;
    private long counter;

    private FrameCipher(byte[] key, boolean sealing) {
        this.key = new SecretKeySpec(key, "AES");
        this.sealing = sealing;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has AES/GCM", e);
        }
    }

    static FrameCipher sealer(byte[] key) {
        return new FrameCipher(key, true);
    }

    static FrameCipher opener(byte[] key) {
        return new FrameCipher(key, false);
    }

    byte[] seal(byte[] plaintext) {
        if (!sealing) {
            throw new IllegalStateException("this cipher opens frames");
        }
        byte[] counterBytes = ByteBuffer.allocate(Long.BYTES).putLong(counter).array();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nonce(counter));
            cipher.updateAAD(counterBytes);
            byte[] frame = new byte[Long.BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(counterBytes, 0, frame, 0, Long.BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, frame, Long.BYTES);
            counter++;
            return frame;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /**
     * @throws TamperedFrameException if the frame is not the next one or fails authentication
     */
    byte[] open(byte[] frame) throws TamperedFrameException {
        if (sealing) {
            throw new IllegalStateException("this cipher seals frames");
        }
        if (frame.length < OVERHEAD) {
            throw new TamperedFrameException("frame of " + frame.length + " bytes is shorter than its seal");
        }
        long received = ByteBuffer.wrap(frame, 0, Long.BYTES).getLong();
        if (received != counter) {
            throw new TamperedFrameException("frame counter " + received + ", expected " + counter
                    + ": replayed, reordered or dropped frame");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nonce(counter));
            cipher.updateAAD(frame, 0, Long.BYTES);
            byte[] plaintext = cipher.doFinal(frame, Long.BYTES, frame.length - Long.BYTES);
            counter++;
            return plaintext;
        } catch (AEADBadTagException e) {
            throw new TamperedFrameException("frame " + counter + " fails authentication: altered in flight", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    private static GCMParameterSpec nonce(long counter) {
        return new GCMParameterSpec(TAG_BITS, ByteBuffer.allocate(12).putInt(0).putLong(counter).array());
    }

    /** A sealed frame that does not open: altered, replayed, reordered, or sealed under another key. */
    static final class TamperedFrameException extends Exception {
        private static final long serialVersionUID = 1L;

        TamperedFrameException(String message) {
            super(message);
        }

        TamperedFrameException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
