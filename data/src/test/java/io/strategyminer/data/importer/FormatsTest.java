package io.strategyminer.data.importer;

import static io.strategyminer.data.importer.ImportFixtures.read;
import static io.strategyminer.data.importer.ImportFixtures.threeCandles;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleWriters;

/** Each supported shape and timestamp style, on a small hand-made series. */
class FormatsTest {
    private static final String CANDLES_BODY = "100,101.5,99.25,101,12.5\n101,102,100.5,100.75,0\n"
            + "100.75,100.75,98,99.5,3.125\n";

    @ParameterizedTest
    @ValueSource(strings = {"1704067200|1704067500|1704067800", "1704067200000|1704067500000|1704067800000",
            "2024-01-01T00:00:00Z|2024-01-01T00:05:00Z|2024-01-01T00:10:00Z",
            "2024-01-01T01:00:00+01:00|2024-01-01T01:05:00+01:00|2024-01-01T01:10:00+01:00",
            "2024-01-01 00:00:00|2024-01-01 00:05:00|2024-01-01 00:10:00",
            "2023-12-31T19:00:00-05:00|2023-12-31T19:05:00-05:00|2023-12-31T19:10:00-05:00"})
    void everyTimestampStyleGivesTheSameCandles(String times) throws IOException {
        String[] t = times.split("\\|");
        String[] rows = CANDLES_BODY.split("\n");
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        for (int i = 0; i < 3; i++) {
            csv.append(t[i]).append(',').append(rows[i]).append('\n');
        }
        ImportResult result = read(csv.toString());
        assertEquals(threeCandles(), result.candles());
        assertEquals(300, result.timeframeSeconds());
        assertEquals(ImportFormat.CSV, result.format());
    }

    @Test
    void columnsInAnyOrderWithAliasesQuotesSemicolonsCrlfAndBom() throws IOException {
        String csv = "\uFEFF\"V\";\"C\";\"Timestamp\";\"L\";\"H\";\"O\";\"trades\"\r\n"
                + "\"12.5\";101;1704067200;99.25;101.5;100;7\r\n"
                + "\r\n"
                + "0;100.75;1704067500;100.5;102;101;0\r\n"
                + "3.125;99.5;1704067800;98;100.75;100.75;2\r\n";
        assertEquals(threeCandles(), read(csv).candles());
    }

    @Test
    void tabDelimitedAndUnixSecondsWithFraction() throws IOException {
        String csv = "unix\topen\thigh\tlow\tclose\tvol\n1704067200.0\t100\t101.5\t99.25\t101\t12.5\n"
                + "1704067500.000\t101\t102\t100.5\t100.75\t0\n1704067800\t100.75\t100.75\t98\t99.5\t3.125\n";
        assertEquals(threeCandles(), read(csv).candles());
    }

    @Test
    void aNumericUnixColumnIsPreferredAndOtherTimeColumnsMustAgree() throws IOException {
        String csv = "timestamp,open,close,volume,unix_timestamp,high,low\n"
                + "2024-01-01 00:00:00,100,101,12.5,1704067200,101.5,99.25\n"
                + "2024-01-01 00:05:00,101,100.75,0,1704067500,102,100.5\n"
                + "2024-01-01 00:10:00,100.75,99.5,3.125,1704067800,100.75,98\n";
        assertEquals(threeCandles(), read(csv).candles());

        String disagreeing = csv.replace("2024-01-01 00:05:00", "2024-01-01 00:06:00");
        InvalidCandleDataException e = ValidationTest.rejected(disagreeing);
        assertEquals(1, e.totalProblems());
        CandleProblem p = e.problems().get(0);
        assertEquals("line 3", p.location());
        assertEquals("timestamp", p.field());
        assertEquals("'2024-01-01 00:06:00' disagrees with unix_timestamp '1704067500' by 60.0 s", p.reason());
    }

    @Test
    void coinbaseExchangeArraysNewestFirstAreSortedOldestFirst() throws IOException {
        ImportResult result = read(CandleWriters.coinbaseExchange(threeCandles()));
        assertEquals(ImportFormat.COINBASE_EXCHANGE_JSON, result.format());
        assertEquals(threeCandles(), result.candles());
    }

