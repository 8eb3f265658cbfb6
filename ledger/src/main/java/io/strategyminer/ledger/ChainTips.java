package io.strategyminer.ledger;

import io.strategyminer.ledger.identity.PeerId;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per origin, the hash of the newest event of its chain held here: sent beside the {@link VersionVector} so that
 * two peers holding the same number of an origin's events notice when those are different events (an origin that
 * showed them different histories) and exchange them ({@link Ledger#delta(VersionVector, ChainTips, int, long)}).
 * A version vector alone cannot tell: both say "origin X through sequence 7".
 *
 * @param hashes origin → hash of its newest held event
 */
public record ChainTips(SortedMap<PeerId, Sha256> hashes) {
    public static final ChainTips NONE = new ChainTips(new TreeMap<>());

    public ChainTips {
        hashes = Collections.unmodifiableSortedMap(new TreeMap<>(hashes));
    }

    /** Whether the tip of {@code origin} is known and is not {@code hash}. */
    public boolean differs(PeerId origin, Sha256 hash) {
        Sha256 tip = hashes.get(origin);
        return tip != null && !tip.equals(hash);
    }

    /** Wire form: count (int32), then per origin its 16 id bytes and the 32 hash bytes. */
    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + hashes.size() * (PeerId.BYTES + Sha256.BYTES));
        buffer.putInt(hashes.size());
        hashes.forEach((origin, hash) -> buffer.put(origin.bytes()).put(hash.bytes()));
        return buffer.array();
    }

    /** Reads the wire form; malformed input fails with a clear message. */
    public static ChainTips decode(byte[] bytes) {
        if (bytes.length < Integer.BYTES) {
            throw new IllegalArgumentException("chain tips have at least 4 bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int count = buffer.getInt();
        if (count < 0 || count > VersionVector.MAX_ORIGINS
                || bytes.length != Integer.BYTES + (long) count * (PeerId.BYTES + Sha256.BYTES)) {
            throw new IllegalArgumentException("chain tips of " + bytes.length + " bytes cannot hold " + count
                    + " origins");
        }
        TreeMap<PeerId, Sha256> hashes = new TreeMap<>();
        byte[] origin = new byte[PeerId.BYTES];
        byte[] hash = new byte[Sha256.BYTES];
        for (int i = 0; i < count; i++) {
            buffer.get(origin).get(hash);
            if (hashes.put(PeerId.fromBytes(origin), Sha256.fromBytes(hash)) != null) {
                throw new IllegalArgumentException("chain tips name origin " + PeerId.fromBytes(origin) + " twice");
            }
        }
        return new ChainTips(hashes);
    }

    static ChainTips of(Map<PeerId, Sha256> hashes) {
        return new ChainTips(new TreeMap<>(hashes));
    }
}
