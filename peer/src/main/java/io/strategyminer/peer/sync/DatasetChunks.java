package io.strategyminer.peer.sync;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.suspect.Cleaning;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.DatasetPublished;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * How a dataset is cut into chunks, the same on every peer so that the chunk hashes of a
 * {@link DatasetPublished} agree everywhere. A dataset's canonical bytes are its candles in order, each
 * 48 bytes big-endian: time (int64, unix seconds) then the IEEE-754 bits of open, high, low, close and
 * volume (the candle part of the {@code DatasetId} encoding). Chunk {@code i} holds candles
 * {@code [i × 16,384, (i + 1) × 16,384)}; the last may be shorter. Whole candles per chunk let a receiver
 * decode each chunk as it arrives; 16,384 candles (768 KiB) fit one frame, and the largest dataset a
 * {@link DatasetPublished} allows (10 million candles) needs 611 chunks, under its limit of 1,024.
 *
 * <p>A dataset whose suspect candles were dropped or repaired has one more chunk after the candles': its
 * {@link Cleaning#canonicalBytes()} (at most about 200 KiB for the 1,000 candles a cleaning may hold), so a peer
 * that fetches it rebuilds the id, which covers the cleaning, and not just the candles.
 */
public final class DatasetChunks {
    public static final int BYTES_PER_CANDLE = 6 * Long.BYTES;
    public static final int CANDLES_PER_CHUNK = 16_384;
    public static final int MAX_CHUNK_BYTES = CANDLES_PER_CHUNK * BYTES_PER_CANDLE;

    private DatasetChunks() {
    }

    /** Number of chunks of a dataset of {@code candles} candles (≥ 1). */
    public static int chunkCount(int candles) {
        if (candles < 1) {
            throw new IllegalArgumentException("a dataset has at least one candle, got " + candles);
        }
        return (candles + CANDLES_PER_CHUNK - 1) / CANDLES_PER_CHUNK;
    }

    /** Number of candles in chunk {@code index} of a dataset of {@code candles} candles. */
    public static int candlesIn(int candles, int index) {
        int count = chunkCount(candles);
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + count);
        }
        return Math.min(CANDLES_PER_CHUNK, candles - index * CANDLES_PER_CHUNK);
    }

    /** Number of chunks of {@code dataset}: its candles', plus one for its cleaning record if it has one. */
    public static int chunkCount(Dataset dataset) {
        return chunkCount(dataset.size()) + (dataset.cleaning().isNone() ? 0 : 1);
    }

    /** The canonical bytes of chunk {@code index} of {@code dataset} (see the class comment). */
    public static byte[] chunk(Dataset dataset, int index) {
        int candleChunks = chunkCount(dataset.size());
        if (index == candleChunks && !dataset.cleaning().isNone()) {
            return dataset.cleaning().canonicalBytes();
        }
        return chunk(dataset.candles(), index);
    }

    /** The canonical bytes of candle chunk {@code index}. */
    private static byte[] chunk(CandleSeries candles, int index) {
        int count = candlesIn(candles.size(), index);
        int from = index * CANDLES_PER_CHUNK;
        ByteBuffer out = ByteBuffer.allocate(count * BYTES_PER_CANDLE);
        for (int i = from; i < from + count; i++) {
            out.putLong(candles.time()[i]);
            out.putLong(Double.doubleToRawLongBits(candles.open()[i]));
            out.putLong(Double.doubleToRawLongBits(candles.high()[i]));
            out.putLong(Double.doubleToRawLongBits(candles.low()[i]));
            out.putLong(Double.doubleToRawLongBits(candles.close()[i]));
            out.putLong(Double.doubleToRawLongBits(candles.volume()[i]));
        }
        return out.array();
    }

    /** The SHA-256 of every chunk, in order. */
    public static List<Sha256> hashes(Dataset dataset) {
        List<Sha256> hashes = new ArrayList<>();
        for (int i = 0; i < chunkCount(dataset); i++) {
            hashes.add(Sha256.of(chunk(dataset, i)));
        }
        return hashes;
    }

    /** The ledger event announcing that this peer offers {@code dataset}. */
    public static DatasetPublished published(Dataset dataset) {
        int candles = dataset.size();
        return new DatasetPublished(dataset.id(), dataset.name(), dataset.symbol(),
                Math.toIntExact(dataset.timeframeSeconds()), candles,
                (long) candles * BYTES_PER_CANDLE + dataset.cleaning().canonicalBytes().length, hashes(dataset));
    }

    /**
     * Rebuilds a dataset from its verified chunks, one chunk at a time (only the candle arrays and one
     * chunk are in memory). Each chunk is checked against its expected hash on arrival; the finished
     * dataset is checked against its id by {@link Dataset}'s constructor.
     */
    public static final class Assembler {
        private final DatasetManifest manifest;
        private final long[] time;
        private final double[][] columns;
        private Cleaning cleaning = Cleaning.NONE;
        private int received;

        public Assembler(DatasetManifest manifest) {
            this.manifest = manifest;
            this.time = new long[manifest.candles()];
            this.columns = new double[5][manifest.candles()];
        }

        /** The index of the next chunk to ask for. */
        public int next() {
            return received;
        }

        public boolean complete() {
            return received == manifest.chunks().size();
        }

        /**
         * Adds the next chunk.
         *
         * @throws IllegalArgumentException if it is not the next one, has the wrong size or hash
         */
        public void accept(int index, byte[] bytes) {
            if (index != received || complete()) {
                throw new IllegalArgumentException("expected chunk " + received + " of dataset "
                        + manifest.id().shortHex() + ", got chunk " + index);
            }
            if (index == chunkCount(manifest.candles())) {
                acceptCleaning(bytes);
                return;
            }
            int count = candlesIn(manifest.candles(), index);
            if (bytes.length != count * BYTES_PER_CANDLE) {
                throw new IllegalArgumentException("chunk " + index + " of dataset " + manifest.id().shortHex()
                        + " has " + bytes.length + " bytes, expected " + count * BYTES_PER_CANDLE);
            }
            checkHash(index, bytes);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int from = index * CANDLES_PER_CHUNK;
            for (int i = from; i < from + count; i++) {
                time[i] = in.getLong();
                for (double[] column : columns) {
                    column[i] = Double.longBitsToDouble(in.getLong());
                }
            }
            received++;
        }

        /** The last chunk of a cleaned dataset: its cleaning record. */
        private void acceptCleaning(byte[] bytes) {
            checkHash(received, bytes);
            cleaning = Cleaning.fromCanonicalBytes(bytes);
            received++;
        }

        private void checkHash(int index, byte[] bytes) {
            Sha256 actual = Sha256.of(bytes);
            if (!actual.equals(manifest.chunks().get(index))) {
                throw new IllegalArgumentException("chunk " + index + " of dataset " + manifest.id().shortHex()
                        + " hashes to " + actual.shortHex() + ", expected " + manifest.chunks().get(index).shortHex()
                        + ": corrupted, refused");
            }
        }

        /**
         * The assembled dataset.
         *
         * @throws IllegalStateException    if chunks are missing
         * @throws IllegalArgumentException if the candles do not hash to the dataset id
         */
        public Dataset dataset() {
            if (!complete()) {
                throw new IllegalStateException("dataset " + manifest.id().shortHex() + " has " + received + " of "
                        + manifest.chunks().size() + " chunks");
            }
            CandleSeries candles = new CandleSeries(time, columns[0], columns[1], columns[2], columns[3], columns[4]);
            return new Dataset(manifest.id(), manifest.name(), manifest.symbol(), manifest.timeframeSeconds(), candles,
                    cleaning);
        }
    }
}
