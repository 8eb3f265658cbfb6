package io.strategyminer.peer.cli;

import io.strategyminer.peer.TestSearches;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.runtime.ChildJvm;
import io.strategyminer.peer.runtime.RuntimeTestSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peer demo} for real: three peer runtimes, a search through the HTTP API, its canonical strategies, and
 * nothing left behind. In this JVM (the digests printed equal a one-machine run; ports, threads and the temporary
 * data dir are released) and as its own process with {@code --keep-running} until SIGTERM (what Ctrl-C sends).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DemoCommandTest {
    private static final Pattern PEER = Pattern.compile(
            "(?m)^  (demo-\\d)  id ([0-9a-f]{8})  cluster port (\\d+) \\(sync (\\d+)\\)  http://127\\.0\\.0\\.1:(\\d+)/  ");
    private static final Pattern SEARCH = Pattern.compile("(?m)^Search (s-[0-9a-f]{12}): ");
    private static final Pattern DATA_DIR = Pattern.compile("(?m)^Data dirs in (\\S+) \\(deleted at the end\\)$");
    /**
     * Threads a peer runtime (consensus, worker slots, gossip, Netty sync, JGroups: named after the cluster), its
     * HTTP endpoint (Undertow's XNIO) or the demo start: none may outlive the demo.
     */
    private static final Pattern PEER_THREAD = Pattern.compile(
            "consensus|worker-slot-\\d+|http-progress|live-gossip-sender|event-feed|demo-shutdown|sync-.*|XNIO-.*"
                    + "|.*,strategy-miner,.*");

    @TempDir
    Path dir;

    @Test
    void threePeersMineTheOneMachineDigestsAndEverythingIsReleasedAtTheEnd() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        CliRun run = new CliRun();
        int exit = run.execute("demo", "--base-port", String.valueOf(LoopbackTestSupport.freeBasePort()),
                "--http-port", "0", "--population", "12", "--generations", "4", "--work-units", "3", "--seed", "77");

        assertEquals(0, exit, run::err);
        String out = run.out();
        List<Integer> ports = new ArrayList<>();
        Matcher peer = PEER.matcher(out);
        int peers = 0;
        while (peer.find()) {
            peers++;
            assertEquals("demo-" + peers, peer.group(1));
            int cluster = Integer.parseInt(peer.group(3));
            assertEquals(cluster + 1, Integer.parseInt(peer.group(4)));
            ports.addAll(List.of(cluster, cluster + 1, cluster + 2, Integer.parseInt(peer.group(5))));
        }
        assertEquals(3, peers, out);
        assertTrue(out.contains("Cluster formed: 3 peers in one view, coordinator demo-1"), out);

        Matcher search = SEARCH.matcher(out);
        assertTrue(search.find(), out);
        String id = search.group(1);
        SearchSubmitted submitted = new SearchSubmitted(id, TestSearches.spec(BundledDatasets.btcUsd5m().id(), 12, 4, 3,
                2, 77L).minTrades(10).build());
        assertTrue(out.contains("search " + id + ": DONE, 3/3 units done"), out);
        assertTrue(out.contains("\nCanonical strategies, best first: 3\n"), out);
        assertEquals(RuntimeTestSupport.oneMachineDigests(submitted), PrintedStrategies.digestsByUnit(out, id, 3),
                "the demo's canonical strategies are those of a one-machine run of the same units");
        assertTrue(out.contains("(2 peers; reported by demo-") || out.contains("(3 peers; reported by demo-"), out);

        Matcher dataDir = DATA_DIR.matcher(out);
        assertTrue(dataDir.find(), out);
        assertTrue(out.strip().endsWith("Stopped; deleted " + dataDir.group(1) + "."), out);
        assertTrue(Files.notExists(Path.of(dataDir.group(1))), "the temporary data dir is gone");
        for (int port : ports) {
            assertTrue(listenable(port), "port " + port + " is free again");
        }
        await(Duration.ofSeconds(15), "every thread the demo started has ended", () -> Thread.getAllStackTraces()
                .keySet().stream().noneMatch(t -> !before.contains(t) && PEER_THREAD.matcher(t.getName()).matches()));
    }

    @Test
    void keepRunningServesTheClusterUntilCtrlCThenStopsAndKeepsAGivenDataDir() throws Exception {
        Path data = dir.resolve("demo-data");
        try (ChildJvm demo = ChildJvm.start(PeerCli.class.getName(), List.of("demo", "--keep-running", "--data-dir",
                data.toString(), "--base-port", String.valueOf(LoopbackTestSupport.freeBasePort()), "--http-port", "0",
                "--population", "8", "--generations", "2", "--work-units", "1"))) {
            Matcher first = demo.await(PEER, 90);
            int http = Integer.parseInt(first.group(5));
            int cluster = Integer.parseInt(first.group(3));
            demo.await(Pattern.compile("^Canonical strategies, best first: 1$"), 90);
            demo.await(Pattern.compile("^The peers keep running .*press Ctrl-C to stop them\\.$"), 30);

            HttpResponse<String> status = LoopbackTestSupport.get("http://127.0.0.1:" + http + "/api/status",
                    Duration.ofSeconds(10));
            assertEquals(200, status.statusCode(), status.body());
            JsonNode view = new ObjectMapper().readTree(status.body()).get("view");
            assertEquals(3, view.get("members").size(), "the three peers still run after the search: " + status.body());

            demo.process().destroy(); // SIGTERM, as Ctrl-C
            assertTrue(demo.process().waitFor(60, TimeUnit.SECONDS), "the demo stops on SIGTERM");
            assertTrue(listenable(http) && listenable(cluster) && listenable(cluster + 1), "its ports are free");
        }
        for (String peer : List.of("demo-1", "demo-2", "demo-3")) {
            assertTrue(Files.isDirectory(data.resolve(peer).resolve("ledger")), "a given data dir is kept: " + peer);
        }
    }

    /** Whether a server could listen on {@code port} now (TIME_WAIT leftovers of closed connections do not count). */
    private static boolean listenable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LoopbackTestSupport.LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
