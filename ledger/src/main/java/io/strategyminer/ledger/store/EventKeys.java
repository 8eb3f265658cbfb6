package io.strategyminer.ledger.store;

import io.strategyminer.ledger.identity.PeerId;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Event keys: the 16 origin bytes then the sequence as a big-endian int64, so a byte-order scan
 * visits origins in id order and each origin's events in sequence order.
 */
final class EventKeys {
    static final int BYTES = PeerId.BYTES + Long.BYTES;

    private EventKeys() {
    }

    static byte[] key(byte[] origin, long sequence) {
        return ByteBuffer.allocate(BYTES).put(origin).putLong(sequence).array();
    }

    static boolean hasOrigin(byte[] key, byte[] origin) {
        return key.length == BYTES && Arrays.equals(key, 0, PeerId.BYTES, origin, 0, PeerId.BYTES);
    }

    static long sequence(byte[] key) {
        return ByteBuffer.wrap(key, PeerId.BYTES, Long.BYTES).getLong();
    }
}
