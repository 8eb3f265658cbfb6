package io.strategyminer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Evaluation;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.consensus.Member;
import io.strategyminer.consensus.MembershipView;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.backtest.ResultDigest;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API against a real Undertow server on 127.0.0.1 (free port) over a real RocksDB ledger holding
 * two announced peers, a search, a lease, and a strategy backtested on the bundled BTC data, reported
 * by the remote peer and verified by this one (so canonical under quorum 2 on two machines).
 */
class WebServerTest {
    static final TrialStatistics TRIALS = new TrialStatistics(50, 40, 4.0, 1.0);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** A strategy that trades on the bundled week (also the robustness API's, {@code StrategyRobustnessApiTest}). */
    static final Genome GENOME = GenomeJson.read("""
            {"entry": {"combine": "AND", "conditions": [{"left": "RSI(14)", "op": "<", "right": 35}]},
             "exit": {"combine": "OR", "conditions": [{"left": "RSI(14)", "op": ">", "right": 65}]},
             "stopLossPct": 2, "takeProfitPct": 4, "trailingStopPct": 0, "maxBarsHeld": 0,
             "positionPct": 50, "risk": "MEDIUM"}""");

    @TempDir
    Path dir;
    private TestCluster cluster;
    private TestCluster.RemotePeer remote;
    private WebMetrics metrics;
    private WebServer server;
    private StrategyId strategy;
    private Evaluation evaluation;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @BeforeEach
    void startPeerAndServer() {
        cluster = new TestCluster(dir);
        remote = cluster.remoteInView("web-test-machine-1", 4);
        Dataset btc = BundledDatasets.btcUsd5m();
        SearchSpec spec = SearchSpec.builder().dataset(btc.id()).population(10).generations(5)
                .objective(Objective.CALMAR).minTrades(0).workUnits(2).quorum(2).seed(7L).build();
        cluster.ledger.append(new SearchSubmitted("s1", spec));
        cluster.ledger.append(new LeaseGranted("s1", 0, remote.id(), 3, 1_800_000_000_000L, LeaseKind.WORK, null));
        cluster.ledger.append(new LeaseGranted("s1", 1, cluster.self(), 3, 1_800_000_000_000L, LeaseKind.WORK, null));
        evaluation = new Backtester(btc, spec.costs()).evaluate(GENOME, spec.unitSplit(0));
        Sha256 digest = Sha256.parse(evaluation.digest());
        Event report = remote.publish(StrategyReported.of("s1", 0, GENOME, evaluation, TRIALS));
        strategy = new StrategyId(report.origin(), report.sequence());
        cluster.ledger.append(new VerificationReported(strategy, digest, EngineVersion.CURRENT));
        metrics = new WebMetrics();
        server = start(WebConfig.of("127.0.0.1", 0, Optional.of("cluster-secret")));
    }

    private WebServer start(WebConfig config) {
        return WebServer.start(config, cluster, cluster, metrics);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
        cluster.close();
    }

    // ---- happy paths -------------------------------------------------------------------------

    @Test
    void statusShowsThisPeerTheViewAndTheWork() throws Exception {
        JsonNode status = getJson("/api/status", 200);
        assertEquals(cluster.self().hex(), status.at("/self/id").asText());
        assertEquals("self", status.at("/self/name").asText());
        assertEquals(3, status.at("/view/id").asLong());
        assertEquals(cluster.self().hex(), status.get("coordinator").asText());
        assertEquals(2, status.at("/peers/known").asInt());
        assertEquals(2, status.at("/peers/inView").asInt());
        assertEquals(6, status.at("/throughput/cores").asInt());
        assertEquals(7000.0, status.at("/throughput/backtestsPerSecond").asDouble());
        assertEquals(7_000_000.0, status.at("/throughput/candleStepsPerSecond").asDouble());
        assertEquals(1000, status.at("/throughput/backtestCandles").asInt());
        assertEquals(1, status.at("/work/searches/RUNNING").asInt());
        assertEquals(1, status.at("/work/units/DONE").asInt());
        assertEquals(1, status.at("/work/units/LEASED").asInt());
        assertEquals(1, status.at("/work/strategies/CANONICAL").asInt());
        assertEquals(cluster.ledger.stats().events(), status.at("/ledger/events").asLong());
    }

    @Test
    void beforeJoiningThereIsNoViewAndThroughputCountsEveryKnownPeer() throws Exception {
        cluster.view.set(null);
        JsonNode status = getJson("/api/status", 200);
        assertTrue(status.get("view").isNull());
        assertTrue(status.get("coordinator").isNull());
        assertEquals(0, status.at("/peers/inView").asInt());
        assertEquals(6, status.at("/throughput/cores").asInt());
        assertFalse(find(getJson("/api/peers", 200).get("peers"), "id", cluster.self().hex())
                .get("coordinator").asBoolean());
    }

    @Test
    void peersListsBothWithRoleAndLeases() throws Exception {
        JsonNode peers = getJson("/api/peers", 200).get("peers");
        assertEquals(2, peers.size());
        JsonNode self = find(peers, "id", cluster.self().hex());
        assertTrue(self.get("coordinator").asBoolean());
        assertTrue(self.get("self").asBoolean());
        assertEquals(1, self.get("leases").size());
        assertEquals("s1", self.at("/leases/0/searchId").asText());
        assertEquals(1, self.at("/leases/0/unit").asInt());
        JsonNode other = find(peers, "id", remote.id().hex());
        assertFalse(other.get("coordinator").asBoolean());
        assertTrue(other.get("inView").asBoolean());
        assertEquals(4, other.get("cores").asInt());
        assertEquals(remote.machine.hex(), other.get("machine").asText());
        assertEquals(0, other.get("leases").size(), "its unit is done, so it holds nothing");
    }

    @Test
    void statusNamesThePeersOfTheViewThatAnnounceOneMachineId() throws Exception {
        assertEquals("[]", getJson("/api/status", 200).get("sharedMachines").toString(), "two machines, none shared");

        // a clone of this peer's machine (cloned VMs copy /etc/machine-id) joins the view
        TestCluster.RemotePeer clone = cluster.new RemotePeer("web-test-machine-0", 2);
        assertEquals(cluster.machine, clone.machine);
        cluster.view.set(new MembershipView(4, List.of(new Member(cluster.self(), cluster.machine),
                new Member(remote.id(), remote.machine), new Member(clone.id(), clone.machine))));
        JsonNode shared = getJson("/api/status", 200).get("sharedMachines");
        assertEquals(1, shared.size(), shared.toString());
        assertEquals(cluster.machine.hex(), shared.at("/0/machine").asText());
        assertEquals(List.of(cluster.self().hex(), clone.id().hex()), List.of(shared.at("/0/peers/0").asText(),
                shared.at("/0/peers/1").asText()), "in view order");
        assertEquals(2, shared.at("/0/peers").size());

        // only members of the view count: a clone that left shares nothing with anyone running
        cluster.view.set(new MembershipView(5, List.of(new Member(cluster.self(), cluster.machine),
                new Member(remote.id(), remote.machine))));
        assertEquals(0, getJson("/api/status", 200).get("sharedMachines").size());
        cluster.view.set(null);
        assertEquals(0, getJson("/api/status", 200).get("sharedMachines").size(), "no view, nothing to compare");
    }

    @Test
    void capacityAndWorkAreInCandleStepsAndBacktestsPerSecondOnTheCurrentWork() throws Exception {
        Dataset btc = BundledDatasets.btcUsd5m();
        remote.publish(new DatasetPublished(btc.id(), "btc", "BTC-USD", 300, btc.size(), 1_000,
                List.of(Sha256.of(new byte[]{1}))));
        int inSample = btc.size() * 70 / 100; // the open search s1 backtests its first 70 %
        JsonNode status = getJson("/api/status", 200);
        assertEquals(inSample, status.at("/throughput/backtestCandles").asInt());
        assertEquals(7_000_000.0, status.at("/throughput/candleStepsPerSecond").asDouble());
        assertEquals(7_000_000.0 / inSample, status.at("/throughput/backtestsPerSecond").asDouble(), 1e-9);
        JsonNode peers = getJson("/api/peers", 200).get("peers");
        JsonNode other = find(peers, "id", remote.id().hex());
        JsonNode self = find(peers, "id", cluster.self().hex());
        assertEquals(other.get("candleStepsPerSecond").asDouble() / inSample, other.get("backtestsPerSecond").asDouble(),
                1e-9);
        // a report: 50 backtests of the in-sample range; a verification: one backtest of the whole dataset
        long reported = 50L * inSample;
        assertEquals(reported, other.at("/work/candleSteps").asLong());
        assertEquals(btc.size(), self.at("/work/candleSteps").asLong());
        assertEquals((double) reported / (reported + btc.size()), other.get("workShare").asDouble(), 1e-12);
    }

    @Test
    void peersCarryTheirClockOffsetWhereTheReadModelMeasuresIt() throws Exception {
        JsonNode peers = getJson("/api/peers", 200).get("peers");
        assertEquals(0, find(peers, "id", cluster.self().hex()).get("clockOffsetMillis").asLong(), "its own clock");
        assertTrue(find(peers, "id", remote.id().hex()).get("clockOffsetMillis").isNull(),
                "this read model measures nothing: null, never a made-up figure");
    }

    @Test
    void peersShowWorkDoneAgainstCapacityAndWhenTheyWereLastHeardOf() throws Exception {
        JsonNode peers = getJson("/api/peers", 200).get("peers");
        JsonNode other = find(peers, "id", remote.id().hex());
        JsonNode self = find(peers, "id", cluster.self().hex());
        // the remote peer reported unit 0 of s1 (population 10 × 5 generations), this peer verified it (1 backtest);
        // the search's dataset is not published here, so candle-steps count each backtest as one
        assertEquals("{\"reports\":1,\"verifications\":0,\"backtests\":50,\"candleSteps\":50}",
                other.get("work").toString());
        assertEquals("{\"reports\":0,\"verifications\":1,\"backtests\":1,\"candleSteps\":1}",
                self.get("work").toString());
        assertEquals(50.0 / 51, other.get("workShare").asDouble(), 1e-12);
        assertEquals(1.0 / 51, self.get("workShare").asDouble(), 1e-12);
        assertEquals(1000 * other.get("backtestsPerSecond").asDouble(), other.get("candleStepsPerSecond").asDouble(),
                1e-6, "no open search's dataset known here: backtests of 1,000 candles");
        double capacity = other.get("backtestsPerSecond").asDouble() + self.get("backtestsPerSecond").asDouble();
        assertEquals(other.get("backtestsPerSecond").asDouble() / capacity, other.get("capacityShare").asDouble(), 1e-12);
        assertEquals(1.0, other.get("capacityShare").asDouble() + self.get("capacityShare").asDouble(), 1e-12);

        // nothing heard since the server started; then an event of this peer's arrives
        assertTrue(other.get("lastSeenMillis").isNull());
        assertTrue(self.get("lastSeenMillis").isNull());
        long before = System.currentTimeMillis();
        cluster.ledger.append(new LeaseGranted("s1", 1, cluster.self(), 4, 1_800_000_000_000L, LeaseKind.WORK, null));
        long after = System.currentTimeMillis();
        JsonNode later = getJson("/api/peers", 200).get("peers");
        long seen = find(later, "id", cluster.self().hex()).get("lastSeenMillis").asLong();
        assertTrue(seen >= before && seen <= after, seen + " within [" + before + ", " + after + "]");
        assertTrue(find(later, "id", remote.id().hex()).get("lastSeenMillis").isNull());

        // a peer outside the view contributes no capacity
        cluster.view.set(new MembershipView(4, List.of(new Member(cluster.self(), cluster.machine))));
        JsonNode alone = getJson("/api/peers", 200).get("peers");
        assertEquals(0.0, find(alone, "id", remote.id().hex()).get("capacityShare").asDouble());
        assertEquals(1.0, find(alone, "id", cluster.self().hex()).get("capacityShare").asDouble());
    }

    @Test
    void searchesListAndDetailShowUnits() throws Exception {
        JsonNode list = getJson("/api/searches", 200).get("searches");
        assertEquals(1, list.size());
        assertEquals("s1", list.at("/0/id").asText());
        assertEquals("RUNNING", list.at("/0/status").asText());
        assertEquals(1, list.at("/0/unitsDone").asInt());
        assertEquals("calmar", list.at("/0/parameters/objective").asText());

        JsonNode detail = getJson("/api/searches/s1", 200);
        assertEquals(2, detail.get("units").size());
        assertEquals("DONE", detail.at("/units/0/status").asText());
        assertEquals(strategy.toString(), detail.at("/units/0/canonical").asText());
        assertEquals("CANONICAL", detail.at("/units/0/reports/0/status").asText());
        assertEquals(evaluation.inSample().metrics().calmar(), detail.at("/units/0/bestFitness").asDouble(),
                "the reported genome's in-sample score by the search's objective");
        assertEquals("BTC-USD", detail.at("/dataset/symbol").asText(), "the dataset is named, not only its id");
        assertEquals("5m", detail.at("/dataset/timeframe").asText());
        assertEquals("LEASED", detail.at("/units/1/status").asText());
        assertTrue(detail.at("/units/1/bestFitness").isNull(), "nothing reported yet: the live progress tells");
        assertEquals(cluster.self().hex(), detail.at("/units/1/lease/holder").asText());
    }

    @Test
    void aSearchPostedFromLoopbackIsInTheLedger() throws Exception {
        HttpResponse<String> created = post("/api/searches", "application/json",
                "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M + "\", \"population\": 20, \"risk\": \"low\","
                        + " \"objective\": \"pnl\", \"workUnits\": 3, \"seed\": 99}", Optional.empty());
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created.body()).get("id").asText();
        assertEquals("/api/searches/" + id, created.headers().firstValue("Location").orElseThrow());
        SearchSpec spec = cluster.ledger.read(state -> state.search(id)).orElseThrow().spec();
        assertEquals(20, spec.population());
        assertEquals(30, spec.generations(), "default");
        assertEquals(RiskLevel.LOW, spec.risk());
        assertEquals(Objective.PNL, spec.objective());
        assertEquals(3, spec.workUnits());
        assertEquals(99L, spec.seed());
        assertEquals(BundledDatasets.btcUsd5m().id(), spec.dataset());
        assertEquals("SUBMITTED", getJson("/api/searches/" + id, 200).get("status").asText());
    }

