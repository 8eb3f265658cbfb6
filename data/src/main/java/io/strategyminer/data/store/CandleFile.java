package io.strategyminer.data.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import io.strategyminer.data.CandleSeries;

/**
 * The on-disk form of a candle series: gzip over a small header and the columns one after another
 * (first time, then time deltas, then the IEEE-754 bits of open, high, low, close, volume). Columns
 * compress far better than rows: deltas are nearly all equal and flat markets repeat prices.
 * Exact bits are kept, so a series read back has the same {@link io.strategyminer.data.DatasetId}.
 */
public final class CandleFile {
    private static final byte[] MAGIC = "SM-CANDLES".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    /** Refuses absurd counts in a damaged header instead of allocating gigabytes. */
    static final int MAX_CANDLES = 50_000_000;

    private CandleFile() {
    }

    public static void write(OutputStream target, CandleSeries candles) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(target, 1 << 16);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gzip, 1 << 16));
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(candles.size());
        long[] time = candles.time();
        for (int i = 0; i < time.length; i++) {
            out.writeLong(i == 0 ? time[0] : time[i] - time[i - 1]);
        }
        for (double[] column : new double[][] {candles.open(), candles.high(), candles.low(), candles.close(),
                candles.volume()}) {
            for (double value : column) {
                out.writeLong(Double.doubleToRawLongBits(value));
            }
        }
        out.flush();
        gzip.finish();
    }

    /** Writes atomically (see {@link AtomicFiles}). */
    public static void write(Path file, CandleSeries candles) throws IOException {
        AtomicFiles.write(file, out -> write(out, candles));
    }

    /** @throws CorruptDatasetException when the file is not a complete candle file */
    public static CandleSeries read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static CandleSeries read(InputStream source, String name) throws IOException {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(source, 1 << 16), 1 << 16));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CorruptDatasetException(name + " is not a candle file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new CorruptDatasetException(name + " has candle file version " + version + ", this peer reads "
                        + VERSION);
            }
            int n = in.readInt();
            if (n < 0 || n > MAX_CANDLES) {
                throw new CorruptDatasetException(name + " claims " + n + " candles");
            }
            // Grown as times arrive, so a damaged header claiming millions of candles fails at the end of
            // the data instead of allocating for them up front.
            long[] time = new long[Math.min(n, 1 << 16)];
            for (int i = 0; i < n; i++) {
                if (i == time.length) {
                    time = Arrays.copyOf(time, (int) Math.min(n, 2L * time.length));
                }
                time[i] = (i == 0 ? 0 : time[i - 1]) + in.readLong();
            }
            double[][] columns = new double[5][n];
            for (double[] column : columns) {
                for (int i = 0; i < n; i++) {
                    column[i] = Double.longBitsToDouble(in.readLong());
                }
            }
            if (in.read() != -1) {
                throw new CorruptDatasetException(name + " has bytes after its last candle");
            }
            return new CandleSeries(time, columns[0], columns[1], columns[2], columns[3], columns[4]);
        } catch (EOFException e) {
            throw new CorruptDatasetException(name + " is truncated", e);
        } catch (ZipException e) {
            throw new CorruptDatasetException(name + " is damaged: " + e.getMessage(), e);
        }
    }
}
