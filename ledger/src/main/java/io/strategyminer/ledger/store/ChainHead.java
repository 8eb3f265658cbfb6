package io.strategyminer.ledger.store;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Event;
import java.nio.ByteBuffer;

/**
 * The newest stored event of an origin: its sequence (the origin's entry in the version
 * vector), hash (the next event's previous hash) and Lamport time (the next must be larger).
 */
public record ChainHead(long sequence, Sha256 hash, long lamport) {
    static final int BYTES = Long.BYTES + Sha256.BYTES + Long.BYTES;

    public static ChainHead of(Event event) {
        return new ChainHead(event.sequence(), event.hash(), event.lamport());
    }

    byte[] encode() {
        return ByteBuffer.allocate(BYTES).putLong(sequence).put(hash.bytes()).putLong(lamport).array();
    }

    static ChainHead decode(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalStateException("a chain head record has " + BYTES + " bytes, found " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long sequence = buffer.getLong();
        byte[] hash = new byte[Sha256.BYTES];
        buffer.get(hash);
        return new ChainHead(sequence, Sha256.fromBytes(hash), buffer.getLong());
    }
}
