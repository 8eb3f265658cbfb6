package io.strategyminer.data.suspect;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What was done to a dataset's suspect candles: part of the dataset's identity. A dataset nothing was
 * removed from or changed in has {@link #NONE}, and its id is the hash of its candles alone, exactly as
 * before suspects existed. Otherwise the id also covers {@link #canonicalBytes()}: the policy and, per
 * candle, its time, the rules it broke and its values before and after. So the same file dropped and
 * repaired gives two ids, and the same candles read from CSV or JSON and cleaned the same way give one.
 *
 * @param policy  {@link SuspectPolicy#DROP} or {@link SuspectPolicy#REPAIR}; {@link SuspectPolicy#REFUSE}
 *                only for {@link #NONE} (nothing needed a choice)
 * @param candles the candles dropped or repaired, oldest first; at most {@link #MAX_CANDLES}
 */
public record Cleaning(SuspectPolicy policy, List<CleanedCandle> candles) {
    /** Nothing was dropped or repaired. */
    public static final Cleaning NONE = new Cleaning(SuspectPolicy.REFUSE, List.of());
    /**
     * More suspects than this are not cleaned: candles that wrong are not a market's record (wrong columns,
     * wrong units), and the record stays small enough to travel with the dataset.
     */
    public static final int MAX_CANDLES = 1_000;
    private static final byte[] MAGIC = "strategy-miner/cleaning/v1".getBytes(StandardCharsets.US_ASCII);

    public Cleaning {
        Objects.requireNonNull(policy, "policy");
        candles = List.copyOf(candles);
        if (candles.isEmpty() != (policy == SuspectPolicy.REFUSE)) {
            throw new IllegalArgumentException("a cleaning that " + (candles.isEmpty() ? "changed nothing" : "changed "
                    + candles.size() + " candles") + " cannot have policy " + policy.label());
        }
        if (candles.size() > MAX_CANDLES) {
            throw new IllegalArgumentException(candles.size() + " cleaned candles, more than " + MAX_CANDLES);
        }
        for (CleanedCandle c : candles) {
            if (c.dropped() != (policy == SuspectPolicy.DROP)) {
                throw new IllegalArgumentException("the candle at " + c.time() + " was "
                        + (c.dropped() ? "dropped" : "repaired") + " under policy " + policy.label());
            }
        }
    }

    public boolean isNone() {
        return candles.isEmpty();
    }

    /** "none", "dropped 2 suspect candles", "repaired 1 suspect candle". */
    public String summary() {
        if (isNone()) {
            return "none";
        }
        return (policy == SuspectPolicy.DROP ? "dropped " : "repaired ") + candles.size() + " suspect candle"
                + (candles.size() == 1 ? "" : "s");
    }

    /**
     * The bytes the dataset id covers after the candles (empty for {@link #NONE}): a magic, the policy, the
     * count, then per candle its time (int64), the names of the rules it broke, its values before (IEEE-754
     * bits as int64, open high low close volume) and a flag with, when repaired, the values after. Big-endian,
     * strings as an int32 length and ASCII.
     */
    public byte[] canonicalBytes() {
        if (isNone()) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            ascii(out, policy.name());
            out.writeInt(candles.size());
            for (CleanedCandle c : candles) {
                out.writeLong(c.time());
                out.writeInt(c.kinds().size());
                for (SuspectKind kind : c.kinds()) {
                    ascii(out, kind.name());
                }
                values(out, c.before());
                out.writeBoolean(!c.dropped());
                if (!c.dropped()) {
                    values(out, c.after());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The cleaning whose {@link #canonicalBytes()} these are: how a peer that fetched a cleaned dataset's candles
     * rebuilds its identity. Locations and reasons are not in the bytes; they read "as published" and the rules'
     * names. Every count and length is checked against what is left before anything is allocated.
     *
     * @throws IllegalArgumentException if the bytes are not such an encoding, or not of a valid cleaning
     */
    public static Cleaning fromCanonicalBytes(byte[] bytes) {
        if (bytes.length == 0) {
            return NONE;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a cleaning record");
            }
            SuspectPolicy policy = SuspectPolicy.valueOf(ascii(in));
            int count = in.getInt();
            if (count < 1 || count > MAX_CANDLES) {
                throw new IllegalArgumentException("a cleaning of " + count + " candles");
            }
            List<CleanedCandle> candles = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long time = in.getLong();
                int kindCount = in.getInt();
                if (kindCount < 1 || kindCount > SuspectKind.values().length) {
                    throw new IllegalArgumentException("a cleaned candle breaking " + kindCount + " rules");
                }
                List<SuspectKind> kinds = new ArrayList<>(kindCount);
                for (int k = 0; k < kindCount; k++) {
                    kinds.add(SuspectKind.valueOf(ascii(in)));
                }
                CandleValues before = values(in);
                CandleValues after = in.get() != 0 ? values(in) : null;
                candles.add(new CleanedCandle(time, "as published", kinds, kinds.toString(), before, after));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the cleaning record");
            }
            Cleaning cleaning = new Cleaning(policy, candles);
            if (!Arrays.equals(cleaning.canonicalBytes(), bytes)) {
                throw new IllegalArgumentException("the cleaning record is not in its canonical form");
            }
            return cleaning;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the cleaning record is cut short", e);
        }
    }

    private static String ascii(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > 64 || length > in.remaining()) {
            throw new IllegalArgumentException("a name of " + length + " bytes in a cleaning record");
        }
        byte[] text = new byte[length];
        in.get(text);
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static CandleValues values(ByteBuffer in) {
        return new CandleValues(Double.longBitsToDouble(in.getLong()), Double.longBitsToDouble(in.getLong()),
                Double.longBitsToDouble(in.getLong()), Double.longBitsToDouble(in.getLong()),
                Double.longBitsToDouble(in.getLong()));
    }

    private static void ascii(DataOutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void values(DataOutputStream out, CandleValues v) throws IOException {
        for (double d : new double[] {v.open(), v.high(), v.low(), v.close(), v.volume()}) {
            out.writeLong(Double.doubleToLongBits(d));
        }
    }
}
