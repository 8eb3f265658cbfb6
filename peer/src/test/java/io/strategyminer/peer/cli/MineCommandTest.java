package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.miner.Verification;
import io.strategyminer.miner.Verifier;
import io.strategyminer.miner.WorkUnitSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code peer mine} end to end: on the bundled data, on an imported file, as text and as JSON. */
class MineCommandTest {
    private static final Pattern DIGEST_LINE = Pattern.compile("\n    digest [0-9a-f]{64}\n");

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = PeerCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private JsonNode mineJson(String... extra) throws IOException {
        String[] args = new String[extra.length + 4];
        args[0] = "mine";
        args[1] = "--json";
        args[2] = "--data-dir";
        args[3] = dir.resolve("home").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        assertEquals(0, run(args), err::toString);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void minesTheBundledDataByDefaultAndPrintsReadableRulesWithBothSamples() {
        assertEquals(0, run("mine", "--population", "16", "--generations", "4", "--seed", "7", "--top", "3",
                "--data-dir", dir.resolve("home").toString()), err::toString);
        String text = out.toString();
        assertTrue(text.startsWith("Mined " + BundledDatasets.BTC_USD_5M + " (BTC-USD, 5m, "), text);
        // the bundled week is too short for daily Sharpe: without --objective, mine chooses calmar and says so
        assertTrue(text.contains("population 16 × 4 generations, MEDIUM risk, objective calmar, min 10 trades, seed 7"),
                text);
        assertTrue(text.contains("\n#1  calmar "), text);
        assertTrue(text.contains("\n    BUY when "), text);
        assertTrue(text.contains("in-sample  buy and hold  holdout  buy and hold"), text);
        assertTrue(text.contains("in-sample significance: n/a"), text);
        for (String row : new String[] {"net PnL", "return %", "trades", "win rate %", "Sharpe (daily)",
                "Sortino (daily)", "calmar", "max drawdown %", "profit factor", "exposure %"}) {
            assertTrue(text.contains("\n    " + row + " "), "missing " + row + " in\n" + text);
        }
        assertTrue(DIGEST_LINE.matcher(text).find(), text);
        assertTrue(text.split("\n#").length - 1 <= 3, text);
    }

    @Test
    void jsonIsStableAcrossThreadCountsAndItsDigestsVerify() throws IOException {
        JsonNode one = mineJson("--population", "20", "--generations", "5", "--seed", "11", "--threads", "1");
        JsonNode two = mineJson("--population", "20", "--generations", "5", "--seed", "11", "--threads", "2");
        assertEquals(one.get("strategies"), two.get("strategies"));
        assertEquals(one.get("spec"), two.get("spec"));
        assertEquals(one.get("backtests"), two.get("backtests"));
        assertEquals(1, one.at("/run/threads").asInt());
        assertEquals(2, two.at("/run/threads").asInt());

        assertEquals(BundledDatasets.btcUsd5m().id().hex(), one.at("/dataset/id").asText());
        assertEquals(11, one.at("/spec/seed").asLong());
        assertEquals("calmar", one.at("/spec/objective").asText(), "chosen for a range too short for daily Sharpe");
        assertEquals(WorkUnitSpec.SEARCH_VERSION, one.get("searchVersion").asText());
        assertEquals(5, one.get("generations").asInt());
        JsonNode best = one.at("/strategies/0");
        assertEquals(1, best.get("rank").asInt());
        Genome genome = GenomeJson.read(best.get("genome").toString());
        assertEquals(genome.toSentence(), best.get("rules").asText());
        // What a verifying peer computes from the genome alone matches what mine printed.
        Verification verification = Verifier.verify(genome,
                new Backtester(BundledDatasets.btcUsd5m(), BacktestConfig.DEFAULT), Split.DEFAULT);
        assertEquals(verification.digest(), best.get("digest").asText());
        assertEquals(verification.engineVersion(), one.get("engineVersion").asText());
        assertEquals(verification.inSample(), CliJson.metrics(best.get("inSample")), "every figure, null = NaN");
        assertEquals(verification.outOfSample().netPnl(), best.at("/outOfSample/netPnl").asDouble());
        assertEquals(verification.inSample().calmar(), best.at("/inSample/calmar").asDouble());
        if (!best.get("fitness").isNull()) {
            assertEquals(verification.inSample().calmar(), best.get("fitness").asDouble());
        }
        assertTrue(one.at("/trials/genomes").asLong() > 0, "the unit's own count is reported");
        assertEquals(20 * 5, one.at("/trials/count").asLong(), "N is population × generations");
        assertEquals(20 * 5, best.at("/significance/trials").asLong(), "the significance uses that N");
        assertTrue(best.at("/significance/deflatedSharpe").isNull(), "no daily statistics on 5 days");
    }

    @Test
    void minesAnImportedFileWithTheChosenRiskAndObjective() throws IOException {
        Path csv = dir.resolve("market.csv");
        StringBuilder text = new StringBuilder("time,open,high,low,close,volume\n");
        double price = 100;
        for (int i = 0; i < 4_000; i++) {
            double open = price;
            price = 100 + 12 * Math.sin(i / 80.0) + 3 * Math.sin(i / 9.0) + ((i * 7919) % 11 - 5) * 0.15;
            text.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.4f,%d%n", 1_700_000_000L + 300L * i, open,
                    Math.max(open, price) + 0.2, Math.min(open, price) - 0.2, price, 5 + i % 13));
        }
        Files.writeString(csv, text);
        String home = dir.resolve("home").toString();
        assertEquals(0, run("data", "import", csv.toString(), "--name", "sines", "--data-dir", home), err::toString);

