package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.demo.LocalCluster;
import io.strategyminer.miner.SearchLimits;
import io.strategyminer.web.api.SearchJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer demo}: the whole product on one machine in about half a minute. Three real peers start in this JVM
 * (own ports, data dirs and identities, one cluster secret, TCP seeds on loopback), a search on the bundled BTC
 * data is submitted through the third one's HTTP API exactly as {@code peer submit} does, followed live as
 * {@code submit --follow} shows it, and its canonical strategies are printed; then everything stops and the
 * temporary data dir is deleted, unless {@code --keep-running}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run three local peers, mine a search on the bundled BTC/USD data across them and print the"
                + " strategies a quorum of 2 peers reproduced (peers on one machine count as independent here).",
                "Everything stops at the end and the temporary data dir is deleted; --keep-running keeps the peers and"
                        + " their dashboards up until Ctrl-C."})
final class DemoCommand implements Runnable {
    private static final int PEERS = 3;
    private static final int QUORUM = 2;
    /** Short: the demo's peers share one machine, so their measured speeds matter little. */
    private static final Duration CALIBRATION = Duration.ofMillis(250);
    private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the three peers' data dirs here (default: a temporary folder deleted at the end).")
    Path dataDir;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "" + ClusterConfig.DEFAULT_PORT,
            description = "First peer's JGroups port; the others take +10, +20 (sync on +1, failure detection on +2;"
                    + " busy ports are skipped) (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "First peer's HTTP port; the others take +1, +2; a busy port becomes any free one; 0: any"
                    + " (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--population", paramLabel = "N", defaultValue = "60",
            description = "Genomes per generation (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--generations", paramLabel = "N", defaultValue = "100",
            description = "Generations per work unit (default: ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--work-units", paramLabel = "N", defaultValue = "6",
            description = "Work units, spread over the three peers (default: ${DEFAULT-VALUE}).")
    int workUnits;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the search (default: the peer picks one; shown).")
    Long seed;

    @Option(names = "--keep-running", description = "Keep the peers and their dashboards running until Ctrl-C.")
    boolean keepRunning;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        // checked before anything starts: bad input changes nothing
        SearchLimits.POPULATION.check(population);
        SearchLimits.GENERATIONS.check(generations);
        SearchLimits.WORK_UNITS.check(workUnits);
        // the objective is left to the peer: the bundled week is too short for daily Sharpe, so it mines calmar
        ObjectNode request = CliJson.object().put("dataset", BundledDatasets.BTC_USD_5M)
                .put(SearchLimits.POPULATION.field(), population).put(SearchLimits.GENERATIONS.field(), generations)
                .put(SearchLimits.WORK_UNITS.field(), workUnits).put(SearchLimits.QUORUM.field(), QUORUM)
                .put("allowSameMachine", true);
        if (seed != null) {
            request.put("seed", seed);
        }
        LocalCluster.Options options = new LocalCluster.Options(PEERS, basePort, httpPort, CALIBRATION);
        long started = System.nanoTime();
        out.println("Strategy Miner demo: " + PEERS + " peers in this process on loopback, one search on the bundled"
                + " BTC/USD candles.");
        out.println("Starting the peers (each measures its speed for a moment)...");
        out.flush();
        LocalCluster cluster = startCluster(out, options);
        LogFile log;
        try {
            log = LogFile.start(cluster.root());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            out.println();
            stopCluster(out, cluster, log);
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            out.printf(Locale.ROOT, "Data dirs in %s%s%n", cluster.root(), cluster.temporary() ? " (deleted at the end)" : "");
            out.printf(Locale.ROOT, "Log in %s%n", cluster.root().resolve("logs").resolve(LogFile.NAME));
            runSearch(out, cluster, request, started);
            if (keepRunning) {
                out.println("The peers keep running (`peer status --peer " + cluster.nodes().get(0).url()
                        + "`, the dashboards above); press Ctrl-C to stop them.");
                out.flush();
                stopped.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("the demo was interrupted", 1, e);
        } finally {
            if (stopped.getCount() > 0 && removed(onCtrlC)) {
                stopCluster(out, cluster, log);
            }
        }
    }

    /** The three peers, each printed as it comes up; a port or start problem is one line, not a stack trace. */
    private LocalCluster startCluster(PrintWriter out, LocalCluster.Options options) {
        try {
            return LocalCluster.start(Optional.ofNullable(dataDir), options, node -> {
                out.printf(Locale.ROOT, "  %s  id %s  cluster port %d (sync %d)  %s/  %s candle-steps/s (probe)%n",
                        node.name(), PeerNames.shortId(node.runtime().peerId().hex()), node.runtime().settings().port(),
                        node.runtime().settings().syncPort(), node.url(),
                        StatusCommand.steps(node.runtime().capacityCandleStepsPerSecond()));
                out.flush();
            });
        } catch (IllegalStateException e) {
            throw new CommandException("the demo's peers could not start: " + e.getMessage(), 1, e);
        }
    }

    private void runSearch(PrintWriter out, LocalCluster cluster, ObjectNode request, long started)
            throws InterruptedException {
        try {
            cluster.awaitFormed(FORMATION_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new CommandException(e.getMessage() + " (is the machine very busy?)", 1, e);
        }
        List<LocalCluster.Node> nodes = cluster.nodes();
        LocalCluster.Node coordinator = nodes.stream().filter(n -> n.runtime().isCoordinator()).findFirst()
                .orElse(nodes.get(0));
        out.printf(Locale.ROOT, "Cluster formed: %d peers in one view, coordinator %s (%.1f s after start).%n",
                nodes.size(), coordinator.name(), seconds(started));

        LocalCluster.Node entry = nodes.get(nodes.size() - 1); // any peer takes submissions: not the coordinator
        PeerApi api = PeerApi.at(entry.url(), Optional.empty());
        out.printf(Locale.ROOT, "Submitting a search through %s's HTTP API (what `peer submit --peer %s` does)...%n",
                entry.name(), entry.url());
        SearchJson.Detail search = SubmitCommand.submit(api, request);
        String searchId = search.id();
        out.printf(Locale.ROOT, "Search %s: %s%n", searchId, ResultsCommand.describe(search.summary()));
        out.flush();
        long searchStarted = System.nanoTime();
        search = SubmitCommand.follow(api, searchId, out);
        ResultsCommand.printSearch(out, search, ResultsCommand.canonical(api, Optional.of(searchId),
                ResultsCommand.MAX_LIMIT), Map.of(), PeerNames.load(api));
        out.println();
        out.printf(Locale.ROOT, "The search took %.1f s on %d peers; %.1f s since the demo started.%n",
                seconds(searchStarted), nodes.size(), seconds(started));
        out.println("Dashboards (one per peer, each shows the whole cluster): "
                + String.join("  ", nodes.stream().map(n -> n.url() + "/").toList())
                + (keepRunning ? "" : "  (up while the peers run: `peer demo --keep-running`)"));
        out.flush();
    }

    /** False when the JVM is already shutting down (Ctrl-C): then the hook is stopping the cluster. */
    private static boolean removed(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void stopCluster(PrintWriter out, LocalCluster cluster, LogFile log) {
        out.println("Stopping the peers...");
        out.flush();
        if (cluster.temporary()) {
            log.close(); // its folder is about to be deleted (an open file could not be, on Windows)
        }
        cluster.close();
        log.close();
        out.println(cluster.temporary() ? "Stopped; deleted " + cluster.root() + "." : "Stopped; their data is in "
                + cluster.root() + ".");
        out.flush();
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
