package io.strategyminer.peer.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import io.strategyminer.data.suspect.SuspectPolicy;
import io.strategyminer.data.suspect.SuspectKind;
import io.strategyminer.data.suspect.Cleaning;
import io.strategyminer.data.suspect.CleanedCandle;
import io.strategyminer.data.suspect.CandleValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.DatasetPublished;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetChunksTest {

    @Test
    void chunkCountsFollowTheFixedCandlesPerChunk() {
        assertEquals(1, DatasetChunks.chunkCount(1));
        assertEquals(1, DatasetChunks.chunkCount(16_384));
        assertEquals(2, DatasetChunks.chunkCount(16_385));
        assertEquals(3, DatasetChunks.chunkCount(39_017));
        assertEquals(611, DatasetChunks.chunkCount(DatasetPublished.MAX_CANDLES));
        assertTrue(DatasetChunks.chunkCount(DatasetPublished.MAX_CANDLES) <= DatasetPublished.MAX_CHUNKS);
        assertEquals(39_017 - 2 * 16_384, DatasetChunks.candlesIn(39_017, 2));
        assertThrows(IllegalArgumentException.class, () -> DatasetChunks.chunkCount(0));
        assertThrows(IndexOutOfBoundsException.class, () -> DatasetChunks.candlesIn(39_017, 3));
    }

    @Test
    void aChunkIsTheCandlesInTheCanonicalLayout() {
        CandleSeries candles = new CandleSeries(new long[] {300, 600}, new double[] {1.5, 2}, new double[] {3, 4},
                new double[] {0.5, -0.0}, new double[] {2.5, 3}, new double[] {10, 20});
        byte[] chunk = DatasetChunks.chunk(Dataset.of("two", "BTC-USD", 300, candles), 0);
        assertEquals(2 * DatasetChunks.BYTES_PER_CANDLE, chunk.length);
        ByteBuffer in = ByteBuffer.wrap(chunk);
        assertEquals(300, in.getLong());
        assertEquals(Double.doubleToRawLongBits(1.5), in.getLong());
        in.position(DatasetChunks.BYTES_PER_CANDLE + 3 * Long.BYTES);
        assertEquals(Double.doubleToRawLongBits(-0.0), in.getLong(), "negative zero keeps its sign bit");
    }

    @Test
    void aCleanedDatasetTravelsWithItsCleaningRecordAndKeepsItsId() {
        Dataset bundled = BundledDatasets.btcUsd5m();
        CandleSeries candles = bundled.candles();
        int at = 100;
        CandleValues before = new CandleValues(0.06, candles.high()[at], 0.06, candles.close()[at], 1);
        Cleaning repaired = new Cleaning(SuspectPolicy.REPAIR, List.of(new CleanedCandle(candles.time()[at], "line 102",
                List.of(SuspectKind.SPIKE), "open 0.06 far from its neighbours", before, CandleValues.of(candles, at))));
        Dataset cleaned = Dataset.of("repaired", bundled.symbol(), bundled.timeframeSeconds(), candles, repaired);
        assertNotEquals(bundled.id(), cleaned.id(), "the cleaning is part of the identity");

        DatasetPublished published = DatasetChunks.published(cleaned);
        assertEquals(DatasetChunks.chunkCount(cleaned.size()) + 1, published.chunks().size());
        DatasetChunks.Assembler assembler = new DatasetChunks.Assembler(DatasetManifest.of(cleaned));
        while (!assembler.complete()) {
            int next = assembler.next();
            assembler.accept(next, DatasetChunks.chunk(cleaned, next));
        }
        Dataset received = assembler.dataset();
        assertEquals(cleaned.id(), received.id());
        assertEquals(repaired.canonicalBytes().length, received.cleaning().canonicalBytes().length);
        assertArrayEquals(repaired.canonicalBytes(), received.cleaning().canonicalBytes());

        DatasetChunks.Assembler forged = new DatasetChunks.Assembler(DatasetManifest.of(cleaned));
        for (int i = 0; i < DatasetChunks.chunkCount(cleaned.size()); i++) {
            forged.accept(i, DatasetChunks.chunk(cleaned, i));
        }
        assertThrows(IllegalArgumentException.class, () -> forged.accept(forged.next(), new byte[] {1, 2, 3}),
                "a cleaning chunk that does not hash to the manifest's is refused");
    }

    @Test
    void equalCandlesGiveEqualChunkHashesAndAValidPublication() {
        Dataset bundled = BundledDatasets.btcUsd5m();
        Dataset copy = Dataset.of("another name", bundled.symbol(), bundled.timeframeSeconds(),
                bundled.candles().slice(0, bundled.size()));
        assertEquals(DatasetChunks.hashes(bundled), DatasetChunks.hashes(copy));

        DatasetPublished published = DatasetChunks.published(bundled);
        assertEquals(bundled.id(), published.dataset());
        assertEquals(bundled.size(), published.candles());
        assertEquals((long) bundled.size() * DatasetChunks.BYTES_PER_CANDLE, published.sizeBytes());
        assertEquals(DatasetChunks.hashes(bundled), published.chunks());

        Dataset shorter = Dataset.of("x", "BTC-USD", 300, bundled.candles().slice(1, bundled.size()));
        assertNotEquals(published.chunks(), DatasetChunks.hashes(shorter));
    }

    @Test
    void theAssemblerRebuildsAMultiChunkDataset() {
        Dataset dataset = synthetic(40_000);
        DatasetManifest manifest = DatasetManifest.of(dataset);
        assertEquals(3, manifest.chunks().size());
        DatasetChunks.Assembler assembler = new DatasetChunks.Assembler(manifest);
        while (!assembler.complete()) {
            int next = assembler.next();
            assembler.accept(next, DatasetChunks.chunk(dataset, next));
        }
        Dataset rebuilt = assembler.dataset();
        assertEquals(dataset.id(), rebuilt.id());
        assertEquals(dataset.candles(), rebuilt.candles());
        assertEquals(dataset.name(), rebuilt.name());
    }

    @Test
    void aCorruptedChunkIsRefused() {
        Dataset dataset = synthetic(20_000);
        DatasetChunks.Assembler assembler = new DatasetChunks.Assembler(DatasetManifest.of(dataset));
        byte[] chunk = DatasetChunks.chunk(dataset, 0);
        chunk[100] ^= 0x40;
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> assembler.accept(0, chunk));
        assertTrue(refused.getMessage().contains("corrupted"), refused.getMessage());
        assertEquals(0, assembler.next(), "a refused chunk is not counted");

        byte[] truncated = Arrays.copyOf(DatasetChunks.chunk(dataset, 0), 48);
        assertThrows(IllegalArgumentException.class, () -> assembler.accept(0, truncated));
        assertThrows(IllegalArgumentException.class,
                () -> assembler.accept(1, DatasetChunks.chunk(dataset, 1)), "out of order");
        assertThrows(IllegalStateException.class, assembler::dataset);
    }

    @Test
    void chunksThatMatchALyingManifestStillFailTheDatasetId() {
        Dataset real = synthetic(1_000);
        Dataset other = synthetic(1_001);
        // the manifest claims the real id but lists the other candles' chunk hashes
        DatasetManifest lying = new DatasetManifest(real.id(), "x", "BTC-USD", 300, other.size(),
                DatasetChunks.hashes(other));
        DatasetChunks.Assembler assembler = new DatasetChunks.Assembler(lying);
        assembler.accept(0, DatasetChunks.chunk(other, 0));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, assembler::dataset);
        assertTrue(refused.getMessage().contains("does not match"), refused.getMessage());
    }

    @Test
    void aManifestMustListOneHashPerChunk() {
        List<Sha256> one = new ArrayList<>(List.of(Sha256.of(new byte[1])));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetManifest(synthetic(10).id(), "x", "BTC-USD", 300, 20_000, one));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetManifest(synthetic(10).id(), "x", "BTC-USD", 300, 0, List.of()));
        assertFalse(new DatasetManifest(synthetic(10).id(), "x", "BTC-USD", 300, 10, one).chunks().isEmpty());
    }

    /** {@code n} 5-minute candles of a deterministic walk. */
    static Dataset synthetic(int n) {
        long[] time = new long[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            time[i] = 1_600_000_200L + 300L * i;
            open[i] = price;
            price += ((i * 7919) % 13 - 6) * 0.25;
            close[i] = price;
            high[i] = Math.max(open[i], close[i]) + 0.5;
            low[i] = Math.min(open[i], close[i]) - 0.5;
            volume[i] = 1 + (i % 17);
        }
        return Dataset.of("synthetic " + n, "BTC-USD", 300, new CandleSeries(time, open, high, low, close, volume));
    }
}