        JsonNode json = mineJson("--dataset", "sines", "--risk", "low", "--objective", "Calmar", "--min-trades", "3",
                "--population", "12", "--generations", "3", "--seed", "3", "--top", "2");
        assertEquals("sines", json.at("/dataset/name").asText());
        assertEquals(4_000, json.at("/dataset/candles").asInt());
        assertEquals("LOW", json.at("/spec/risk").asText());
        assertEquals("calmar", json.at("/spec/objective").asText());
        assertTrue(json.get("strategies").size() >= 1 && json.get("strategies").size() <= 2);
        for (JsonNode strategy : json.get("strategies")) {
            assertEquals(RiskLevel.LOW, GenomeJson.read(strategy.get("genome").toString()).risk());
        }
    }

    @Test
    void helpRendersEveryOption() {
        assertEquals(0, run("mine", "--help"));
        String help = out.toString();
        // A lone % in a picocli description would print the raw format string instead.
        assertTrue(help.contains("(the first 70 % of the candles)"), help);
        for (String option : new String[] {"--dataset", "--population", "--generations", "--risk", "--objective",
                "--min-trades", "--seed", "--threads", "--top", "--data-dir"}) {
            assertTrue(help.contains("\n      " + option + "="), option + " missing in\n" + help);
        }
        assertTrue(help.contains("\n      --json "), help);
    }

    @Test
    void badOptionsExitWithCode2AndAClearMessage() {
        String home = dir.resolve("home").toString();
        assertEquals(2, run("mine", "--population", "2", "--data-dir", home));
        assertTrue(err.toString().contains("population: 2 is outside 4–10,000"), err::toString);
        assertEquals(2, run("mine", "--risk", "extreme", "--data-dir", home));
        assertTrue(err.toString().contains("unknown risk level 'extreme'; use one of [low, medium, high]"), err::toString);
        assertEquals(2, run("mine", "--objective", "sharpe", "--data-dir", home));
        assertTrue(err.toString().contains("objective: sharpe needs an in-sample range of at least 30 days"),
                err::toString);
        assertEquals(2, run("mine", "--fee", "7", "--data-dir", home));
        assertTrue(err.toString().contains("feePct: 7 is outside 0–5"), err::toString);
        assertEquals(2, run("mine", "--objective", "profit", "--data-dir", home));
        assertTrue(err.toString().contains("unknown objective 'profit'"), err::toString);
        assertEquals(2, run("mine", "--threads", "0", "--data-dir", home));
        assertTrue(err.toString().contains("--threads must be between 1 and 1024"), err::toString);
        assertEquals(2, run("mine", "--dataset", "no-such-data", "--data-dir", home));
        assertEquals("", out.toString());
    }
}
