package io.strategyminer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Evaluation;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.miner.robustness.RobustnessAnalysis;
import io.strategyminer.web.api.RobustnessJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canonical strategy's robustness figures over HTTP, on a real server over a real ledger ({@link TestCluster}): the
 * strategy's detail and {@code /robustness} carry the figures {@link RobustnessAnalysis} computes from the reported
 * digest on the in-sample range, value for value; a strategy that is not canonical has none, and says why.
 */
class StrategyRobustnessApiTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final TrialStatistics TRIALS = WebServerTest.TRIALS;
    private static final Genome GENOME = WebServerTest.GENOME;

    @TempDir
    Path dir;
    private TestCluster cluster;
    private TestCluster.RemotePeer remote;
    private WebMetrics metrics;
    private WebServer server;
    private SearchSpec spec;
    private Evaluation evaluation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @BeforeEach
    void startPeerAndServer() {
        cluster = new TestCluster(dir);
        remote = cluster.remoteInView("robustness-test-machine", 4);
        Dataset btc = BundledDatasets.btcUsd5m();
        spec = SearchSpec.builder().dataset(btc.id()).population(10).generations(5).objective(Objective.CALMAR)
                .minTrades(0).workUnits(2).quorum(2).seed(7L).build();
        cluster.ledger.append(new SearchSubmitted("s1", spec));
        evaluation = new Backtester(btc, spec.costs()).evaluate(GENOME, spec.unitSplit(0));
        metrics = new WebMetrics();
        server = WebServer.start(WebConfig.of("127.0.0.1", 0, Optional.of("cluster-secret")), cluster, cluster,
                metrics);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
        cluster.close();
    }

    /** Reported by the remote peer; with this peer's agreeing verification it reaches the quorum of 2. */
    private StrategyId report(int unit, boolean verified) {
        Event report = remote.publish(StrategyReported.of("s1", unit, GENOME, evaluation, TRIALS));
        StrategyId id = new StrategyId(report.origin(), report.sequence());
        if (verified) {
            cluster.ledger.append(new VerificationReported(id, Sha256.parse(evaluation.digest()), EngineVersion.CURRENT));
        }
        return id;
    }

    @Test
    void aCanonicalStrategyCarriesTheFiguresItsDigestSeeds() throws Exception {
        StrategyId id = report(0, true);
        JsonNode detail = get("/api/strategies/" + id + "?points=10", 200);
        assertEquals("CANONICAL", detail.get("status").asText());
        Dataset btc = BundledDatasets.btcUsd5m();
        JsonNode expected = Json.MAPPER.valueToTree(RobustnessJson.of(RobustnessAnalysis.analyse(new Backtester(btc, spec.costs()), GENOME,
                spec.unitSplit(0).inSample(btc.size()), RobustnessAnalysis.seedOf(evaluation.digest()),
                RobustnessAnalysis.Runs.DEFAULT)));
        JsonNode robustness = detail.get("robustness");
        assertEquals(expected, robustness, "any peer computes these figures from the digest");
        assertEquals(evaluation.digest().substring(0, 16), robustness.get("seed").asText());
        assertEquals(evaluation.inSample().range().to(), robustness.at("/range/to").asInt());

        JsonNode bootstrapped = robustness.at("/monteCarlo/bootstrapped");
        assertEquals(1_000, bootstrapped.get("runs").asInt());
        double p5 = bootstrapped.at("/totalReturnPct/p5").asDouble();
        double p95 = bootstrapped.at("/totalReturnPct/p95").asDouble();
        assertTrue(p5 <= bootstrapped.at("/totalReturnPct/median").asDouble() && p5 < p95, bootstrapped.toString());
        JsonNode fan = bootstrapped.get("fan");
        int trades = evaluation.inSample().trades().size();
        assertEquals(trades + 1, fan.get("trade").size(), "every trade number while there are few");
        assertEquals(fan.get("trade").size(), fan.get("p95").size());
        double[] equity = evaluation.inSample().equity();
        assertEquals(equity[equity.length - 1], fan.get("actual").get(trades).asDouble(),
                "the actual path ends at the backtest's final equity");

        JsonNode neighbours = robustness.get("neighbours");
        // RSI period (12, 20) and threshold (30, 40) on both sides, stop and target two steps, size one (50 is MEDIUM's top)
        assertEquals(13, neighbours.get("count").asInt());
        assertEquals(13, neighbours.get("list").size());
        assertEquals("BUY 1: RSI(14) period", neighbours.at("/list/0/parameter").asText());
        assertEquals("12", neighbours.at("/list/0/to").asText());
        assertTrue(neighbours.get("medianSharpe").isNull(), "a week of data defines no Sharpe ratio");
        assertEquals(13, neighbours.get("undefinedSharpe").asInt());

        JsonNode randomEntries = robustness.get("randomEntries");
        assertEquals(trades, randomEntries.get("entries").asInt());
        double p = randomEntries.get("pValue").asDouble();
        assertEquals((1.0 + randomEntries.get("atLeastAsGood").asInt()) / 1_001, p);

        JsonNode alone = get("/api/strategies/" + id + "/robustness", 200);
        assertEquals(id.toString(), alone.get("id").asText());
        assertEquals(robustness, alone.get("robustness"), "the same figures alone, from the cache or not");
    }

    @Test
    void aStrategyBeforeItsQuorumHasNoFiguresAndSaysWhy() throws Exception {
        StrategyId pending = report(1, false);
        JsonNode detail = get("/api/strategies/" + pending, 200);
        assertEquals("PENDING", detail.get("status").asText());
        assertTrue(detail.get("robustness").isNull());
        assertTrue(detail.get("robustnessUnavailable").asText().contains("canonical"), detail.toString());
        JsonNode alone = get("/api/strategies/" + pending + "/robustness", 200);
        assertTrue(alone.get("robustness").isNull());
        assertEquals(detail.get("robustnessUnavailable"), alone.get("robustnessUnavailable"));
    }

    @Test
    void badAndUnknownIdsAndParameters() throws Exception {
        StrategyId id = report(0, true);
        assertTrue(get("/api/strategies/not-an-id/robustness", 400).get("error").asText().contains("not a strategy id"));
        assertTrue(get("/api/strategies/" + new StrategyId(remote.id(), 999) + "/robustness", 404).get("error")
                .asText().contains("no strategy"));
        assertTrue(get("/api/strategies/" + id + "/robustness?runs=5", 400).get("error").asText().contains("runs"));
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body());
    }
}
