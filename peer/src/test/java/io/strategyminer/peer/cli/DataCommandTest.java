package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.strategyminer.data.BadTick;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleWriters;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.LocalTimeSeries;
import io.strategyminer.data.SharedData;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.store.DatasetStore;

/** {@code peer data import | list | fetch} through {@link PeerCli#run}, with a temporary data dir. */
@Timeout(120)
class DataCommandTest {
    @TempDir
    Path dataDir;

    /** What one run printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    static synchronized Run peer(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = PeerCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void importPrintsTheDatasetAndListShowsIt() throws IOException {
        Path csv = SharedData.file(SharedData.BTC_2011_CSV);
        Dataset expected = CandleImporter.importFile(csv, ImportOptions.auto()).toDataset();

        Run imported = peer("data", "import", csv.toString(), "--data-dir", dataDir.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().startsWith("Imported btcusd-bitstamp-5m-2011 (csv)"), imported.out());
        assertTrue(imported.out().contains("  id         " + expected.id() + "\n"), imported.out());
        assertTrue(imported.out().contains("  symbol     BTC-USD\n"), imported.out());
        assertTrue(imported.out().contains("  timeframe  5m\n"), imported.out());
        assertTrue(imported.out().contains("  candles    39,017\n"), imported.out());
        assertTrue(imported.out().contains("  range      2011-08-18T12:35:00Z → 2012-01-01T00:00:00Z\n"), imported.out());
        assertTrue(imported.out().contains("  suspects   none\n"), imported.out());
        assertTrue(imported.out().contains("  calendar   every day, around the clock\n"), imported.out());
        assertTrue(imported.out().contains("  gaps       no gaps\n"), imported.out());
        assertEquals(expected, new DatasetStore(dataDir).load(expected.id()));

        Run list = peer("data", "list", "--data-dir", dataDir.toString());
        assertEquals(0, list.exitCode(), list.err());
        String[] lines = list.out().split("\n");
        assertEquals(4, lines.length, list.out());
        assertTrue(lines[0].startsWith("ID            NAME"), lines[0]);
        assertTrue(lines[1].startsWith(BundledDatasets.btcUsd1m().id().shortHex() + "  bundled-btcusd-1m "), lines[1]);
        assertTrue(lines[2].startsWith(BundledDatasets.btcUsd5m().id().shortHex() + "  bundled-btcusd-5m "), lines[2]);
        assertTrue(lines[3].startsWith(expected.id().shortHex() + "  btcusd-bitstamp-5m-2011 "), lines[3]);
        assertTrue(lines[0].matches("ID +NAME +SYMBOL +TF +CANDLES +FROM \\(UTC\\) +TO \\(UTC\\) +SUSPECT CANDLES +CALENDAR"),
                lines[0]);
        assertTrue(lines[3].matches(".*BTC-USD\\s+5m\\s+39,017\\s+2011-08-18 12:35\\s+2012-01-01 00:00\\s+none\\s+"
                + "every day, around the clock"), lines[3]);
        assertTrue(lines[1].endsWith("none                        not detected (less than 14 days of data)"), lines[1]);

        Run json = peer("data", "list", "--json", "--data-dir", dataDir.toString());
        assertEquals(0, json.exitCode(), json.err());
        JsonNode datasets = new ObjectMapper().readTree(json.out()).get("datasets");
        assertEquals(3, datasets.size());
        JsonNode imported2011 = datasets.get(2);
        assertEquals(expected.id().hex(), imported2011.get("id").asText());
        assertEquals(expected.id().shortHex(), imported2011.get("shortId").asText());
        assertEquals("btcusd-bitstamp-5m-2011", imported2011.get("name").asText());
        assertEquals("5m", imported2011.get("timeframe").asText());
        assertEquals(300, imported2011.get("timeframeSeconds").asLong());
        assertEquals(39_017, imported2011.get("candles").asInt());
        assertEquals(1_313_670_900L, imported2011.get("firstTime").asLong());
        assertEquals(1_325_375_700L, imported2011.get("lastTime").asLong());
        assertEquals("2011-08-18T12:35:00Z", imported2011.get("from").asText());
        assertEquals("2012-01-01T00:00:00Z", imported2011.get("to").asText());
        assertEquals(csv.toAbsolutePath().normalize().toString(), imported2011.get("source").asText());
        assertFalse(imported2011.get("bundled").asBoolean());
        assertEquals("none", imported2011.get("cleaning").get("policy").asText());
        assertEquals(0, imported2011.get("cleaning").get("candles").size());
        assertEquals("every day, around the clock", imported2011.get("calendar").get("label").asText());
        assertEquals(0, imported2011.get("calendar").get("closed").size());
        assertTrue(datasets.get(0).get("bundled").asBoolean());
        assertTrue(datasets.get(0).get("importedAt").isNull());
        Instant.parse(imported2011.get("importedAt").asText());
    }

    @Test
    void importWithNameSymbolAndACoarserTimeframe() throws IOException {
        Path json = SharedData.file(SharedData.ETH_OHLC_JSON);
        Run run = peer("data", "import", json.toString(), "--name", "eth hourly", "--symbol", "eth-usd",
                "--timeframe", "1h", "--data-dir", dataDir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Imported eth hourly (ohlc json)"), run.out());
        assertTrue(run.out().contains("  symbol     ETH-USD\n"), run.out());
        assertTrue(run.out().contains("  timeframe  1h\n"), run.out());
        // 2023-03-13 18:00 → 2023-03-15 18:25: 49 hours, the last one partial.
        assertTrue(run.out().contains("  candles    49\n"), run.out());
        Dataset stored = new DatasetStore(dataDir).load(new DatasetStore(dataDir).list().get(0).id());
        assertEquals(3600, stored.timeframeSeconds());
        assertEquals("eth hourly", stored.name());
    }

    @Test
    void tradesAreDetectedAndAggregated() throws IOException {
        Path trades = dataDir.resolve("trades.csv");
        Files.writeString(trades, "timestamp,price,amount\n1385337600,800.01,0.1\n1385337613,800.05,0.2\n"
                + "1385337700,801,1\n1385337710,799,0.5\n");
        Run run = peer("data", "import", trades.toString(), "--timeframe", "1m", "--symbol", "BTC-USD",
                "--data-dir", dataDir.resolve("store").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Imported trades (trades csv aggregated into 1m candles)"), run.out());
        assertTrue(run.out().contains("  candles    2\n"), run.out());
        assertTrue(run.out().contains("  gaps       no gaps\n"), run.out());
    }

    @Test
    void badInputExitsWith2ListsTheProblemsAndChangesNothing() throws IOException {
        Path good = SharedData.file(SharedData.ETH_OHLC_JSON);
        assertEquals(0, peer("data", "import", good.toString(), "--data-dir", dataDir.toString()).exitCode());
        Map<String, Long> before = snapshot(dataDir);

        Path bad = dataDir.resolve("bad.csv");
        Files.writeString(bad, "time,open,high,low,close,volume\n1704067200,1,1,1,1,1\n1704067500,1,0.5,1,1,1\n"
                + "1704067500,1,1,1,1,1\n1704067800,1,1,1,1,x\n");
        Run run = peer("data", "import", bad.toString(), "--name", "bad", "--data-dir", dataDir.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: 2 problems in " + bad + ":"), run.err());
        assertTrue(run.err().contains("  line 5: volume: 'x' is not a number"), run.err());
        assertTrue(run.err().contains("  line 4: time: duplicate time 2024-01-01T00:05:00Z (also at line 3)"), run.err());
        assertFalse(run.err().contains("below low"), "the candles' values are judged only once the file reads");
        Map<String, Long> after = snapshot(dataDir);
        after.remove("bad.csv");
        before.remove("bad.csv");
        assertEquals(before, after, "the store is unchanged");

        Run missing = peer("data", "import", dataDir.resolve("nope.csv").toString(), "--data-dir", dataDir.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nope.csv: no such file"), missing.err());

        Run badTimeframe = peer("data", "import", good.toString(), "--timeframe", "7x", "--data-dir", dataDir.toString());
        assertEquals(2, badTimeframe.exitCode());
        assertTrue(badTimeframe.err().contains("timeframe '7x' is not like 1m, 5m"), badTimeframe.err());
    }

    @Test
    void suspectCandlesNeedAChoiceAndTheChoiceShowsEverywhere() throws IOException {
        Path file = Files.writeString(dataDir.resolve("btcusd-coinbase-4h.csv"), BadTick.csv());
        Path store = dataDir.resolve("store");
        Run refused = peer("data", "import", file.toString(), "--data-dir", store.toString());
        assertEquals(2, refused.exitCode());
        assertEquals("", refused.out());
        assertTrue(refused.err().startsWith("error: 1 suspect candle in " + file + "; nothing was stored:\n"
                + "  2017-01-21T00:00:00Z  line 122  open 0.06, low 0.06 are far from the closes around it"), refused.err());
        assertTrue(refused.err().endsWith("Import again with --suspect drop or --suspect repair to store them cleaned.\n"),
                refused.err());
        assertFalse(Files.exists(store.resolve("datasets")), "nothing stored");

        Run repaired = peer("data", "import", file.toString(), "--suspect", "repair", "--data-dir", store.toString());
        assertEquals(0, repaired.exitCode(), repaired.err());
        assertTrue(repaired.out().contains("  suspects   repaired 1 suspect candle\n"
                + "               2017-01-21T00:00:00Z  line 122  open 0.06, low 0.06 are far"), repaired.out());
        Run dropped = peer("data", "import", file.toString(), "--suspect", "DROP", "--name", "btc dropped",
                "--data-dir", store.toString());
        assertEquals(0, dropped.exitCode(), dropped.err());
        assertTrue(dropped.out().contains("  candles    199\n"), dropped.out());

        Run list = peer("data", "list", "--data-dir", store.toString());
        assertTrue(list.out().contains("repaired 1 suspect candle"), list.out());
        assertTrue(list.out().contains("dropped 1 suspect candle"), list.out());
        JsonNode datasets = new ObjectMapper().readTree(peer("data", "list", "--json", "--data-dir", store.toString())
                .out()).get("datasets");
        JsonNode cleaning = datasets.get(2).get("cleaning");
        assertEquals("btc dropped", datasets.get(2).get("name").asText());
        assertEquals("drop", cleaning.get("policy").asText());
        assertEquals("2017-01-21T00:00:00Z", cleaning.get("candles").get(0).get("at").asText());
        assertEquals("line 122", cleaning.get("candles").get(0).get("location").asText());
        assertEquals(0.06, cleaning.get("candles").get(0).get("before").get("open").asDouble());
        assertTrue(cleaning.get("candles").get(0).get("after").isNull());
        assertEquals("repair", datasets.get(3).get("cleaning").get("policy").asText());
        assertEquals(1_180.2, datasets.get(3).get("cleaning").get("candles").get(0).get("after").get("open").asDouble());
        assertFalse(datasets.get(2).get("id").asText().equals(datasets.get(3).get("id").asText()));
    }

    @Test
    void choicesNamesAndSymbolsAreCheckedWithClearMessages() throws IOException {
        Path good = SharedData.file(SharedData.ETH_OHLC_JSON);
        Run policy = peer("data", "import", good.toString(), "--suspect", "keep", "--data-dir", dataDir.toString());
        assertEquals(2, policy.exitCode());
        assertEquals("error: suspect policy 'keep' is not one of: refuse, drop, repair\n", policy.err());
        Run reserved = peer("data", "import", good.toString(), "--name", "bundled-btcusd-5m", "--data-dir",
                dataDir.toString());
        assertEquals(2, reserved.exitCode());
        assertTrue(reserved.err().contains("is reserved: names starting with 'bundled-' belong to the datasets"),
                reserved.err());
        Run symbol = peer("data", "import", good.toString(), "--symbol", "BTC USD", "--data-dir", dataDir.toString());
        assertEquals(2, symbol.exitCode());
        assertTrue(symbol.err().contains("symbol 'BTC USD' is not like BTC-USD"), symbol.err());
        assertFalse(Files.exists(dataDir.resolve("datasets")));
    }

    @Test
    void aStockMarketsWeekendsAreItsCalendarNotGaps() throws IOException {
        CandleSeries days = LocalTimeSeries.daily(LocalDate.of(2023, 1, 2), LocalDate.of(2023, 4, 1), LocalTime.MIDNIGHT,
                ZoneId.of("Europe/Berlin"), LocalTimeSeries.WEEKDAYS);
        Path file = Files.writeString(dataDir.resolve("dax.json"), CandleWriters.recordsMillis(days));
        Run run = peer("data", "import", file.toString(), "--symbol", "DAX", "--data-dir", dataDir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Imported dax (records json)"), run.out());
        assertTrue(run.out().contains("  timeframe  1d\n"), run.out());
        assertTrue(run.out().contains("  calendar   weekdays only (Mon–Fri)\n"), run.out());
        assertTrue(run.out().contains("  gaps       no gaps (outside the market's closures)\n"), run.out());
        assertTrue(run.out().contains("  note       5 candle times moved by one hour onto the file's daily grid at"
                + " 23:00 UTC (daylight-saving drift of local-time stamps)\n"), run.out());
    }

    /** Every file under {@code dir} with its size and modification time. */
    private static Map<String, Long> snapshot(Path dir) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.size(p) * 31 + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }

    /**
     * A stand-in for the exchange on 127.0.0.1 (started): BTC-USD candles for every slot asked for, passed
     * through {@code tamper}; 404 for any other product. Counts requests.
     */
    private static HttpServer exchange(AtomicInteger requests, UnaryOperator<String> tamper) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/products/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status;
            if (!path.equals("/products/BTC-USD/candles")) {
                status = 404;
                body = "{\"message\":\"NotFound\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = tamper.apply(candlesNewestFirst(exchange.getRequestURI().getQuery()))
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    @Test
    void fetchPagesFromTheExchangeAndStoresTheDataset() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = exchange(requests, UnaryOperator.identity());
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Run run = peer("data", "fetch", "--product", "BTC-USD", "--granularity", "15m", "--days", "2",
                    "--api-url", url, "--data-dir", dataDir.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("Fetched coinbase-BTC-USD-15m-"), run.out());
            assertTrue(run.out().contains("  candles    192\n"), run.out());
            assertTrue(run.out().contains("  timeframe  15m\n"), run.out());
            assertTrue(run.err().contains("[##############################] 100%  page"), run.err());
            assertEquals(1, new DatasetStore(dataDir).list().size());
            assertTrue(requests.get() >= 1 && requests.get() <= 2, "192 candles: one or two pages, got " + requests.get());

            Run unknown = peer("data", "fetch", "--product", "NOPE-USD", "--days", "1", "--api-url", url,
                    "--data-dir", dataDir.toString());
            assertEquals(2, unknown.exitCode());
            assertTrue(unknown.err().contains("error: Coinbase does not know the product NOPE-USD (HTTP 404: NotFound)"),
                    unknown.err());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFetchedBadTickIsRefusedThenRepairedFromTheKeptPages() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        // The newest candle of every page opens and trades at 0.06.
        HttpServer server = exchange(requests, body -> body.replaceFirst("\\[(\\d+),([0-9.]+),([0-9.]+),([0-9.]+),",
                "[$1,0.06,$3,0.06,"));
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Run refused = peer("data", "fetch", "--product", "BTC-USD", "--granularity", "1h", "--days", "5",
                    "--api-url", url, "--data-dir", dataDir.toString());
            assertEquals(2, refused.exitCode(), refused.err());
            assertTrue(refused.err().contains("suspect candle"), refused.err());
            assertTrue(refused.err().contains("Fetch again with --suspect drop or --suspect repair to store them cleaned"
                    + " (the pages fetched are kept: nothing is downloaded again)."), refused.err());
            int downloads = requests.get();

            Run repaired = peer("data", "fetch", "--product", "BTC-USD", "--granularity", "1h", "--days", "5",
                    "--suspect", "repair", "--api-url", url, "--data-dir", dataDir.toString());
            assertEquals(0, repaired.exitCode(), repaired.err());
            assertTrue(repaired.out().contains("  suspects   repaired "), repaired.out());
            assertTrue(requests.get() - downloads <= 1, "at most a page for the hour that passed meanwhile");
        } finally {
            server.stop(0);
        }
    }

    /** A candle for every slot of the requested range, as the exchange returns them. */
    private static String candlesNewestFirst(String query) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : query.split("&")) {
            params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        long granularity = Long.parseLong(params.get("granularity"));
        long start = Instant.parse(params.get("start")).getEpochSecond();
        long end = Instant.parse(params.get("end")).getEpochSecond();
        List<String> rows = new ArrayList<>();
        for (long t = end - granularity; t >= start; t -= granularity) {
            double price = 30_000 + t % 1000;
            rows.add("[" + t + "," + (price - 5) + "," + (price + 5) + "," + price + "," + (price + 1) + ",1.5]");
        }
        return "[" + String.join(",", rows) + "]";
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"data", "--help"}, {"data", "import", "--help"},
                {"data", "list", "--help"}, {"data", "fetch", "--help"}}) {
            Run run = peer(args);
            assertEquals(0, run.exitCode(), String.join(" ", args));
            assertTrue(run.out().startsWith("Usage: peer data"), run.out());
        }
        assertFalse(peer("data", "fetch", "--help").out().contains("--api-url"), "a test-only option stays hidden");
        assertTrue(peer("data").out().contains("import"), "data alone prints its usage");
    }
}