    @Test
    void canonicalStrategiesWithRulesMetricsAndSupporters() throws Exception {
        JsonNode list = getJson("/api/strategies?status=canonical&limit=5", 200).get("strategies");
        assertEquals(1, list.size());
        JsonNode s = list.get(0);
        assertEquals(strategy.toString(), s.get("id").asText());
        assertEquals(GENOME.toSentence(), s.get("rules").asText());
        assertEquals(evaluation.inSample().metrics().trades(), s.at("/inSample/trades").asInt());
        assertEquals(evaluation.outOfSample().metrics().netPnl(), s.at("/outOfSample/netPnl").asDouble());
        assertEquals(2, s.get("supportingPeers").size());
        assertEquals(0, getJson("/api/strategies?status=pending", 200).get("strategies").size());
        assertEquals(1, getJson("/api/strategies?status=all&search=s1", 200).get("strategies").size());
        assertEquals(0, getJson("/api/strategies?search=other", 200).get("strategies").size());
    }

    @Test
    void aSpeculativeCopyThatAlsoReachedTheQuorumIsSupersededAndCountedAsTheListShowsIt() throws Exception {
        Sha256 digest = Sha256.parse(evaluation.digest());
        Event copy = cluster.ledger.append(StrategyReported.of("s1", 0, GENOME, evaluation, TRIALS));
        StrategyId copyId = new StrategyId(copy.origin(), copy.sequence());
        remote.publish(new VerificationReported(copyId, digest, EngineVersion.CURRENT));
        assertEquals("SUPERSEDED", getJson("/api/strategies/" + copyId + "?points=2", 200).get("status").asText(),
                "the unit already has its result: the copy is not a second one");

        JsonNode canonical = getJson("/api/strategies?status=canonical", 200).get("strategies");
        assertEquals(1, canonical.size());
        assertEquals(strategy.toString(), canonical.get(0).get("id").asText());
        JsonNode superseded = getJson("/api/strategies?status=superseded", 200).get("strategies");
        assertEquals(copyId.toString(), superseded.get(0).get("id").asText());
        assertEquals(2, getJson("/api/strategies?status=all", 200).get("strategies").size());
        JsonNode counts = getJson("/api/status", 200).at("/work/strategies");
        assertEquals(1, counts.get("CANONICAL").asInt(), "status counts what the canonical list shows");
        assertEquals(1, counts.get("SUPERSEDED").asInt());
    }

