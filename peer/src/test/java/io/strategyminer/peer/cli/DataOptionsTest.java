package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.CandleSeriesBuilder;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.importer.InvalidCandleDataException;
import io.strategyminer.data.store.DatasetLookupException;
import io.strategyminer.data.store.DatasetStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The mixins other commands use to pick their data: {@link DatasetOption} and {@link DataDirOption}. */
class DataOptionsTest {
    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        DataDirOption dataDir;
        @Mixin
        DatasetOption dataset;
    }

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe;
    }

    @Test
    void noChoiceMeansTheBundledFiveMinuteSet() {
        Probe p = parse("--data-dir", dir.toString());
        assertTrue(p.dataset.isDefault());
        assertSame(BundledDatasets.btcUsd5m(), p.dataset.resolve(p.dataDir.path()));
    }

    @Test
    void aStoredDatasetByPrefixOrNameAndABundledOneByName() throws IOException {
        Dataset mine = Dataset.of("mine", "BTC-USD", 60, new CandleSeriesBuilder().add(60, 1, 2, 0.5, 1.5, 3).build());
        new DatasetStore(dir).save(mine, "test");

        Probe byPrefix = parse("--data-dir", dir.toString(), "--dataset", mine.id().hex().substring(0, 8));
        assertFalse(byPrefix.dataset.isDefault());
        assertEquals(mine, byPrefix.dataset.resolve(byPrefix.dataDir.path()));
        Probe byName = parse("--data-dir", dir.toString(), "--dataset", "mine");
        assertEquals(mine, byName.dataset.resolve(byName.dataDir.path()));
        Probe bundled = parse("--data-dir", dir.toString(), "--dataset", "bundled-btcusd-1m");
        assertSame(BundledDatasets.btcUsd1m(), bundled.dataset.resolve(bundled.dataDir.path()));

        Probe unknown = parse("--data-dir", dir.toString(), "--dataset", "yours");
        assertThrows(DatasetLookupException.class, () -> unknown.dataset.resolve(unknown.dataDir.path()));
    }

    @Test
    void aFileIsReadOnTheFlyWithoutBeingStored() throws IOException {
        Path csv = dir.resolve("btcusd-tiny.csv");
        Files.writeString(csv, "time,open,high,low,close,volume\n600,1,2,0.5,1.5,3\n900,1.5,2,1,1,1\n");
        Probe p = parse("--data-dir", dir.resolve("store").toString(), "--csv", csv.toString());
        Dataset d = p.dataset.resolve(p.dataDir.path());
        assertEquals(2, d.size());
        assertEquals("BTC-USD", d.symbol());
        assertEquals(300, d.timeframeSeconds());
        assertEquals(0, new DatasetStore(p.dataDir.path()).list().size());

        Files.writeString(csv, "time,open,high,low,close,volume\n600,1,2,0.5,1.5,-3\n900,1.5,2,1,1,1\n");
        assertThrows(InvalidCandleDataException.class, () -> p.dataset.resolve(p.dataDir.path()));

        Probe both = parse("--data-dir", dir.toString(), "--csv", csv.toString(), "--dataset", "x");
        assertEquals("give either --dataset or --csv, not both",
                assertThrows(IllegalArgumentException.class, () -> both.dataset.resolve(both.dataDir.path())).getMessage());
    }

    @Test
    void theDataDirIsCreatedOnDemandAndTildeIsHome() throws IOException {
        Path nested = dir.resolve("a/b/c");
        assertEquals(nested, parse("--data-dir", nested.toString()).dataDir.path());
        assertTrue(Files.isDirectory(nested));

        assertEquals(Path.of(System.getProperty("user.home"), ".strategy-miner"), DataDirOption.expandHome("~/.strategy-miner"));
        assertEquals(Path.of("relative/dir"), DataDirOption.expandHome("relative/dir"));

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> parse("--data-dir", file.toString()).dataDir.path());
        assertTrue(e.getMessage().startsWith("cannot create the data dir " + file), e.getMessage());
    }
}