    @Test
    void coinbaseAdvancedInEitherOrder() throws IOException {
        for (boolean newestFirst : new boolean[] {true, false}) {
            ImportResult result = read(CandleWriters.coinbaseAdvanced(threeCandles(), newestFirst));
            assertEquals(ImportFormat.COINBASE_ADVANCED_JSON, result.format());
            assertEquals(threeCandles(), result.candles());
        }
    }

    @Test
    void coinbaseExchangeValuesMayBeStringsAndExtraFieldsAreIgnored() throws IOException {
        String json = "[[\"1704067800\",\"98\",\"100.75\",\"100.75\",\"99.5\",\"3.125\"],"
                + "[1704067500,100.5,102,101,100.75,0],[1704067200,99.25,101.5,100,101,12.5]]";
        assertEquals(threeCandles(), read(json).candles());
        String ohlc = "{\"meta\":{\"x\":[1,2]},\"name\":\"x\",\"ohlc\":["
                + "{\"endTime\":1704067500000,\"openPrice\":100,\"highPrice\":101.5,\"lowPrice\":99.25,\"closePrice\":101,"
                + "\"volume\":12.5,\"extra\":{\"deep\":[1]}},"
                + "{\"endTime\":1704067800000,\"openPrice\":101,\"highPrice\":102,\"lowPrice\":100.5,\"closePrice\":100.75,"
                + "\"volume\":0},"
                + "{\"endTime\":1704068100000,\"openPrice\":100.75,\"highPrice\":100.75,\"lowPrice\":98,\"closePrice\":99.5,"
                + "\"volume\":3.125}]}";
        assertEquals(threeCandles(), read(ohlc).candles(), "an exclusive end time in whole seconds works too");
    }

    @Test
    void singleCandleNeedsAnExplicitTimeframe() throws IOException {
        String csv = "time,open,high,low,close,volume\n1704067200,100,101.5,99.25,101,12.5\n";
        InvalidCandleDataException e = ValidationTest.rejected(csv);
        assertEquals("cannot infer the timeframe from a single candle: give it (e.g. --timeframe 5m)",
                e.problems().get(0).reason());
        ImportResult result = read(csv, ImportOptions.auto().withTimeframe(300));
        assertEquals(1, result.candles().size());
        assertEquals(300, result.timeframeSeconds());
    }

    @Test
    void anExplicitTimeframeFitsSparseCandles() throws IOException {
        // Candles 10 and 15 minutes apart: alone they would be read as 10-minute candles.
        String csv = "time,open,high,low,close,volume\n1704067200,1,1,1,1,1\n1704067800,1,1,1,1,1\n"
                + "1704068700,1,1,1,1,1\n";
        assertEquals(600, read(csv).timeframeSeconds());
        ImportResult asFive = read(csv, ImportOptions.auto().withTimeframe(300));
        assertEquals(300, asFive.timeframeSeconds());
        assertEquals(3, asFive.candles().size());
        assertEquals(2, asFive.gaps().count());
        assertEquals(3, asFive.gaps().missingCandles());

        InvalidCandleDataException e = ValidationTest.rejected(csv, ImportOptions.auto().withTimeframe(420));
        assertEquals("candles 600.0 s apart do not fit the given 7m timeframe", e.problems().get(0).reason());
    }

    @Test
    void guessesSymbolsFromNames() {
        assertEquals("BTC-USD", SymbolGuess.from("btcusd-bitstamp-5m-2011.csv").orElseThrow());
        assertEquals("BTC-USD", SymbolGuess.from("BTC-USD_FIVE_MINUTE.csv").orElseThrow());
        assertEquals("ETH-USD", SymbolGuess.from("ETH/USD_PT5M@BinanceUS").orElseThrow());
        assertEquals("ETH-BTC", SymbolGuess.from("data/ethbtc_1h.json").orElseThrow());
        assertEquals("SOL-USDT", SymbolGuess.from("sol-usdt.csv").orElseThrow());
        assertEquals(java.util.Optional.empty(), SymbolGuess.from("bitstamp_trades_from_20131125_usd.csv"));
        assertEquals(java.util.Optional.empty(), SymbolGuess.from("prices.csv"));
    }

    @Test
    void unknownSymbolIsSaidSo() throws IOException {
        CandleSeries c = threeCandles();
        assertEquals(ImportResult.UNKNOWN_SYMBOL, read(CandleWriters.csvMillis(c)).symbol());
    }
}