    @Test
    void strategyDetailReRunsTheBacktestAndReproducesTheDigest() throws Exception {
        JsonNode s = getJson("/api/strategies/" + strategy + "?points=100", 200);
        assertEquals(GenomeJson.write(GENOME), s.get("genome").toString());
        assertEquals(1, s.get("verifications").size());
        assertTrue(s.at("/verifications/0/agrees").asBoolean());
        assertEquals(cluster.self().hex(), s.at("/verifications/0/verifier").asText());
        assertEquals(2, s.at("/tallies/0/independent").asInt());
        JsonNode backtest = s.get("backtest");
        assertTrue(backtest.get("digestMatches").asBoolean());
        JsonNode in = backtest.get("inSample");
        assertEquals(evaluation.inSample().trades().size(), in.get("trades").size());
        assertTrue(in.get("trades").size() > 0, "the test genome trades on the bundled data");
        Dataset btc = BundledDatasets.btcUsd5m();
        int entry = evaluation.inSample().trades().get(0).entryIndex();
        assertEquals(btc.candles().time()[entry], in.at("/trades/0/entryTime").asLong());
        JsonNode curve = in.get("equity");
        assertTrue(curve.get("time").size() <= 100 && curve.get("time").size() >= 50, curve.get("time").size() + " points");
        double[] equity = evaluation.inSample().equity();
        assertEquals(equity[equity.length - 1], curve.get("equity").get(curve.get("equity").size() - 1).asDouble(),
                "the last candle is always in the curve");
        assertEquals(btc.candles().close()[evaluation.inSample().range().from()], curve.at("/close/0").asDouble());
        assertEquals(evaluation.outOfSample().range().from(), backtest.at("/outOfSample/from").asInt());
    }

