package io.strategyminer.data.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.strategyminer.data.BadTick;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.MarketCalendar;
import io.strategyminer.data.SharedData;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.suspect.Cleaning;
import io.strategyminer.data.suspect.SuspectPolicy;

class DatasetStoreTest {
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static Dataset btc2011;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void readRealFile() throws IOException {
        btc2011 = CandleImporter.importFile(SharedData.file(SharedData.BTC_2011_CSV), ImportOptions.auto())
                .toDataset("btc 2011", null);
    }

    private DatasetStore store() {
        return new DatasetStore(dataDir, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void savesListsAndLoadsTheSameCandles() throws IOException {
        DatasetInfo info = store().save(btc2011, "/somewhere/btc.csv");
        assertEquals(new DatasetInfo(btc2011.id(), "btc 2011", "BTC-USD", 300, 39_017, 1_313_670_900L, 1_325_375_700L,
                "/somewhere/btc.csv", NOW, false, Cleaning.NONE,
                new MarketCalendar("every day, around the clock", List.of())), info);
        assertEquals(List.of(info), store().list());
        assertEquals(info, store().info(btc2011.id()).orElseThrow());

        Dataset loaded = store().load(btc2011.id());
        assertEquals(btc2011, loaded);
        assertEquals(btc2011.candles(), loaded.candles());

        long fileSize = Files.size(dataDir.resolve("datasets").resolve(btc2011.id().hex() + ".candles"));
        assertTrue(fileSize < 48L * btc2011.size() / 4, "columns + gzip keep it compact: " + fileSize + " bytes");
    }

    @Test
    void savingTheSameCandlesAgainReplacesTheDescription() throws IOException {
        store().save(btc2011, "a.csv");
        Dataset renamed = new Dataset(btc2011.id(), "renamed", "XBT-USD", 300, btc2011.candles());
        store().save(renamed, "b.csv");
        List<DatasetInfo> all = store().list();
        assertEquals(1, all.size());
        assertEquals("renamed", all.get(0).name());
        assertEquals("XBT-USD", store().load(btc2011.id()).symbol());
    }

    @Test
    void alteredCandlesAreRefusedOnLoad() throws IOException {
        store().save(btc2011, "a.csv");
        Path file = dataDir.resolve("datasets").resolve(btc2011.id().hex() + ".candles");
        CandleSeries c = CandleFile.read(file);
        double[] close = Arrays.copyOf(c.close(), c.size());
        close[1234] += 0.01;
        CandleFile.write(file, new CandleSeries(c.time(), c.open(), c.high(), c.low(), close, c.volume()));

        CorruptDatasetException e = assertThrows(CorruptDatasetException.class, () -> store().load(btc2011.id()));
        assertTrue(e.getMessage().startsWith("dataset " + btc2011.id() + " is corrupt: the candles in " + file
                + " hash to "), e.getMessage());
    }

    @Test
    void damagedAndTruncatedFilesAreRefusedOnLoad() throws IOException {
        store().save(btc2011, "a.csv");
        Path file = dataDir.resolve("datasets").resolve(btc2011.id().hex() + ".candles");
        byte[] original = Files.readAllBytes(file);

        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x5A;
        Files.write(file, flipped);
        assertThrows(CorruptDatasetException.class, () -> store().load(btc2011.id()));

        Files.write(file, Arrays.copyOf(original, original.length - 100));
        CorruptDatasetException truncated = assertThrows(CorruptDatasetException.class, () -> store().load(btc2011.id()));
        assertTrue(truncated.getMessage().contains("truncated") || truncated.getMessage().contains("damaged"),
                truncated.getMessage());

        Files.delete(file);
        CorruptDatasetException missing = assertThrows(CorruptDatasetException.class, () -> store().load(btc2011.id()));
        assertTrue(missing.getMessage().contains("has a description but no candles"), missing.getMessage());
    }

    @Test
    void aCleanedDatasetKeepsItsCleaningRecordAndCalendar() throws IOException {
        Dataset repaired = CandleImporter.read(new ByteArrayInputStream(BadTick.csv()
                .getBytes(StandardCharsets.UTF_8)), "btcusd-4h.csv", ImportOptions.auto()
                .withSuspects(SuspectPolicy.REPAIR)).toDataset();
        DatasetInfo info = store().save(repaired, "btcusd-4h.csv");
        assertEquals(repaired.cleaning(), info.cleaning());
        assertEquals("repaired 1 suspect candle", store().list().get(0).cleaning().summary());
        assertEquals(info.calendar(), store().info(repaired.id()).orElseThrow().calendar());
        assertEquals(repaired, store().load(repaired.id()), "the cleaning read back hashes to the same id");

        // Altering the record (here: claiming it was a different candle) breaks the id, like altering candles.
        Path meta = dataDir.resolve("datasets").resolve(repaired.id().hex() + ".json");
        Files.writeString(meta, Files.readString(meta).replace("\"time\" : " + BadTick.TIME,
                "\"time\" : " + (BadTick.TIME + 14_400)));
        CorruptDatasetException e = assertThrows(CorruptDatasetException.class, () -> store().load(repaired.id()));
        assertTrue(e.getMessage().contains("with its cleaning record hash to"), e.getMessage());
    }

    @Test
    void aDescriptionWrittenBeforeCalendarsStillReads() throws IOException {
        store().save(btc2011, "a.csv");
        Path meta = dataDir.resolve("datasets").resolve(btc2011.id().hex() + ".json");
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(meta.toFile());
        node.remove("calendar");
        Files.writeString(meta, node.toString());
        DatasetInfo info = store().info(btc2011.id()).orElseThrow();
        assertEquals("not detected (stored before calendars were detected)", info.calendar().label());
        assertEquals(Cleaning.NONE, info.cleaning());
        assertEquals(btc2011, store().load(btc2011.id()));
    }

    @Test
    void anUnreadableDescriptionIsNamed() throws IOException {
        store().save(btc2011, "a.csv");
        Path meta = dataDir.resolve("datasets").resolve(btc2011.id().hex() + ".json");
        Files.writeString(meta, Files.readString(meta).replace("\"candles\"", "\"kandles\""));
        CorruptDatasetException e = assertThrows(CorruptDatasetException.class, () -> store().list());
        assertTrue(e.getMessage().startsWith("dataset description " + meta + " is unreadable ('candles' is missing"),
                e.getMessage());
    }

    @Test
    void unknownIdsAreALookupError() {
        DatasetLookupException e = assertThrows(DatasetLookupException.class, () -> store().load(btc2011.id()));
        assertTrue(e.getMessage().startsWith("no dataset " + btc2011.id()), e.getMessage());
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoLeftovers() throws IOException {
        Path target = dataDir.resolve("x.bin");
        AtomicFiles.write(target, out -> out.write(new byte[] {1, 2, 3}));
        IOException failure = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[] {9, 9, 9, 9});
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (Stream<Path> files = Files.list(dataDir)) {
            assertEquals(List.of(target), files.toList());
        }
    }
}
