package io.strategyminer.peer.runtime;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.ledger.state.UnitStatus;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.TestSearches;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk turns a peer unhealthy: three real runtimes on loopback, the first (the coordinator) with a
 * free-space reading the test sets, so a full disk is simulated deterministically. Below its reserve it says so in
 * {@code /api/status} and {@code /api/peers}, refuses changes with 503, leaves the view and appends nothing more:
 * the others re-issue the unit it held and coordinate without it. Once space returns it joins again, catches up, and
 * the search finishes everywhere; its ledger reopens intact.
 */
class DiskHealthTest {
    private static final long MIB = 1L << 20;
    private static final Duration CHECK = Duration.ofMillis(200);

    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private final AtomicLong free = new AtomicLong(1L << 40);
    private final List<PeerRuntime> peers = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private HttpEndpoint http;
    private Path root;

    @BeforeEach
    void startThreePeers() throws IOException {
        root = Files.createTempDirectory("sm-disk-health");
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        for (int i = 0; i < ports.size(); i++) {
            PeerSettings settings = RuntimeTestSupport.loopbackPeer("peer-" + i, root.resolve("peer-" + i),
                    ports.get(i), ports, secret);
            if (i == 0) {
                settings = settings.withDisk(new DiskPolicy(256 * MIB, CHECK, dir -> free.get()));
            }
            peers.add(PeerRuntime.start(settings));
        }
        http = HttpEndpoint.start(peers.get(0), "127.0.0.1", 0);
        await(Duration.ofSeconds(20), "every peer knows every announcement",
                () -> peers.stream().allMatch(p -> p.view().size() == 3 && p.read(s -> s.peers().size()) == 3));
    }

    @AfterEach
    void stopAll() {
        if (http != null) {
            http.close();
        }
        peers.forEach(PeerRuntime::close);
        RuntimeTestSupport.deleteTree(root);
    }

    @Test
    void aFullDiskStopsWorkHandsItsUnitOverAndTheRecoveredPeerCatchesUp() throws IOException {
        PeerRuntime full = peers.get(0);
        PeerId fullId = full.peerId();
        List<PeerRuntime> others = peers.subList(1, 3);
        assertTrue(full.isCoordinator());
        assertTrue(json(get("/api/status")).get("health").get("ok").asBoolean());
        // three units, one slot each: units long enough that the coordinator is caught holding one
        SearchSubmitted search = TestSearches.search("disk-full", BundledDatasets.btcUsd5m().id(), 30, 300, 3, 2, 11L);
        others.get(1).submit(search);
        await(Duration.ofSeconds(30), "the coordinator runs a unit of the search",
                () -> heldBy(full, search, fullId).isPresent());
        int unit = heldBy(full, search, fullId).orElseThrow();

        free.set(12 * MIB);
        await(Duration.ofSeconds(10), "the peer turns unhealthy", () -> !full.health().ok());
        String problem = full.health().problem().orElseThrow();
        assertTrue(problem.contains("12 MiB free") && problem.contains("256 MiB")
                && problem.contains(full.settings().dataDir().toString()), problem);

        JsonNode status = json(get("/api/status"));
        assertFalse(status.get("health").get("ok").asBoolean());
        assertEquals(problem, status.get("health").get("problem").asText());
        assertEquals(full.health().sinceMillis(), status.get("health").get("since").asLong());
        JsonNode self = findSelf(json(get("/api/peers")).get("peers"));
        assertFalse(self.get("health").get("ok").asBoolean());
        HttpResponse<String> refused = post("/api/searches", """
                {"dataset": "bundled-btcusd-5m", "population": 10, "generations": 3, "workUnits": 1, "quorum": 1,
                 "minTrades": 1, "seed": 5, "allowSameMachine": true}""");
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("12 MiB free"), refused.body());

        await(Duration.ofSeconds(20), "the others install a view without it, the next oldest coordinating",
                () -> others.stream().allMatch(p -> p.view().size() == 2) && others.get(0).isCoordinator());
        long ownEvents = full.ledger().versionVector().get(fullId);
        await(Duration.ofSeconds(120), "its unit is leased to another peer", () -> others.get(0).read(state ->
                state.unit(search.searchId(), unit).flatMap(UnitView::currentLease)
                        .map(lease -> !lease.lease().holder().equals(fullId)).orElse(false)));
        assertEquals(ownEvents, full.ledger().versionVector().get(fullId), "an unhealthy peer appends nothing");

        free.set(1L << 40);
        await(Duration.ofSeconds(20), "the peer is healthy and in the view again",
                () -> full.health().ok() && peers.stream().allMatch(p -> viewSize(p) == 3));
        assertTrue(json(get("/api/status")).get("health").get("ok").asBoolean());
        await(Duration.ofSeconds(180), "the search is done on every peer, the recovered one included",
                () -> peers.stream().allMatch(p -> p.read(state -> state.search(search.searchId())
                        .map(s -> s.status() == SearchStatus.DONE).orElse(false))));

        Path dataDir = full.settings().dataDir();
        full.close();
        try (Ledger reopened = Ledger.open(dataDir.resolve("ledger"),
                PeerIdentity.load(dataDir.resolve(PeerIdentity.FILE_NAME)))) {
            assertTrue(reopened.versionVector().get(fullId) >= ownEvents, "its ledger reopens and verifies");
        }
    }

    /** The size of the view {@code peer} installed, 0 while it is out of the cluster. */
    private static int viewSize(PeerRuntime peer) {
        try {
            return peer.view().size();
        } catch (IllegalStateException notConnected) {
            return 0;
        }
    }

    /** The unit of {@code search} LEASED to {@code holder}, as {@code peer} sees it. */
    private static Optional<Integer> heldBy(PeerRuntime peer, SearchSubmitted search, PeerId holder) {
        return peer.read(state -> state.search(search.searchId()).flatMap(s -> s.units().stream()
                .filter(u -> u.status() == UnitStatus.LEASED && u.currentLease()
                        .map(l -> l.lease().holder().equals(holder)).orElse(false))
                .map(UnitView::unit).findFirst()));
    }

    private JsonNode findSelf(JsonNode peerList) {
        for (JsonNode peer : peerList) {
            if (peer.get("self").asBoolean()) {
                return peer;
            }
        }
        throw new AssertionError("no self in " + peerList);
    }

    private HttpResponse<String> get(String path) {
        return LoopbackTestSupport.get(uri(path), Duration.ofSeconds(10));
    }

    private HttpResponse<String> post(String path, String body) {
        return LoopbackTestSupport.send(HttpRequest.newBuilder(URI.create(uri(path))).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String uri(String path) {
        return "http://127.0.0.1:" + http.address().getPort() + path;
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }
}