    @Test
    void aStrategyOnADatasetThisPeerLacksHasNoBacktest() throws Exception {
        DatasetId elsewhere = new DatasetId("ab".repeat(32));
        remote.publish(new DatasetPublished(elsewhere, "remote candles", "BTC-USD", 300, 30_000, 1_440_000,
                List.of(Sha256.of(new byte[]{7}))));
        SearchSpec spec = SearchSpec.builder().dataset(elsewhere).population(10).generations(5).minTrades(0)
                .workUnits(1).quorum(1).seed(3L).build();
        remote.publish(new SearchSubmitted("s2", spec));
        // what the peer holding those candles reports: the same figures, under that dataset's id
        String digest = ResultDigest.of(EngineVersion.CURRENT, elsewhere, spec.unitSplit(0), spec.costs(),
                evaluation.tradesDigest(), evaluation.inSample().metrics(), evaluation.inSample().buyAndHold(),
                evaluation.outOfSample().metrics(), evaluation.outOfSample().buyAndHold());
        Event report = remote.publish(new StrategyReported("s2", 0, GENOME, evaluation.inSample().metrics(),
                evaluation.inSample().buyAndHold(), evaluation.outOfSample().metrics(),
                evaluation.outOfSample().buyAndHold(), Sha256.parse(evaluation.tradesDigest()), Sha256.parse(digest),
                EngineVersion.CURRENT, TRIALS));
        JsonNode s = getJson("/api/strategies/" + new StrategyId(report.origin(), report.sequence()), 200);
        assertEquals("CANONICAL", s.get("status").asText(), "quorum 1: the reporter alone");
        assertTrue(s.get("backtest").isNull());
        assertTrue(s.get("backtestUnavailable").asText().contains("does not hold dataset " + elsewhere.hex()));

        JsonNode listed = find(getJson("/api/datasets", 200).get("datasets"), "id", elsewhere.hex());
        assertFalse(listed.get("local").asBoolean());
        assertEquals("remote candles", listed.get("name").asText());
        assertEquals(remote.id().hex(), listed.at("/publishers/0").asText());
    }

