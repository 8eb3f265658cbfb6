package io.strategyminer.peer.cli;

import io.strategyminer.miner.SearchSpec;
import io.strategyminer.peer.TestSearches;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.SharedData;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.PeerRuntime;
import io.strategyminer.peer.runtime.RuntimeTestSupport;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code submit}, {@code status} and {@code results} against a real cluster: two peer runtimes in this JVM (real
 * JGroups on loopback, RocksDB ledgers, sync, miner), each serving its real HTTP API on a free port. What the
 * commands print is checked against the ledgers and against a one-machine run of the same work units.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ApiCommandsTest {
    private static final Pattern SUBMITTED = Pattern.compile("(?m)^Submitted search (s-[0-9a-f]{12}) to (\\S+): ");
    private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(90);
    private final ObjectMapper json = new ObjectMapper();
    private final List<PeerRuntime> peers = new ArrayList<>();
    private final List<HttpEndpoint> endpoints = new ArrayList<>();
    private List<Integer> ports;
    private ClusterSecret secret;
    private Path root;

    @BeforeAll
    void startTwoPeersWithHttp() throws IOException {
        root = Files.createTempDirectory("sm-cli-api");
        secret = ClusterSecret.generate(new SecureRandom());
        ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort());
        for (int i = 0; i < ports.size(); i++) {
            String name = "cli-" + i;
            PeerRuntime peer = PeerRuntime.start(RuntimeTestSupport.loopbackPeer(name, root.resolve(name), ports.get(i),
                    ports, secret));
            peers.add(peer);
            endpoints.add(HttpEndpoint.start(peer, "127.0.0.1", 0));
        }
        RuntimeTestSupport.awaitOneView(peers);
    }

    @AfterAll
    void stopPeers() {
        RuntimeTestSupport.stopAll(endpoints, peers, root);
    }

    private String url(int peer) {
        return "http://127.0.0.1:" + endpoints.get(peer).address().getPort();
    }

    @Test
    void submitFollowShowsTheSearchLiveThenItsCanonicalStrategiesWithTheOneMachineDigests() {
        CliRun run = new CliRun();
        int exit = run.execute("submit", "--peer", url(1), "--population", "12", "--generations", "4", "--work-units",
                "2", "--quorum", "2", "--seed", "20261125", "--min-trades", "1", "--allow-same-machine", "--follow");

        assertEquals(0, exit, run::err);
        String out = run.out();
        Matcher submitted = SUBMITTED.matcher(out);
        assertTrue(submitted.find(), out);
        String id = submitted.group(1);
        assertEquals(url(1), submitted.group(2));
        SearchSpec spec = peers.get(1).read(state -> state.search(id).orElseThrow().spec());
        assertEquals(TestSearches.spec(BundledDatasets.btcUsd5m().id(), 12, 4, 2, 2, 20_261_125L).build(), spec,
                "what the peer stored is what was asked, with the objective it chose for a short range");
        assertEquals(SearchStatus.DONE, peers.get(1).read(state -> state.search(id).orElseThrow().status()),
                "--follow returns only once the search is done");
        // the milestones, in the order they happen per unit
        for (int unit = 0; unit < 2; unit++) {
            int leased = out.indexOf("unit " + unit + ": leased to cli-");
            int reported = out.indexOf("unit " + unit + ": cli-");
            int canonical = out.indexOf("unit " + unit + ": strategy ");
            assertTrue(leased >= 0 && reported > leased && canonical > reported, "unit " + unit + " milestones in\n" + out);
        }
        assertTrue(out.contains("search " + id + ": DONE, 2/2 units done"), out);
        assertTrue(out.contains("\nCanonical strategies, best first: 2\n"), out);
        assertTrue(out.contains("(2 peers; reported by cli-"), "both peers support each strategy:\n" + out);
        assertEquals(RuntimeTestSupport.oneMachineDigests(new SearchSubmitted(id, spec)), PrintedStrategies.digestsByUnit(out, id, 2),
                "the printed digests are those of a one-machine run of the same units");
    }

    @Test
    void submitJsonUploadsTheCsvFirstAndFollowsTheSearchOnItToTheEnd() throws IOException {
        Path csv = SharedData.file(SharedData.BTC_2011_CSV);
        CliRun run = new CliRun();
        int exit = run.execute("submit", "--peer", url(0), "--csv", csv.toString(), "--population", "10",
                "--generations", "2", "--work-units", "1", "--seed", "5", "--min-trades", "1", "--allow-same-machine",
                "--follow", "--json");

        assertEquals(0, exit, run::err);
        JsonNode root = json.readTree(run.out()); // stdout is nothing but the JSON document
        assertEquals(url(0), root.get("peer").asText());
        JsonNode dataset = root.get("dataset");
        assertEquals("btcusd-bitstamp-5m-2011", dataset.get("name").asText(), "one naming rule: the file name"
                + " without its extension, as `peer data import` names it");
        assertEquals(39_017, dataset.get("candles").asInt());
        DatasetId uploaded = DatasetId.parse(dataset.get("id").asText());
        boolean published = peers.get(0).read(state -> state.dataset(uploaded).isPresent());
        assertTrue(published, "the upload is published");

        JsonNode search = root.get("search");
        String id = search.get("id").asText();
        assertEquals("DONE", search.get("status").asText());
        assertEquals(uploaded.hex(), search.get("parameters").get("dataset").asText(), "the search runs on the upload");
        assertEquals(5, search.get("parameters").get("seed").asLong());
        assertEquals(1, search.get("units").size());
        JsonNode strategies = root.get("strategies");
        assertEquals(1, strategies.size());
        JsonNode strategy = strategies.get(0);
        assertEquals(id, strategy.get("searchId").asText());
        assertEquals("CANONICAL", strategy.get("status").asText());
        assertEquals(search.get("units").get(0).get("canonical").asText(), strategy.get("id").asText());
        for (String field : List.of("rules", "digest", "inSample", "outOfSample", "supportingPeers")) {
            assertTrue(strategy.has(field), field + " in " + strategy);
        }
        assertTrue(run.err().contains("unit 0: strategy " + strategy.get("id").asText() + " is canonical"),
                "with --json the milestones go to stderr: " + run.err());
    }

    @Test
    void submitNamesADatasetThatOnlyAnotherPeerHolds() throws IOException {
        Dataset eth = CandleImporter.importFile(SharedData.file(SharedData.ETH_OHLC_JSON),
                ImportOptions.auto()).toDataset("eth-held-by-cli-0", null);
        peers.get(0).publish(eth, "test");
        await(Duration.ofSeconds(20), "cli-1 knows the publication",
                () -> peers.get(1).read(state -> state.dataset(eth.id()).isPresent()));
        assertTrue(new DatasetStore(root.resolve("cli-1")).info(eth.id()).isEmpty(), "cli-1 does not hold it");

        CliRun run = new CliRun();
        int exit = run.execute("submit", "--peer", url(1), "--dataset", "eth-held-by-cli-0", "--population", "10",
                "--generations", "2", "--work-units", "2", "--quorum", "1", "--seed", "11", "--min-trades", "1",
                "--follow", "--json");

        assertEquals(0, exit, run::err);
        JsonNode search = json.readTree(run.out()).get("search");
        assertEquals(eth.id().hex(), search.get("parameters").get("dataset").asText(), "the search runs on it");
        assertEquals("DONE", search.get("status").asText());
        assertEquals(2, json.readTree(run.out()).get("strategies").size());
    }

    @Test
    void statusShowsTheViewItsCoordinatorAndEveryPeerAsTextAndJson() throws IOException {
        CliRun text = new CliRun();
        assertEquals(0, text.execute("status", "--peer", url(1)), text::err);
        String out = text.out();
        String coordinator = peers.get(0).peerId().hex();
        assertTrue(out.startsWith("Peer cli-1 (" + peers.get(1).peerId().hex().substring(0, 8) + ") at " + url(1) + "\n"), out);
        assertTrue(out.contains(": 2 member(s), coordinator cli-0 (" + coordinator.substring(0, 8) + "); 2 peer(s) known"),
                out);
        assertTrue(out.contains("Throughput: 2 cores, "), out);
        assertTrue(Pattern.compile("(?m)^  cli-0 +" + coordinator.substring(0, 8) + " +coordinator ").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^  cli-1 +\\S+ +this peer ").matcher(out).find(), out);
        assertTrue(out.contains("\nWork: searches "), out);

        CliRun asJson = new CliRun();
        assertEquals(0, asJson.execute("status", "--peer", url(1), "--json"), asJson::err);
        JsonNode root = json.readTree(asJson.out());
        assertEquals(url(1), root.get("peer").asText());
        assertEquals(peers.get(1).peerId().hex(), root.get("status").get("self").get("id").asText());
        assertEquals(coordinator, root.get("status").get("coordinator").asText());
        assertEquals(2, root.get("status").get("view").get("members").size());
        assertEquals(2, root.get("peers").size());
        assertTrue(root.get("searches").isArray());
    }

    @Test
    void resultsListsTheCanonicalStrategiesBestFirstAsTextAndJson() throws IOException {
        SearchSubmitted search = TestSearches.search("cli-results", BundledDatasets.btcUsd5m().id(), 12, 4, 3, 2, 99L);
        peers.get(0).submit(search);
        await(SEARCH_TIMEOUT, "the search is done on both peers", () -> peers.stream().allMatch(p -> p.read(
                state -> state.search(search.searchId()).map(s -> s.status() == SearchStatus.DONE).orElse(false))));

        CliRun text = new CliRun();
        assertEquals(0, text.execute("results", "--peer", url(1), "--search", search.searchId()), text::err);
        String out = text.out();
        assertTrue(out.contains("Search cli-results: DONE, 3/3 units done; BTC-USD 5m (bundled-btcusd-5m), population"
                + " 12 × 4 generations"), out);
        assertTrue(out.contains("in-sample  buy and hold  holdout  buy and hold"), out);
        assertTrue(out.contains("\n    net PnL "), out);
        assertTrue(out.contains("in-sample significance: n/a (the in-sample range has"), out);
        assertEquals(RuntimeTestSupport.oneMachineDigests(search), PrintedStrategies.digestsByUnit(out, "cli-results", 3));
        assertTrue(PrintedStrategies.in(out).stream().allMatch(p -> p.status().equals("CANONICAL")), out);
        // each strategy's robustness: Monte Carlo percentiles, neighbours, the p-value against random entries
        assertEquals(3, out.split("robustness on the in-sample range \\(seed [0-9a-f]{16}\\), Monte Carlo over its",
                -1).length - 1, out);
        assertTrue(out.contains("return %, trades bootstrapped") && out.contains("max drawdown %, reshuffled"), out);
        assertTrue(out.matches("(?s).*neighbours on the gene grid: \\d+, \\d+ % profitable, median Sharpe n/a.*"), out);
        assertTrue(out.matches("(?s).*random entries: p-value (0|1)\\.\\d{4} \\(.*"), out);

        CliRun all = new CliRun();
        assertEquals(0, all.execute("results", "--peer", url(0), "--json"), all::err);
        JsonNode strategies = json.readTree(all.out()).get("strategies");
        assertTrue(strategies.size() >= 3, all.out());
        StrategyId previous = null;
        for (JsonNode strategy : strategies) {
            assertEquals("CANONICAL", strategy.get("status").asText());
            // the bundled week has no daily statistics: no deflated Sharpe ratio, so the ledger's order (by id:
            // reporter, then sequence as a number)
            assertTrue(strategy.at("/significance/deflatedSharpe").isNull(), all.out());
            StrategyId id = StrategyId.parse(strategy.get("id").asText());
            assertTrue(previous == null || id.compareTo(previous) > 0, "undefined figures keep the id order");
            previous = id;
            assertTrue(strategy.at("/buyAndHold/outOfSample/returnPct").isNumber(), "buy-and-hold beside it");
            JsonNode robustness = json.readTree(LoopbackTestSupport.get(url(0) + "/api/strategies/"
                    + strategy.get("id").asText() + "/robustness", Duration.ofSeconds(30)).body()).get("robustness");
            assertEquals(robustness, strategy.get("robustness"), "the peer's robustness figures, as they are");
            double p = strategy.at("/robustness/randomEntries/pValue").asDouble();
            assertTrue(p > 0 && p <= 1, all.out());
        }

        CliRun limited = new CliRun();
        assertEquals(0, limited.execute("results", "--peer", url(0), "--search", "cli-results", "--limit", "1",
                "--json"), limited::err);
        JsonNode one = json.readTree(limited.out());
        assertEquals("cli-results", one.get("search").get("id").asText());
        assertEquals(1, one.get("strategies").size());
        assertEquals(PrintedStrategies.in(out).get(0).id(), one.get("strategies").get(0).get("id").asText(),
                "--limit 1 keeps the search's best strategy, the one printed first");
        CliRun limitedText = new CliRun();
        assertEquals(0, limitedText.execute("results", "--peer", url(0), "--search", "cli-results", "--limit", "1"),
                limitedText::err);
        assertTrue(limitedText.out().contains("Canonical strategies, best first: 1 of 3"), limitedText.out());
    }

    @Test
    void anUnreachablePeerIsOneLineNamingTheUrlAndExitCode2() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            port = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        String nowhere = "http://127.0.0.1:" + port;
        for (String[] args : List.of(new String[] {"status", "--peer", nowhere},
                new String[] {"results", "--peer", nowhere}, new String[] {"submit", "--peer", nowhere})) {
            CliRun run = new CliRun();
            assertEquals(2, run.execute(args), String.join(" ", args) + ": " + run.err());
            String err = run.err().strip();
            assertFalse(err.contains("\n"), "one line: " + err);
            assertTrue(err.startsWith("error: cannot reach the peer at " + nowhere + " ("), err);
            assertTrue(err.contains("Is `peer start` running there, and is --peer its --http address?"), err);
            assertEquals("", run.out());
        }
        CliRun badUrl = new CliRun();
        assertEquals(2, badUrl.execute("status", "--peer", "ftp://127.0.0.1:8080"));
        assertTrue(badUrl.err().contains("expected an http URL such as http://127.0.0.1:8080"), badUrl.err());
    }

    @Test
    void aWalkForwardIsSubmittedMinedWindowByWindowAndResultsShowItsWindowsAndStitchedRecord() throws IOException {
        CliRun submit = new CliRun();
        assertEquals(0, submit.execute("submit", "--peer", url(1), "--walk-forward", "2", "--anchored", "--population",
                "12", "--generations", "4", "--quorum", "2", "--seed", "20261202", "--min-trades", "1",
                "--allow-same-machine", "--follow"), submit::err);
        Matcher submitted = SUBMITTED.matcher(submit.out());
        assertTrue(submitted.find(), submit.out());
        String id = submitted.group(1);
        SearchSpec spec = peers.get(1).read(state -> state.search(id).orElseThrow().spec());
        assertEquals(List.of(2, 2), List.of(spec.walkForward(), spec.workUnits()), "one unit per window by default");
        assertTrue(spec.anchored());
        assertTrue(submit.out().contains("split 70 % in each of 2 anchored walk-forward windows"), submit.out());
        assertTrue(submit.out().contains(", window 1 of 2 (anchored, 70 %), CANONICAL)"), submit.out());
        assertTrue(submit.out().matches("(?s).*training +buy and hold +test +buy and hold\n.*"), submit.out());

        CliRun text = new CliRun();
        assertEquals(0, text.execute("results", "--peer", url(0), "--search", id), text::err);
        String out = text.out();
        assertTrue(out.contains("Walk-forward: 2 anchored windows, each mined on 70 % of its length; 2 of 2 finished"),
                out);
        assertTrue(out.contains("  window 1 (units 0): done, trained 2013-11-25 00:00 – "), out);
        assertTrue(out.contains("  window 2 (units 1): done, trained 2013-11-25 00:00 – "), "anchored:\n" + out);
        assertTrue(out.contains("Stitched out-of-sample record, ") && out.contains("stitched test segments  buy and hold"),
                out);

        CliRun asJson = new CliRun();
        assertEquals(0, asJson.execute("results", "--peer", url(0), "--search", id, "--json"), asJson::err);
        JsonNode walkForward = json.readTree(asJson.out()).get("walkForward");
        JsonNode other = json.readTree(LoopbackTestSupport.get(url(1) + "/api/searches/" + id
                + "/walk-forward?points=2", Duration.ofSeconds(30)).body());
        assertEquals(other, walkForward, "both peers give the same windows and stitched record");
        double growth = 1;
        for (JsonNode window : walkForward.get("windowList")) {
            assertEquals("DONE", window.get("status").asText());
            growth *= 1 + window.at("/outOfSample/returnPct").asDouble() / 100;
        }
        assertEquals(growth, 1 + walkForward.at("/stitched/metrics/returnPct").asDouble() / 100, 1e-9,
                "the stitched return compounds the windows' test returns");
    }

    @Test
    void aRefusalShowsThePeersMessageExitsWith2AndChangesNothing() {
        int searches = peers.get(0).read(state -> state.searches().size());
        CliRun unknownDataset = new CliRun();
        assertEquals(2, unknownDataset.execute("submit", "--peer", url(0), "--dataset", "no-such-dataset"));
        String err = unknownDataset.err().strip();
        assertTrue(err.startsWith("error: ") && err.contains("no dataset 'no-such-dataset' on this peer or published"
                + " by another peer of the cluster")
                && err.endsWith("(HTTP 400 from POST /api/searches on " + url(0) + ")"), err);

        CliRun unknownSearch = new CliRun();
        assertEquals(2, unknownSearch.execute("results", "--peer", url(0), "--search", "s-000000000000"));
        assertTrue(unknownSearch.err().contains("no search 's-000000000000'")
                && unknownSearch.err().contains("HTTP 404"), unknownSearch.err());

        CliRun outOfRange = new CliRun(); // the one table of limits, checked by the peer: a 400 naming the field
        assertEquals(2, outOfRange.execute("submit", "--peer", url(0), "--population", "1"));
        assertTrue(outOfRange.err().contains("population: 1 is outside 4–10,000"), outOfRange.err());

        CliRun uneven = new CliRun(); // windows that cannot share the units evenly
        assertEquals(2, uneven.execute("submit", "--peer", url(0), "--walk-forward", "3", "--work-units", "4"));
        assertTrue(uneven.err().contains("workUnits: 4 work units do not divide among 3 walk-forward windows; use a"
                + " multiple of 3"), uneven.err());

        assertEquals(searches, (int) peers.get(0).read(state -> state.searches().size()), "no search was added");
    }

    @Test
    void followingCarriesOnWhenThePeersHttpApiRestarts() throws Exception {
        CliRun run = new CliRun();
        CompletableFuture<Integer> following = CompletableFuture.supplyAsync(() -> run.execute("submit", "--peer",
                url(1), "--dataset", "bundled-btcusd-1m", "--population", "40", "--generations", "100", "--work-units",
                "1", "--quorum", "1",
                "--min-trades", "1", "--allow-same-machine", "--follow"));
        await(Duration.ofSeconds(30), "the search is submitted and being followed",
                () -> run.out().contains("Submitted search ") || following.isDone());

        int port = endpoints.get(1).address().getPort();
        endpoints.get(1).close();
        await(Duration.ofSeconds(30), "the follower notices the peer is gone",
                () -> run.out().contains("cannot reach the peer at " + url(1)) || following.isDone());
        endpoints.set(1, HttpEndpoint.start(peers.get(1), "127.0.0.1", port));

        assertEquals(0, following.get(SEARCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS), run::err);
        String out = run.out();
        assertTrue(out.contains("Still trying (Ctrl-C stops following; the search goes on)."), out);
        assertTrue(out.contains("in contact with " + url(1) + " again"), out);
        assertTrue(out.contains("\nCanonical strategies, best first: 1\n"), out);
    }

    @Test
    void theEventFeedParsesLedgerEventsWithTheirIdsAndTransientViewEvents() throws Exception {
        try (EventFeed feed = EventFeed.open(PeerApi.at(url(0), Optional.empty()))) {
            await(Duration.ofSeconds(10), "the feed is connected", () -> feed.connections() == 1);
            // A third peer joining changes the view (a transient event, pushed at once) and appends its
            // announcement (a ledger event, with its id); neither depends on how fast anything runs.
            int port = LoopbackTestSupport.freeBasePort();
            List<Integer> seeds = new ArrayList<>(ports);
            seeds.add(port);
            try (PeerRuntime third = PeerRuntime.start(RuntimeTestSupport.loopbackPeer("cli-2", root.resolve("cli-2"),
                    port, seeds, secret))) {
                // (the feed may first see the view of two: an endpoint sends the view it finds at its first check)
                String thirdId = third.peerId().hex();
                Map<String, EventFeed.ServerEvent> seen = firstOfEach(feed, Set.of(HttpEndpoint.VIEW_EVENT,
                        "peer_announced"), e -> e.type().equals("peer_announced") ? e.id().orElse("").startsWith(thirdId)
                        : e.data().get("members").toString().contains(thirdId));
                EventFeed.ServerEvent view = seen.get(HttpEndpoint.VIEW_EVENT);
                assertTrue(view.id().isEmpty(), "a view change is transient: no ledger id");
                assertEquals(3, view.data().get("members").size(), view.toString());
                EventFeed.ServerEvent announced = seen.get("peer_announced");
                assertEquals(thirdId + "-1", announced.id().orElseThrow(), announced.toString());
                assertEquals(thirdId, announced.data().get("origin").asText(), announced.toString());
            }
            await(Duration.ofSeconds(30), "the third peer left the view",
                    () -> peers.stream().allMatch(p -> p.view().size() == 2));
        }
    }

    /** The first event of each type in {@code types} that {@code wanted} accepts, in whatever order they come, within 30 s. */
    private static Map<String, EventFeed.ServerEvent> firstOfEach(EventFeed feed, Set<String> types,
                                                                 Predicate<EventFeed.ServerEvent> wanted)
            throws InterruptedException {
        Map<String, EventFeed.ServerEvent> seen = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.size() < types.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within 30 s saw only " + seen.keySet() + " of " + types);
            }
            feed.poll(Duration.ofMillis(200))
                    .filter(e -> types.contains(e.type()) && wanted.test(e))
                    .ifPresent(e -> seen.putIfAbsent(e.type(), e));
        }
        return seen;
    }
}
