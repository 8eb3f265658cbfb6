package io.strategyminer.peer.runtime;

import io.strategyminer.miner.SearchSpec;
import io.strategyminer.peer.TestSearches;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static io.strategyminer.peer.runtime.RuntimeTestSupport.prometheusValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.SharedData;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real peer runtime (JGroups on loopback, RocksDB ledger, miner) serving its HTTP API on a free loopback
 * port, driven with the JDK {@link HttpClient}: what is POSTed reaches the ledger and the cluster mines it,
 * and the peer's metrics on {@code /metrics} move with the work.
 */
class HttpEndpointTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private Path root;
    private PeerRuntime runtime;
    private HttpEndpoint endpoint;

    @BeforeEach
    void startPeerWithHttp() throws IOException {
        root = Files.createTempDirectory("sm-http");
        int port = LoopbackTestSupport.freeBasePort();
        PeerSettings settings = new PeerSettings("http-peer", root.resolve("peer"), Optional.of(LoopbackTestSupport.LOOPBACK),
                port, List.of(new SeedAddress(LoopbackTestSupport.LOOPBACK.getHostAddress(), port)),
                ClusterSecret.generate(new SecureRandom()), 1, Duration.ofMillis(150), PeerRuntimeClusterTest.FAST,
                Optional.of(PeerRuntimeClusterTest.MACHINE));
        runtime = PeerRuntime.start(settings);
        endpoint = HttpEndpoint.start(runtime, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        RuntimeTestSupport.deleteTree(root);
    }

    @Test
    void statusShowsThePeerAndASearchPostedOverHttpBecomesCanonicalWithTheOneMachineDigest() throws Exception {
        String self = runtime.peerId().hex();
        JsonNode status = json.readTree(get("/api/status").body());
        assertEquals(self, status.get("self").get("id").asText());
        assertEquals("[\"" + self + "\"]", status.get("view").get("members").toString());
        assertEquals(self, status.get("coordinator").asText());

        HttpResponse<String> posted = post("/api/searches", "application/json", """
                {"dataset": "bundled-btcusd-5m", "population": 10, "generations": 3, "workUnits": 1, "quorum": 1,
                 "minTrades": 1, "seed": 20261125, "allowSameMachine": true}""".getBytes());
        assertEquals(201, posted.statusCode(), posted.body());
        String id = json.readTree(posted.body()).get("id").asText();
        assertTrue(id.matches("s-[0-9a-f]{12}"), id);
        assertEquals(Optional.of("/api/searches/" + id), posted.headers().firstValue("Location"));
        SearchSpec stored = runtime.read(state -> state.search(id).orElseThrow().spec());
        assertEquals(TestSearches.spec(BundledDatasets.btcUsd5m().id(), 10, 3, 1, 1, 20_261_125L).build(), stored,
                "the request as submitted to the ledger, with the objective the peer chose for a short range");

        String canonical = "/api/strategies?status=canonical&search=" + id;
        await(Duration.ofSeconds(40), "a canonical strategy of " + id + " over HTTP",
                () -> json(get(canonical)).get("strategies").size() == 1);
        JsonNode strategy = json(get(canonical)).get("strategies").get(0);
        assertEquals(PeerRuntimeClusterTest.oneMachineDigests(new SearchSubmitted(id, stored)).get(0).toString(), strategy.get("digest").asText(),
                "the digest of a one-machine run of the same unit");
        assertEquals(id, strategy.get("searchId").asText());
        assertEquals(0, strategy.get("unit").asInt());
        assertEquals(self, strategy.get("reporter").asText());
    }

    @Test
    void aBadDatasetIsRefusedAnUnpublishedLocalOneIsPublishedAndAnUploadIsStoredAndPublished() throws Exception {
        HttpResponse<String> refused = post("/api/searches", "application/json",
                "{\"dataset\": \"no-such-dataset\"}".getBytes());
        assertEquals(400, refused.statusCode());
        assertTrue(json.readTree(refused.body()).get("error").asText().contains("no-such-dataset"), refused.body());
        assertEquals(0, (int) runtime.read(state -> state.searches().size()), "a refused search changes nothing");

        // the bundled 1m candles are in the catalog but the runtime publishes only the 5m ones at start
        DatasetId oneMinute = BundledDatasets.btcUsd1m().id();
        assertTrue(!publishedHere(oneMinute), "not published before the search");
        HttpResponse<String> posted = post("/api/searches", "application/json", """
                {"dataset": "bundled-btcusd-1m", "population": 4, "generations": 1, "workUnits": 1, "quorum": 1}"""
                .getBytes());
        assertEquals(201, posted.statusCode(), posted.body());
        String id = json.readTree(posted.body()).get("id").asText();
        assertEquals(oneMinute, runtime.read(state -> state.search(id).orElseThrow().spec().dataset()));
        assertTrue(publishedHere(oneMinute), "published by this peer so that the others can fetch it");

        byte[] file = Files.readAllBytes(SharedData.file(SharedData.ETH_OHLC_JSON));
        HttpResponse<String> imported = post("/api/datasets?name=eth-march", "application/json", file);
        assertEquals(201, imported.statusCode(), imported.body());
        JsonNode info = json.readTree(imported.body());
        assertEquals("eth-march", info.get("name").asText());
        DatasetId uploaded = DatasetId.parse(info.get("id").asText());
        assertTrue(publishedHere(uploaded), "the upload is published");
        assertTrue(runtime.read(state -> state.dataset(uploaded).orElseThrow().description().chunks().size()) > 0, "with its chunks");
        JsonNode listed = json(get("/api/datasets")).get("datasets");
        boolean local = false;
        for (JsonNode dataset : listed) {
            local |= dataset.get("id").asText().equals(uploaded.hex()) && dataset.get("local").asBoolean();
        }
        assertTrue(local, "GET /api/datasets lists the upload as held here: " + listed);
    }

    @Test
    void theProgressOfRunningUnitsReachesTheEventStream() throws Exception {
        HttpResponse<InputStream> stream = client.sendAsync(HttpRequest.newBuilder(uri("/api/events")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        try (InputStream body = stream.body()) {
            // long enough (minutes of backtests on the 1m candles) to be running at the next progress reports
            HttpResponse<String> posted = post("/api/searches", "application/json", """
                    {"dataset": "bundled-btcusd-1m", "population": 100, "generations": 2000, "workUnits": 1,
                     "quorum": 1, "minTrades": 1}""".getBytes());
            assertEquals(201, posted.statusCode(), posted.body());
            String id = json.readTree(posted.body()).get("id").asText();
            CompletableFuture<JsonNode> report = CompletableFuture.supplyAsync(() -> firstProgressOf(id, body));
            // closing the body (try-with-resources) ends the reader if the deadline passes first
            JsonNode unit = report.get(30, TimeUnit.SECONDS);
            assertEquals(runtime.peerId().hex(), unit.get("peer").asText());
            assertEquals(0, unit.get("unit").asInt());
            assertEquals(2000, unit.get("generations").asInt());
            assertTrue(unit.get("generation").asInt() < 2000, unit.toString());
        }
    }

    @Test
    void thePeersMetricsMoveWhenItWorks() throws Exception {
        // PeerMetrics on /metrics: zero before any work; after a search backtests, leases, events and size moved
        String idle = scrape();
        assertEquals(0.0, prometheusValue(idle, "sm_backtests_total"));
        assertEquals(0.0, prometheusValue(idle, "sm_leases_granted_total\\{kind=\"work\"\\}"));
        assertEquals(0.0, prometheusValue(idle, "sm_ledger_events_rejected_total\\{reason=\"bad_signature\"\\}"));
        assertEquals(0.0, prometheusValue(idle, "sm_sync_sessions_total\\{role=\"client\"\\}"), "no one to sync with");
        assertEquals(0.0, prometheusValue(idle, "sm_sync_bytes_sent_total\\{role=\"client\"\\}"));
        assertEquals(runtime.announcedBacktestsPerSecond(), prometheusValue(idle, "sm_backtests_announced_per_second"));
        assertTrue(runtime.announcedBacktestsPerSecond() > 0, "calibrated at start");
        double eventsBefore = prometheusValue(idle, "sm_ledger_events");

        SearchSubmitted search = TestSearches.search("metrics-test", BundledDatasets.btcUsd5m().id(), 8, 3, 2, 1, 7L);
        runtime.submit(search);
        await(Duration.ofSeconds(60), "search " + search.searchId() + " done", () -> runtime.read(state ->
                state.search(search.searchId()).map(s -> s.status() == SearchStatus.DONE).orElse(false)));

        String busy = scrape();
        assertEquals(runtime.backtestsRun(), prometheusValue(busy, "sm_backtests_total"));
        assertTrue(runtime.backtestsRun() >= 8, "at least the initial population of one unit: " + runtime.backtestsRun());
        assertTrue(prometheusValue(busy, "sm_leases_granted_total\\{kind=\"work\"\\}") >= 2, "a lease per unit");
        double stored = prometheusValue(busy, "sm_ledger_events");
        assertEquals(runtime.ledger().stats().events(), (long) stored);
        assertTrue(stored > eventsBefore, "the search's events are stored");
        assertTrue(prometheusValue(busy, "sm_ledger_events_applied_total\\{origin=\"local\"\\}") >= stored - eventsBefore,
                "every event of the search was appended here");
        assertTrue(prometheusValue(busy, "sm_ledger_size_bytes") > 0);
        assertEquals(1.0, prometheusValue(busy, "sm_peers_in_view"));
        assertEquals(1.0, prometheusValue(busy, "sm_peers_known"));
        assertEquals(0.0, prometheusValue(busy, "sm_ledger_received_bytes_total"), "nothing came from another peer");
    }

    private String scrape() {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** Reads the event stream until a {@code unit_progress} event lists a unit of {@code searchId}. */
    private JsonNode firstProgressOf(String searchId, InputStream body) {
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            boolean progressEvent = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    progressEvent = line.equals("event:" + HttpEndpoint.PROGRESS_EVENT);
                } else if (progressEvent && line.startsWith("data:")) {
                    for (JsonNode unit : json.readTree(line.substring("data:".length())).get("units")) {
                        if (unit.get("searchId").asText().equals(searchId)) {
                            return unit;
                        }
                    }
                }
            }
            throw new AssertionError("the event stream ended before progress of " + searchId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean publishedHere(DatasetId id) {
        return runtime.read(state -> state.dataset(id).map(view -> view.publishers().contains(runtime.peerId()))
                .orElse(false));
    }

    private HttpResponse<String> get(String path) {
        return LoopbackTestSupport.send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).GET().build());
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) {
        return LoopbackTestSupport.send(HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private JsonNode json(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
    }

}
