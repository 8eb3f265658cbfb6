package io.strategyminer.ledger;

import io.strategyminer.ledger.identity.PeerId;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per origin, the highest sequence number held contiguously from 1 (origins with none are absent).
 * Immutable. Two peers exchange version vectors to find what each lacks ({@code Ledger.delta}).
 *
 * @param entries origin → highest contiguous sequence, all ≥ 1
 */
public record VersionVector(SortedMap<PeerId, Long> entries) {
    public static final VersionVector EMPTY = new VersionVector(new TreeMap<>());
    /** A vector names at most this many origins on the wire. */
    public static final int MAX_ORIGINS = 1 << 20;

    public VersionVector {
        TreeMap<PeerId, Long> copy = new TreeMap<>();
        entries.forEach((origin, sequence) -> {
            if (origin == null || sequence == null || sequence < 1) {
                throw new IllegalArgumentException("version vector entry " + origin + " → " + sequence
                        + " is not a peer and a sequence ≥ 1");
            }
            copy.put(origin, sequence);
        });
        entries = Collections.unmodifiableSortedMap(copy);
    }

    public static VersionVector of(Map<PeerId, Long> entries) {
        return new VersionVector(new TreeMap<>(entries));
    }

    /** The highest contiguous sequence held for {@code origin}, 0 if none. */
    public long get(PeerId origin) {
        return entries.getOrDefault(origin, 0L);
    }

    /** Total number of events covered. */
    public long total() {
        return entries.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether this vector covers everything {@code other} does. */
    public boolean dominates(VersionVector other) {
        return other.entries.entrySet().stream().allMatch(e -> get(e.getKey()) >= e.getValue());
    }

    /** Pointwise maximum. */
    public VersionVector merge(VersionVector other) {
        TreeMap<PeerId, Long> merged = new TreeMap<>(entries);
        other.entries.forEach((origin, sequence) -> merged.merge(origin, sequence, Math::max));
        return new VersionVector(merged);
    }

    /** Wire form: count (int32), then per origin its 16 id bytes and the sequence (int64), big-endian. */
    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES + entries.size() * (PeerId.BYTES + Long.BYTES));
        buffer.putInt(entries.size());
        entries.forEach((origin, sequence) -> buffer.put(origin.bytes()).putLong(sequence));
        return buffer.array();
    }

    /** Reads the wire form; malformed input fails with a clear message. */
    public static VersionVector decode(byte[] bytes) {
        if (bytes.length < Integer.BYTES) {
            throw new IllegalArgumentException("a version vector has at least 4 bytes, got " + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int count = buffer.getInt();
        if (count < 0 || count > MAX_ORIGINS
                || bytes.length != Integer.BYTES + (long) count * (PeerId.BYTES + Long.BYTES)) {
            throw new IllegalArgumentException("version vector of " + bytes.length + " bytes cannot hold " + count
                    + " origins");
        }
        TreeMap<PeerId, Long> entries = new TreeMap<>();
        byte[] origin = new byte[PeerId.BYTES];
        for (int i = 0; i < count; i++) {
            buffer.get(origin);
            if (entries.put(PeerId.fromBytes(origin), buffer.getLong()) != null) {
                throw new IllegalArgumentException("version vector names origin " + PeerId.fromBytes(origin) + " twice");
            }
        }
        return new VersionVector(entries);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        entries.forEach((origin, sequence) -> s.append(s.length() > 1 ? ", " : "").append(origin.shortHex())
                .append('=').append(sequence));
        return s.append('}').toString();
    }
}
