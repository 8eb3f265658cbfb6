package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.miner.ThroughputProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code peer bench}, briefly: the figures are there and consistent; their size is a benchmark's business. */
class BenchCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PeerCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void jsonHasOneThreadAndAllThreadFiguresOnTheBundledData() throws IOException {
        assertEquals(0, run("bench", "--json", "--threads", "2", "--seconds", "0.3", "--warmup", "0",
                "--data-dir", dir.toString()), err::toString);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(BundledDatasets.btcUsd5m().size(), json.at("/dataset/candles").asInt());
        assertEquals(ThroughputProbe.GENOMES, json.get("genomes").asInt());
        for (String figure : new String[] {"singleThread", "allThreads"}) {
            JsonNode node = json.get(figure);
            long backtests = node.get("backtests").asLong();
            double seconds = node.get("seconds").asDouble();
            assertTrue(backtests > 0 && seconds >= 0.3, figure + ": " + node);
            assertEquals(backtests / seconds, node.get("backtestsPerSecond").asDouble(), 1e-6);
            assertEquals(node.get("backtestsPerSecond").asDouble() / node.get("threads").asInt(),
                    node.get("backtestsPerSecondPerThread").asDouble(), 1e-6);
        }
        assertEquals(1, json.at("/singleThread/threads").asInt());
        assertEquals(2, json.at("/allThreads/threads").asInt());
        assertEquals(BenchCommand.TA4J_COMPARISON, json.get("ta4jComparison").asText());
    }

    @Test
    void textNamesTheDatasetAndPrintsBothFigures() {
        assertEquals(0, run("bench", "--threads", "2", "--seconds", "0.2", "--warmup", "0",
                "--data-dir", dir.toString()), err::toString);
        String text = out.toString();
        assertTrue(text.startsWith("Benchmark on " + BundledDatasets.BTC_USD_5M + " (BTC-USD, 5m, "), text);
        assertTrue(text.contains("\n 1 thread: "), text);
        assertTrue(text.contains("\n 2 threads:"), text);
        // ta4j is not shipped: the text says so and how to measure the ratio instead of printing a made-up one.
        assertTrue(text.contains("Ratio to ta4j 0.17: not measured here"), text);
        assertTrue(text.contains(BenchCommand.TA4J_COMPARISON), text);
    }

    @Test
    void badOptionsExitWithCode2() {
        assertEquals(2, run("bench", "--threads", "0", "--data-dir", dir.toString()));
        assertTrue(err.toString().contains("--threads must be between 1 and 1024"), err::toString);
        assertEquals(2, run("bench", "--seconds", "0", "--data-dir", dir.toString()));
        assertTrue(err.toString().contains("--seconds must be in (0, 3600]"), err::toString);
    }
}
