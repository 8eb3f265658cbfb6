package io.strategyminer.data.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.CandleSeriesBuilder;
import io.strategyminer.data.Dataset;

class DatasetCatalogTest {
    @TempDir
    Path dataDir;

    private static Dataset tiny(String name, double close) {
        return Dataset.of(name, "BTC-USD", 60, new CandleSeriesBuilder().add(0, close, close, close, close, 1).build());
    }

    @Test
    void listsBundledThenStored() throws IOException {
        DatasetCatalog catalog = DatasetCatalog.in(dataDir);
        catalog.store().save(tiny("b", 2), "b.csv");
        catalog.store().save(tiny("a", 1), "a.csv");
        List<DatasetInfo> all = catalog.list();
        assertEquals(List.of("bundled-btcusd-1m", "bundled-btcusd-5m", "a", "b"),
                all.stream().map(DatasetInfo::name).toList());
        assertTrue(all.get(0).bundled());
        assertEquals(null, all.get(0).importedAt());
        assertEquals(9_399, all.get(0).candles());
    }

    @Test
    void resolvesByIdPrefixAndName() throws IOException {
        DatasetCatalog catalog = DatasetCatalog.in(dataDir);
        Dataset a = tiny("alpha", 1);
        catalog.store().save(a, "a.csv");

        assertEquals(a, catalog.resolve(a.id().hex()));
        assertEquals(a, catalog.resolve(a.id().hex().toUpperCase()));
        assertEquals(a, catalog.resolve(a.id().hex().substring(0, 6)));
        assertEquals(a, catalog.resolve("alpha"));
        assertSame(BundledDatasets.btcUsd5m(), catalog.resolve("bundled-btcusd-5m"));
        assertSame(BundledDatasets.btcUsd1m(), catalog.resolve(BundledDatasets.btcUsd1m().id().shortHex()));
    }

    @Test
    void unknownShortAndAmbiguousReferencesAreClearErrors() throws IOException {
        DatasetCatalog catalog = DatasetCatalog.in(dataDir);
        catalog.store().save(tiny("twin", 1), "1.csv");
        catalog.store().save(tiny("twin", 2), "2.csv");

        assertTrue(assertThrows(DatasetLookupException.class, () -> catalog.resolve("nothing")).getMessage()
                .startsWith("no dataset 'nothing' (neither a name nor an id in "));
        assertEquals("no dataset is named 'abc', and an id prefix needs at least 6 characters",
                assertThrows(DatasetLookupException.class, () -> catalog.resolve("abc")).getMessage());
        assertTrue(assertThrows(DatasetLookupException.class, () -> catalog.resolve("twin")).getMessage()
                .startsWith("the name 'twin' is used by 2 datasets ("));
        assertThrows(DatasetLookupException.class, () -> catalog.resolve("  "));
    }

    @Test
    void anAmbiguousPrefixAsksForMoreCharacters() throws IOException {
        // Find two tiny datasets whose ids share 6 hex characters (a birthday search: a few thousand hashes).
        Map<String, Dataset> byPrefix = new HashMap<>();
        Dataset first = null;
        Dataset second = null;
        for (int i = 1; second == null; i++) {
            Dataset d = tiny("d" + i, i);
            Dataset earlier = byPrefix.putIfAbsent(d.id().hex().substring(0, 6), d);
            if (earlier != null) {
                first = earlier;
                second = d;
            }
        }
        DatasetCatalog catalog = DatasetCatalog.in(dataDir);
        catalog.store().save(first, "1.csv");
        catalog.store().save(second, "2.csv");
        String prefix = first.id().hex().substring(0, 6);

        DatasetLookupException e = assertThrows(DatasetLookupException.class, () -> catalog.resolve(prefix));
        assertTrue(e.getMessage().startsWith("the id prefix '" + prefix + "' matches 2 datasets ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("): give more characters"), e.getMessage());
        assertEquals(second, catalog.resolve(second.id().hex().substring(0, 20)));
    }
}
