package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One naming rule for import, upload and fetch. */
class DatasetNamesTest {
    private static String refusedName(String name) {
        return assertThrows(IllegalArgumentException.class, () -> DatasetNames.checkName(name)).getMessage();
    }

    @Test
    void givenNamesAreCheckedNeverChanged() {
        assertEquals("BTC 4h (Coinbase)", DatasetNames.checkName("  BTC 4h (Coinbase) "));
        assertEquals("a dataset name has 1 to 128 characters, got 0", refusedName("   "));
        String longName = "x".repeat(200);
        assertEquals("a dataset name has 1 to 128 characters, got 200 ('" + "x".repeat(40) + "… (200 characters)')",
                refusedName(longName));
        assertTrue(refusedName("a/b").contains("contains a slash, a backslash or a control character"));
        assertTrue(refusedName("a\\b").contains("contains a slash"));
        assertTrue(refusedName("a\u0007b").startsWith("dataset name 'a?b' contains"), "the bell is not echoed");
        assertEquals("dataset name 'bundled-btcusd-5m' is reserved: names starting with 'bundled-' belong to the"
                + " datasets shipped with the peer", refusedName("bundled-btcusd-5m"));
        assertTrue(refusedName("Bundled-Mine").contains("is reserved"));
    }

    @Test
    void symbolsAreUpperCasedAndChecked() {
        assertEquals("ETH-USD", DatasetNames.checkSymbol(" eth-usd "));
        assertEquals("BRK.B", DatasetNames.checkSymbol("brk.b"));
        assertEquals("symbol '^GSPC' is not like BTC-USD: 1 to 32 letters, digits and . _ / -, starting with a letter"
                + " or digit", assertThrows(IllegalArgumentException.class, () -> DatasetNames.checkSymbol("^gspc"))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatasetNames.checkSymbol("A".repeat(33)));
        assertThrows(IllegalArgumentException.class, () -> DatasetNames.checkSymbol(""));
    }

    @Test
    void defaultsComeFromTheFileName() {
        assertEquals("btcusd-bitstamp-5m-2011", DatasetNames.defaultName("/data/btcusd-bitstamp-5m-2011.csv"));
        assertEquals("candles", DatasetNames.defaultName("https://example.com/api/candles.json"));
        assertEquals("prices", DatasetNames.defaultName("C:\\Users\\me\\prices.csv"));
        assertEquals("imported-bundled-btcusd-5m", DatasetNames.defaultName("bundled-btcusd-5m.csv"));
        assertEquals("a_b", DatasetNames.defaultName("a\u0000b.csv"));
        assertEquals(128, DatasetNames.defaultName("y".repeat(300) + ".csv").length());
        assertEquals("dataset", DatasetNames.defaultName("uploads/"));
    }

    @Test
    void theSymbolIsGivenDeclaredNamedOrGuessed() {
        assertEquals(new DatasetNames.Label("mine", "SOL-USD"),
                DatasetNames.label("btcusd.csv", "mine", "sol-usd", "^GSPC", "ETH/USD"));
        assertEquals("GSPC", DatasetNames.label("x.json", null, null, "^GSPC", null).symbol());
        assertEquals("EUR-USD", DatasetNames.label("x.json", null, null, "EURUSD=X", null).symbol());
        assertEquals("ETH-USD", DatasetNames.label("btcusd.json", null, null, null, "ETH/USD_PT5M@BinanceUS").symbol());
        assertEquals("BTC-USD", DatasetNames.label("btcusd.json", null, null, null, null).symbol());
        assertEquals(DatasetNames.UNKNOWN_SYMBOL, DatasetNames.label("prices.csv", null, null, null, null).symbol());
    }

    @Test
    void importOptionsCheckTheNameBeforeAnyInputIsRead() {
        assertThrows(IllegalArgumentException.class, () -> ImportOptions.auto().withName("bundled-btcusd-5m"));
        assertThrows(IllegalArgumentException.class, () -> ImportOptions.auto().withSymbol("bad symbol"));
        assertEquals("ETH-USD", ImportOptions.auto().withSymbol("eth-usd").symbol());
    }
}
