package io.strategyminer.peer.cluster;

import io.strategyminer.peer.security.ClusterSecret;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates whole JGroups frames (a datagram, a TCP frame, a failure-detection frame) before JGroups
 * parses a byte of them. JGroups reads its wire format with length and count fields it trusts — a message
 * body, a header count, the number of messages in a batch — and allocates what they announce; encryption
 * (SYM_ENCRYPT) and AUTH run above the transport, after that parsing. So without this seal, 40 bytes from
 * anyone could make a peer allocate hundreds of megabytes. With it, a frame that does not end in
 * HMAC-SHA256(key derived from the cluster secret for this use, frame), truncated to {@link #TAG_BYTES}, is
 * dropped having cost one HMAC over at most one frame's bytes.
 *
 * <p>The tag does not stop a recorded frame from being replayed; a replayed frame is one a member sent, and
 * JGroups' own sequence numbers (NAKACK2, UNICAST3) discard it as a duplicate.
 */
final class FrameSeal {
    /** 128 bits of HMAC-SHA256, the usual truncation (RFC 2104 §5). */
    static final int TAG_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /** @param purpose the key's purpose: each listener gets its own key, so frames of one are refused by the other */
    FrameSeal(ClusterSecret secret, String purpose) {
        this.key = new SecretKeySpec(secret.deriveKey(purpose, 32), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** {@code data[offset, offset + length)} followed by its tag, in a new array. */
    byte[] seal(byte[] data, int offset, int length) {
        byte[] sealed = Arrays.copyOfRange(data, offset, offset + length + TAG_BYTES);
        byte[] tag = tag(data, offset, length);
        System.arraycopy(tag, 0, sealed, length, TAG_BYTES);
        return sealed;
    }

    /**
     * The length of the frame's content if {@code frame[offset, offset + length)} ends in a valid tag, else -1.
     * Comparison in constant time.
     */
    int open(byte[] frame, int offset, int length) {
        int content = length - TAG_BYTES;
        if (content < 0) {
            return -1;
        }
        byte[] expected = tag(frame, offset, content);
        byte[] presented = Arrays.copyOfRange(frame, offset + content, offset + length);
        return MessageDigest.isEqual(expected, presented) ? content : -1;
    }

    private byte[] tag(byte[] data, int offset, int length) {
        Mac mac = macs.get();
        mac.update(data, offset, length);
        return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has " + ALGORITHM, e);
        }
    }
}
