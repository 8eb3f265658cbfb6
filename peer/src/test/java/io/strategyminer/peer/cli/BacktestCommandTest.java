package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Evaluation;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code peer backtest} end to end on a real candle file written to a temporary folder. */
class BacktestCommandTest {
    @TempDir
    Path dir;

    private Path candles;
    private Path genome;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void files() throws IOException {
        // 3,000 five-minute candles of a made-up but lively market: trends, swings and noise.
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        double price = 100;
        for (int i = 0; i < 3_000; i++) {
            double open = price;
            price = 100 + 15 * Math.sin(i / 90.0) + 4 * Math.sin(i / 7.0) + ((i * 7919) % 13 - 6) * 0.2;
            double high = Math.max(open, price) + 0.3 + (i % 5) * 0.1;
            double low = Math.min(open, price) - 0.3 - (i % 3) * 0.1;
            csv.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%d%n", 1_700_000_000L + 300L * i, open,
                    high, low, price, 10 + i % 17));
        }
        candles = Files.writeString(dir.resolve("candles.csv"), csv);
        try (InputStream example = getClass().getResourceAsStream("/examples/rsi-reversion.json")) {
            genome = Files.write(dir.resolve("genome.json"), example.readAllBytes());
        }
    }

    private int run(String... args) {
        CommandLine cli = PeerCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Evaluation expected(double fee, int split) throws IOException {
        Dataset dataset = CandleImporter.importFile(candles, ImportOptions.auto()).toDataset();
        return new Backtester(dataset, new BacktestConfig(fee, 0.05, 10_000))
                .evaluate(GenomeJson.read(genome), new Split(split));
    }

    @Test
    void printsRulesMetricsTradesAndTheDigest() throws IOException {
        assertEquals(0, run("backtest", "--csv", candles.toString(), "--genome", genome.toString(),
                "--data-dir", dir.resolve("home").toString()), err::toString);
        String text = out.toString();
        Evaluation expected = expected(0.1, 70);
        assertTrue(text.contains("Rules     " + GenomeJson.read(genome).toSentence()), text);
        for (String label : new String[] {"net PnL", "return %", "CAGR %", "trades", "win rate %", "Sharpe (daily)",
                "Sortino (daily)", "max drawdown %", "profit factor", "exposure %", "days", "daily skewness",
                "daily kurtosis", "excess return %"}) {
            assertTrue(text.contains("\n" + label + " "), "missing row " + label + " in\n" + text);
        }
        // Buy-and-hold beside the strategy; figures a 10-day range cannot give are n/a, and one line says why.
        assertTrue(text.contains("buy and hold"), text);
        int days = expected.inSample().metrics().days();
        assertTrue(days < Metrics.MIN_DAYS, "3,000 five-minute candles are about 10 days");
        String cagr = line(text, "CAGR %");
        assertEquals(4, cagr.split("n/a", -1).length - 1, "every column: " + cagr);
        assertTrue(text.contains("n/a: in-sample (70 %) has " + days + " daily returns"), text);
        assertTrue(text.contains("need " + Metrics.MIN_DAYS + " daily returns"), text);
        assertTrue(text.contains("In-sample probabilistic Sharpe n/a"), text);
        assertTrue(line(text, "excess return %").contains(
                String.format(Locale.ROOT, "%.2f", expected.inSample().excessReturnPct())), text);
        assertTrue(text.contains("Trades    " + expected.tradesDigest()), text);
        assertTrue(expected.inSample().trades().size() > 3, "the example should trade on this data");
        assertTrue(text.contains("In-sample trades: " + expected.inSample().trades().size() + "\n"), text);
        assertTrue(text.contains("Digest    " + expected.digest()), text);
    }

    @Test
    void jsonCarriesTheSameResultsAsTheEngine() throws IOException {
        assertEquals(0, run("backtest", "--csv", candles.toString(), "--genome", genome.toString(), "--json",
                "--split", "60", "--fee", "0.2", "--data-dir", dir.resolve("home").toString()), err::toString);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        Evaluation expected = expected(0.2, 60);
        assertEquals(expected.digest(), json.get("digest").asText());
        assertEquals(60, json.get("split").asInt());
        assertEquals(0.2, json.at("/costs/feePct").asDouble());
        assertEquals(3_000, json.at("/dataset/candles").asInt());
        assertEquals(GenomeJson.read(genome), GenomeJson.read(json.get("genome").toString()));
        assertEquals(expected.inSample().metrics().netPnl(), json.at("/inSample/metrics/netPnl").asDouble());
        assertEquals(expected.outOfSample().trades().size(), json.at("/outOfSample/trades").size());
        assertEquals(expected.inSample().trades().get(0).exitReason().name(),
                json.at("/inSample/trades/0/exitReason").asText());
        assertTrue(json.at("/inSample/metrics/sharpe").isNull(), "undefined is null, never \"NaN\"");
        assertEquals(expected.inSample().metrics(), CliJson.metrics(json.at("/inSample/metrics")));
        assertEquals(expected.inSample().buyAndHold(), CliJson.metrics(json.at("/inSample/buyAndHold")));
        assertEquals(expected.outOfSample().buyAndHold(), CliJson.metrics(json.at("/outOfSample/buyAndHold")));
        assertEquals(expected.outOfSample().excessReturnPct(), json.at("/outOfSample/excessReturnPct").asDouble());
        assertEquals(expected.tradesDigest(), json.get("tradesDigest").asText());
    }

    private static String line(String text, String label) {
        return text.lines().filter(l -> l.startsWith(label + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in\n" + text));
    }

    @Test
    void showsOnlyTheFirstAndLastTradesWhenAsked() {
        assertEquals(0, run("backtest", "--csv", candles.toString(), "--genome", genome.toString(), "--trades", "1",
                "--data-dir", dir.resolve("home").toString()), err::toString);
        String text = out.toString();
        assertTrue(text.contains("(first and last 1)"), text);
        assertTrue(text.contains("  …"), text);
    }

    @Test
    void anInvalidGenomeExitsWithCode2AndSaysWhatIsWrong() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), Files.readString(genome, StandardCharsets.UTF_8)
                .replace("\"right\" : 30", "\"right\" : 130").replace("\"positionPct\" : 50", "\"positionPct\" : 90"));
        assertEquals(2, run("backtest", "--csv", candles.toString(), "--genome", bad.toString(),
                "--data-dir", dir.resolve("home").toString()));
        assertTrue(err.toString().contains("threshold 130 for RSI(14) outside [0, 100]"), err::toString);
        assertEquals("", out.toString());

        Path invalid = Files.writeString(dir.resolve("invalid.json"), Files.readString(genome, StandardCharsets.UTF_8)
                .replace("\"positionPct\" : 50", "\"positionPct\" : 90").replace("\"stopLossPct\" : 2", "\"stopLossPct\" : 0"));
        assertEquals(2, run("backtest", "--csv", candles.toString(), "--genome", invalid.toString(),
                "--data-dir", dir.resolve("home").toString()));
        assertTrue(err.toString().contains("position size 90 % outside [10, 50] % for MEDIUM risk; "
                + "MEDIUM risk requires a stop-loss"), err::toString);
    }

    @Test
    void aMissingGenomeFileOrABadOptionExitsWithCode2() {
        assertEquals(2, run("backtest", "--csv", candles.toString(), "--genome", dir.resolve("nope.json").toString(),
                "--data-dir", dir.resolve("home").toString()));
        assertTrue(err.toString().contains("genome file not found"), err::toString);
        assertEquals(2, run("backtest", "--csv", candles.toString(), "--genome", genome.toString(), "--split", "5",
                "--data-dir", dir.resolve("home").toString()));
        assertTrue(err.toString().contains("in-sample share 5 % outside [10, 100]"), err::toString);
    }
}
