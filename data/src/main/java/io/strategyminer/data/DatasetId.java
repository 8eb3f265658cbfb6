package io.strategyminer.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.strategyminer.data.suspect.Cleaning;

/**
 * The id of a dataset: SHA-256 over the canonical binary encoding of its candles, as 64 lowercase
 * hex characters. The same candles give the same id whatever file format they were read from,
 * so peers can ask each other for a dataset by id and verify what they receive. When suspect candles
 * were dropped or repaired, the id also covers that {@link Cleaning}.
 */
public record DatasetId(String hex) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    /** Prefix of the canonical encoding; bump it if the encoding ever changes. */
    private static final byte[] MAGIC = "strategy-miner/candles/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int BYTES_PER_CANDLE = 6 * Long.BYTES;

    public DatasetId {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a dataset id is 64 lowercase hex characters, got: " + hex);
        }
    }

    /** Parses a full id; see {@link #hex()}. */
    public static DatasetId parse(String hex) {
        return new DatasetId(hex == null ? null : hex.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Canonical encoding: the magic, the candle count (int64), then per candle its time (int64) and
     * open, high, low, close, volume as IEEE-754 bits (int64), all big-endian.
     */
    public static DatasetId of(CandleSeries candles) {
        return of(candles, Cleaning.NONE);
    }

    /**
     * The id of cleaned candles: the encoding above followed by {@link Cleaning#canonicalBytes()}. For
     * {@link Cleaning#NONE} those bytes are empty, so the id of data nothing was done to is exactly
     * {@link #of(CandleSeries)}; the candle count in front makes the boundary unambiguous.
     */
    public static DatasetId of(CandleSeries candles, Cleaning cleaning) {
        MessageDigest sha = sha256();
        sha.update(MAGIC);
        ByteBuffer buf = ByteBuffer.allocate(Math.max(Long.BYTES, Math.min(candles.size(), 4096) * BYTES_PER_CANDLE))
                .order(ByteOrder.BIG_ENDIAN);
        buf.putLong(candles.size());
        for (int i = 0; i < candles.size(); i++) {
            if (buf.remaining() < BYTES_PER_CANDLE) {
                sha.update(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putLong(candles.time()[i]);
            buf.putLong(Double.doubleToLongBits(candles.open()[i]));
            buf.putLong(Double.doubleToLongBits(candles.high()[i]));
            buf.putLong(Double.doubleToLongBits(candles.low()[i]));
            buf.putLong(Double.doubleToLongBits(candles.close()[i]));
            buf.putLong(Double.doubleToLongBits(candles.volume()[i]));
        }
        sha.update(buf.array(), 0, buf.position());
        sha.update(cleaning.canonicalBytes());
        return new DatasetId(HexFormat.of().formatHex(sha.digest()));
    }

    /** The first 12 characters, for tables and logs. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return hex;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