    @Test
    void aMemberPublishingUnderTheBundledNameCannotHijackOrBreakTheDefaultDataset() throws Exception {
        DatasetId impostor = new DatasetId("ee".repeat(32));
        remote.publish(new DatasetPublished(impostor, BundledDatasets.BTC_USD_5M, "BTC-USD", 300, 30_000, 1_440_000,
                List.of(Sha256.of(new byte[]{7}))));
        HttpResponse<String> created = postJson("/api/searches", "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M
                + "\", \"workUnits\": 1, \"quorum\": 1}");
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created.body()).get("id").asText();
        assertEquals(BundledDatasets.btcUsd5m().id(), cluster.ledger.read(state -> state.search(id)).orElseThrow()
                .spec().dataset(), "the name still means the bundled data");
        assertEquals("(claimed) " + BundledDatasets.BTC_USD_5M, find(getJson("/api/datasets", 200).get("datasets"),
                "id", impostor.hex()).get("name").asText());
    }

    @Test
    void datasetsListBundledAndUploadedOnes() throws Exception {
        JsonNode before = getJson("/api/datasets", 200).get("datasets");
        JsonNode bundled = find(before, "id", BundledDatasets.btcUsd5m().id().hex());
        assertTrue(bundled.get("bundled").asBoolean());
        assertTrue(bundled.get("local").asBoolean());

        String csv = String.join("\n", Files.readAllLines(sharedData().resolve("btcusd-bitstamp-5m-2011.csv"))
                .subList(0, 301));
        HttpResponse<String> created = post("/api/datasets?name=btc-2011-sample", "text/csv", csv, Optional.empty());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode info = json(created.body());
        assertEquals(300, info.get("candles").asInt());
        assertEquals(300, info.get("timeframeSeconds").asInt());
        JsonNode after = getJson("/api/datasets", 200).get("datasets");
        assertEquals("btc-2011-sample", find(after, "id", info.get("id").asText()).get("name").asText());
    }

    @Test
    void anUploadWithABadTickIsRefusedUntilTheUserChoosesToDropOrRepairIt() throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(sharedData().resolve(
                "btcusd-bitstamp-5m-2011.csv")).subList(0, 301));
        // timestamp,open,close,volume,unix_timestamp,high,low: candle 150 opens and dips to 0.06, as a bad tick does
        String[] cells = lines.get(150).split(",");
        cells[1] = "0.06";
        cells[6] = "0.06";
        lines.set(150, String.join(",", cells));
        String csv = String.join("\n", lines);
        int datasets = getJson("/api/datasets", 200).get("datasets").size();

        HttpResponse<String> refused = post("/api/datasets?name=tick", "text/csv", csv, Optional.empty());
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("line 151") && refused.body().contains("?suspect=repair"), refused.body());
        assertEquals(datasets, getJson("/api/datasets", 200).get("datasets").size(), "nothing stored");

        assertError(post("/api/datasets?name=tick&suspect=sometimes", "text/csv", csv, Optional.empty()), 400, "refuse");
        assertError(post("/api/datasets?name=bundled-btcusd-5m&suspect=repair", "text/csv", csv, Optional.empty()),
                400, "reserved");
        HttpResponse<String> repaired = post("/api/datasets?name=tick&symbol=btc-usd&suspect=repair", "text/csv", csv,
                Optional.empty());
        assertEquals(201, repaired.statusCode(), repaired.body());
        JsonNode info = json(repaired.body());
        assertEquals("BTC-USD", info.get("symbol").asText(), "one naming rule: symbols upper-cased");
        assertEquals("repair", info.at("/cleaning/policy").asText().toLowerCase(java.util.Locale.ROOT),
                info.toString());
        HttpResponse<String> dropped = post("/api/datasets?name=tick-dropped&suspect=drop", "text/csv", csv,
                Optional.empty());
        assertEquals(201, dropped.statusCode(), dropped.body());
        assertNotEquals(info.get("id").asText(), json(dropped.body()).get("id").asText(),
                "the choice is part of the dataset's identity");
    }

    @Test
    void staticAssetsComeFromTheClasspath() throws Exception {
        HttpResponse<String> asset = get("/hello.txt");
        assertEquals(200, asset.statusCode());
        assertEquals("a dashboard asset served from the classpath", asset.body().strip());
        assertError(get("/no-such-page.html"), 404, "no such page");
        assertError(post("/hello.txt", "text/plain", "x", Optional.empty()), 405, "not allowed");
    }

    @Test
    void theDashboardAndItsModulesAreServed() throws Exception {
        HttpResponse<String> index = get("/");
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(index.body().contains("<script type=\"module\" src=\"/js/app.js\">"), index.body());
        for (String module : List.of("app", "api", "live", "charts", "cluster", "searches", "strategies", "strategy",
                "table")) {
            HttpResponse<String> js = get("/js/" + module + ".js");
            assertEquals(200, js.statusCode(), module);
            // browsers refuse a module script served under another type
            assertTrue(js.headers().firstValue("Content-Type").orElseThrow().contains("javascript"), module);
        }
    }

    @Test
    void webJarFilesAreServedWithoutTheirVersionInThePath() throws Exception {
        HttpResponse<String> uplot = get("/webjars/uplot/dist/uPlot.esm.js");
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
        assertTrue(uplot.body().contains("export { uPlot as default }"), "the ES module build of uPlot");
        assertEquals(200, get("/webjars/uplot/dist/uPlot.min.css").statusCode());
        assertError(get("/webjars/uplot/dist/no-such-file.js"), 404, "no such page or file");
        assertError(get("/webjars/no-such-library/x.js"), 404, "no such page or file");
        assertError(get("/webjars/uplot/dist/"), 404, "no such page or file");
        assertError(get("/webjars/uplot"), 404, "no such page or file");
        assertError(get("/webjars/uplot/../../../META-INF/MANIFEST.MF"), 404, "no such page or file");
    }

    // ---- errors ------------------------------------------------------------------------------

    @Test
    void badParametersAre400WithWhatAndWhy() throws Exception {
        assertError(get("/api/strategies?limit=0"), 400, "limit: 0 is outside 1–1000");
        assertError(get("/api/strategies?limit=ten"), 400, "not a whole number");
        assertError(get("/api/strategies?status=great"), 400, "status: 'great' is not one of");
        assertError(get("/api/strategies?limit=1&limit=2"), 400, "given 2 times");
        assertError(get("/api/strategies?colour=red"), 400, "unknown query parameter 'colour'");
        assertError(get("/api/searches/Not_An_Id"), 400, "is not a search id");
        assertError(get("/api/strategies/42"), 400, "is not a strategy id");
        assertError(get("/api/strategies/" + strategy + "?points=1"), 400, "points: 1 is outside");
        assertError(postJson("/api/searches", "{\"dataset\": "), 400, "not valid JSON");
        assertError(postJson("/api/searches", "[1]"), 400, "must be a JSON object");
        assertError(postJson("/api/searches", "{\"population\": 10}"), 400, "dataset: required");
        assertError(postJson("/api/searches", "{\"dataset\": \"x\", \"popul\": 10}"), 400, "unknown field 'popul'");
        assertError(postJson("/api/searches", "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M
                + "\", \"population\": 1}"), 400, "population: 1 is outside 4–10,000");
        assertError(postJson("/api/searches", "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M
                + "\", \"feePct\": 7.5}"), 400, "feePct: 7.5 is outside 0–5");
        assertError(postJson("/api/searches", "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M
                + "\", \"objective\": \"sharpe\"}"), 400, "objective: sharpe needs an in-sample range of at least 30 days");
        assertError(postJson("/api/searches", "{\"dataset\": \"x\", \"quorum\": \"two\"}"), 400, "quorum: expected a whole number");
        assertError(postJson("/api/searches", "{\"dataset\": \"x\", \"risk\": \"wild\"}"), 400, "risk: \"wild\" is not one of");
        assertError(postJson("/api/searches", "{\"dataset\": \"no-such-dataset\"}"), 400, "no dataset 'no-such-dataset'");
        assertError(post("/api/datasets?name=bad", "text/csv", "time,open\nnot,candles", Optional.empty()), 400, "");
        assertError(post("/api/datasets", "text/csv", "x", Optional.empty()), 400, "name: required");
        assertEquals(1, searchCount(), "nothing bad was applied");
    }

    @Test
    void unknownIdsAndRoutesAre404() throws Exception {
        assertError(get("/api/searches/missing"), 404, "no search 'missing'");
        assertError(get("/api/strategies/" + remote.id().hex() + "-999"), 404, "no strategy");
        assertError(get("/api/nothing"), 404, "no route /api/nothing");
        assertError(get("/api/searches/s1/extra"), 404, "no route");
    }

    @Test
    void wrongMethodsAre405WithAllow() throws Exception {
        HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/api/searches")).DELETE());
        assertError(delete, 405, "DELETE is not allowed on /api/searches");
        assertEquals("GET, POST", delete.headers().firstValue("Allow").orElseThrow());
        assertError(postJson("/api/status", "{}"), 405, "use GET");
        assertError(postJson("/api/events", "{}"), 405, "use GET");
    }

    @Test
    void bodiesAreBoundedAndTyped() throws Exception {
        server.close();
        server = start(WebConfig.of("127.0.0.1", 0, Optional.empty()).withBounds(1024, 4096));
        String big = "{\"dataset\": \"" + "x".repeat(2000) + "\"}";
        assertError(postJson("/api/searches", big), 413, "larger than 1024 bytes");
        assertError(post("/api/datasets?name=big", "text/csv", "y".repeat(5000), Optional.empty()), 413,
                "larger than 4096 bytes");
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(uri("/api/datasets?name=big"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[5000]))));
        assertError(chunked, 413, "larger than 4096 bytes");
        assertError(post("/api/searches", "text/plain", "{}", Optional.empty()), 415, "send one of application/json");
        assertError(post("/api/datasets?name=x", "image/png", "x", Optional.empty()), 415, "not accepted");
    }

    @Test
    void statusTellsTheClientWhetherItsChangesNeedTheTokenByTheGuardsOwnRule() throws Exception {
        JsonNode trusted = getJson("/api/status", 200).get("client");
        assertEquals("127.0.0.1", trusted.get("address").asText());
        assertFalse(trusted.get("changesNeedToken").asBoolean(), "loopback is trusted: " + trusted);

        server.close();
        server = start(WebConfig.of("127.0.0.1", 0, Optional.of("cluster-secret")).withTrustedSource(a -> false));
        JsonNode outsider = getJson("/api/status", 200).get("client");
        assertEquals("127.0.0.1", outsider.get("address").asText());
        assertTrue(outsider.get("changesNeedToken").asBoolean(), "a source nobody trusts: " + outsider);
        // and the guard agrees with what the status said
        assertError(post("/api/searches", "application/json", "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M + "\"}",
                Optional.empty()), 401, "need the cluster token");
    }

    @Test
    void changesFromAnotherMachineNeedTheClusterToken() throws Exception {
        server.close();
        server = start(WebConfig.of("127.0.0.1", 0, Optional.of("cluster-secret")).withTrustedSource(a -> false));
        String body = "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M + "\"}";
        HttpResponse<String> anonymous = post("/api/searches", "application/json", body, Optional.empty());
        assertError(anonymous, 401, "need the cluster token");
        assertEquals("Bearer", anonymous.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertError(post("/api/searches", "application/json", body, Optional.of("Bearer wrong")), 403, "token is wrong");
        assertError(post("/api/datasets?name=x", "text/csv", "x", Optional.of("Basic abc")), 401, "cluster token");
        assertEquals(200, get("/api/status").statusCode(), "reading needs no token");
        assertEquals(201, post("/api/searches", "application/json", body, Optional.of("Bearer cluster-secret"))
                .statusCode());

        server.close();
        server = start(WebConfig.of("127.0.0.1", 0, Optional.empty()).withTrustedSource(a -> false));
        assertError(post("/api/searches", "application/json", body, Optional.of("Bearer cluster-secret")), 403,
                "only from its own machine");
        assertEquals(2, searchCount(), "only the authorised search was added");
    }

    // ---- metrics and events ------------------------------------------------------------------

    @Test
    void metricsHaveJvmAppAndRejectionCounters() throws Exception {
        metrics.registry().gauge("sm.backtests.per.second", 1234.0);
        get("/api/nothing");
        HttpResponse<String> scrape = get("/metrics");
        assertEquals(200, scrape.statusCode());
        assertTrue(scrape.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        String text = scrape.body();
        assertTrue(text.contains("jvm_memory_used_bytes"), "JVM memory");
        assertTrue(text.contains("jvm_threads_live_threads"), "JVM threads");
        assertTrue(text.contains("sm_backtests_per_second 1234.0"), "the peer's gauge");
        assertTrue(text.contains("sm_web_rejected_requests_total{status=\"404\"} 1.0"), "rejections counted");
        assertTrue(text.contains("sm_web_sse_clients"), "event-stream clients");
    }

    @Test
    void theEventStreamDeliversEventsAppendedAfterSubscribing() throws Exception {
        try (EventReader events = EventReader.open(http, uri("/api/events"))) {
            waitFor(() -> server.eventClients() == 1);
            cluster.ledger.append(new LeaseGranted("s1", 1, remote.id(), 4, 1_800_000_000_000L, LeaseKind.SPECULATIVE,
                    null));
            assertEquals("lease_granted", events.next("event"));
            JsonNode data = json(events.next("data"));
            assertEquals("LEASE_GRANTED", data.get("type").asText());
            assertEquals("s1", data.get("searchId").asText());
            assertEquals("SPECULATIVE", data.get("kind").asText());
            assertEquals(remote.id().hex(), data.get("holder").asText());
            assertTrue(data.get("local").asBoolean());

            remote.publish(new VerificationReported(strategy, Sha256.of(new byte[]{1}), EngineVersion.CURRENT));
            assertEquals("verification_reported", events.next("event"));
            JsonNode verification = json(events.next("data"));
            assertEquals(strategy.toString(), verification.get("strategy").asText());
            assertFalse(verification.get("local").asBoolean());
        }
    }

    record Progress(String searchId, int unit, int generation) {
    }

    @Test
    void thePeerBroadcastsTransientEventsToTheStream() throws Exception {
        try (EventReader events = EventReader.open(http, uri("/api/events"))) {
            waitFor(() -> server.eventClients() == 1);
            server.broadcast("unit_progress", new Progress("s1", 1, 12));
            assertEquals("unit_progress", events.next("event"));
            JsonNode data = json(events.next("data"));
            assertEquals("s1", data.get("searchId").asText());
            assertEquals(12, data.get("generation").asInt());
        }
        assertThrows(IllegalArgumentException.class,
                () -> server.broadcast("Bad Type\n", new Progress("s1", 1, 1)));
    }

    @Test
    void anIdleEventStreamSendsHeartbeatsAndAGoneClientIsRemoved() throws Exception {
        server.close();
        server = start(WebConfig.of("127.0.0.1", 0, Optional.empty()).withEventStream(200, 16));
        try (EventReader events = EventReader.open(http, uri("/api/events"))) {
            assertEquals("", events.next(""), "a comment line");
            assertEquals(1, server.eventClients());
        }
        waitFor(() -> server.eventClients() == 0); // the next heartbeat finds the socket closed
        assertTrue(get("/metrics").body().contains("sm_web_sse_clients 0.0"));
    }

    @Test
    void aClientThatDoesNotReadLosesEventsInsteadOfSlowingTheLedger() throws Exception {
        server.close();
        server = start(WebConfig.of("127.0.0.1", 0, Optional.empty()).withEventStream(50_000, 4));
        try (java.net.Socket stalled = new java.net.Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(server.address(), (int) TIMEOUT.toMillis());
            stalled.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + server.address().getPort()
                    + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            waitFor(() -> server.eventClients() == 1);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int unit = 0;
            while (droppedEvents() == 0 && System.nanoTime() < deadline) {
                cluster.ledger.append(new LeaseGranted("s1", unit++ % 2, remote.id(), 5 + unit, 1_800_000_000_000L,
                        LeaseKind.SPECULATIVE, null));
            }
            assertTrue(droppedEvents() > 0, "after " + unit + " events the stalled client's queue overflowed");
            assertEquals(1, server.eventClients(), "the client is still connected");
        }
    }

    private double droppedEvents() {
        return metrics.registry().counter("sm.web.sse.dropped.events").count();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private int searchCount() {
        return cluster.ledger.read(state -> state.searches().size());
    }

    private static Path sharedData() {
        String configured = System.getProperty("sm.shared.data");
        return configured != null ? Path.of(configured) : Path.of("../../shared/data");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String contentType, String body, Optional<String> authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        authorization.ifPresent(a -> request.header("Authorization", a));
        return send(request);
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(path, "application/json", body, Optional.empty());
    }

    private JsonNode getJson(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        return json(response.body());
    }

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    private static void assertError(HttpResponse<String> response, int status, String fragment) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals(1, body.size(), "only an error message: " + body);
        String message = body.get("error").asText();
        assertTrue(message.contains(fragment), "'" + message + "' should contain '" + fragment + "'");
        assertFalse(message.contains("Exception") || message.contains("\tat "), "no stack trace: " + message);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.get(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no element with " + field + " = " + value + " in " + array);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    /** Reads a server-sent-event stream line by line on its own thread, so every read has a deadline. */
    private static final class EventReader implements AutoCloseable {
        private final InputStream body;
        private final java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        private final Thread reader;

        private EventReader(InputStream body) {
            this.body = body;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException closed) {
                    // the test closed the stream
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventReader open(HttpClient http, URI uri) throws Exception {
            HttpResponse<InputStream> response = http.sendAsync(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
            return new EventReader(response.body());
        }

        /**
         * The value of the next line of field {@code field} (the SSE spec: "name:value", one optional
         * space after the colon); the empty field name is a comment line.
         */
        String next(String field) throws InterruptedException {
            String prefix = field + ":";
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no line starting with '" + prefix + "' within " + TIMEOUT);
                }
                if (line.startsWith(prefix)) {
                    String value = line.substring(prefix.length());
                    return value.startsWith(" ") ? value.substring(1) : value;
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            body.close();
            try {
                reader.join(TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
