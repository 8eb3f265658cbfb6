package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.importer.DatasetNames;
import io.strategyminer.miner.SearchLimits;
import io.strategyminer.web.api.CreatedJson;
import io.strategyminer.web.api.DatasetCreatedJson;
import io.strategyminer.web.api.SearchJson;
import io.strategyminer.web.api.StrategyJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer submit}: submits a search to the cluster through any peer's HTTP API (optionally uploading a candle
 * file first), and with {@code --follow} shows it run to the end, then its canonical strategies.
 */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = SearchDefaults.class,
        description = {"Submit a search to the cluster through a running peer (`peer start`), from any machine.",
                "The cluster splits it into work units, mines them on every peer's free slots, verifies each reported"
                        + " strategy on other peers and keeps the ones a quorum reproduces (canonical).",
                "--follow shows the search live (milestones on stdout, a progress bar on stderr) until it is done,"
                        + " then its canonical strategies, best first. Ctrl-C stops following, not the search.",
                "--json prints {\"peer\", \"dataset\": upload | null, \"search\": GET /api/searches/{id},"
                        + " \"strategies\": [GET /api/strategies summaries]} (see README.md)."})
final class SubmitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    PeerOption peer;

    @Option(names = "--dataset", paramLabel = "ID|PREFIX|NAME",
            description = "A dataset the peer holds or another peer published (`GET /api/datasets`): id, unique id prefix"
                    + " or name (default: "
                    + BundledDatasets.BTC_USD_5M + ").")
    String dataset;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "A candle file (any format `peer data import` reads) to upload to the peer first; the"
                    + " search runs on it.")
    Path csv;

    @Option(names = "--name", paramLabel = "NAME",
            description = "With --csv: the dataset's name (default: the file name), by the rule of `peer data import`.")
    String name;

    @Option(names = "--symbol", paramLabel = "SYMBOL",
            description = "With --csv: the market, e.g. BTC-USD (default: read from the file or its name).")
    String symbol;

    @Mixin
    DataCommand.SuspectOption suspect;

    @Mixin
    GeneticSearchOptions genetic;

    @Option(names = "--work-units", paramLabel = "N",
            description = "Independent searches (own seeds) the cluster spreads over its peers (default:"
                    + " ${DEFAULT-VALUE}; with --walk-forward K: K).")
    int workUnits;

    @Option(names = "--walk-forward", paramLabel = "K",
            description = "Walk-forward: K windows, each mined on --split % of its length and judged on the segment"
                    + " right after it; the test segments stitch into one out-of-sample record against buy-and-hold"
                    + " (`peer results`). 1 is a single split with a holdout (default: ${DEFAULT-VALUE}). Work units"
                    + " take turns over the windows: --work-units must be a multiple of K (default then: K).")
    int walkForward;

    @Option(names = "--anchored", description = "With --walk-forward: every window trains from the first candle"
            + " (growing) instead of rolling along.")
    boolean anchored;

    @Option(names = "--quorum", paramLabel = "N",
            description = "Independent peers whose digests must agree for a strategy to be canonical (default:"
                    + " ${DEFAULT-VALUE}).")
    int quorum;

    @Option(names = "--allow-same-machine", description = "Count peers on one machine as independent for the quorum"
            + " (for trying a cluster on one computer).")
    boolean allowSameMachine;

    @Option(names = "--token", paramLabel = "T", description = "The cluster's HTTP token (`peer token` prints it on"
            + " any peer); needed when --peer is not a loopback address (another machine, or this one's LAN address).")
    String token;

    @Option(names = "--follow", description = "Show the search live until it is done, then its canonical strategies.")
    boolean follow;

    @Option(names = "--json", description = "Machine-readable output (stable, see above).")
    boolean json;

    @Override
    public void run() {
        if (dataset != null && csv != null) {
            throw new IllegalArgumentException("give either --dataset or --csv, not both");
        }
        if (csv == null && (name != null || symbol != null)) {
            throw new IllegalArgumentException("--name and --symbol name an uploaded file: give them with --csv");
        }
        suspect.policy(); // a bad --suspect is refused before anything is sent
        PrintWriter out = spec.commandLine().getOut();
        PeerApi api = peer.api(Optional.ofNullable(token));
        Optional<DatasetCreatedJson> uploaded = Optional.ofNullable(csv).map(file -> upload(api, file));
        String reference = uploaded.map(DatasetCreatedJson::id).orElse(dataset != null ? dataset
                : BundledDatasets.BTC_USD_5M);
        ObjectNode request = CliJson.object().put("dataset", reference);
        genetic.writeTo(request);
        if (spec.commandLine().getParseResult().hasMatchedOption("--work-units")) {
            request.put(SearchLimits.WORK_UNITS.field(), workUnits); // else the peer's default: one unit per window
        }
        request.put(SearchLimits.QUORUM.field(), quorum).put("allowSameMachine", allowSameMachine)
                .put(SearchLimits.WALK_FORWARD.field(), walkForward).put("anchored", anchored);
        uploaded.filter(u -> !json).ifPresent(u -> out.printf(Locale.ROOT, "Uploaded %s as dataset %s (%s, %,d candles)%n",
                csv, u.name(), PeerNames.shortId(u.id()), (long) u.candles()));
        SearchJson.Detail search = submit(api, request);
        if (!json) {
            out.printf(Locale.ROOT, "Submitted search %s to %s: %s%n", search.id(), api.url(),
                    ResultsCommand.describe(search.summary()));
            out.flush();
        }
        if (follow) {
            search = follow(api, search.id(), json ? spec.commandLine().getErr() : out);
        }
        StrategyJson.Listed listed = ResultsCommand.canonical(api, Optional.of(search.id()), ResultsCommand.MAX_LIMIT);
        if (json) {
            ObjectNode root = CliJson.object().put("peer", api.url());
            root.set("dataset", CliJson.tree(uploaded.orElse(null)));
            root.set("search", CliJson.tree(search));
            root.set("strategies", CliJson.tree(listed.strategies()));
            out.println(CliJson.pretty(root));
        } else if (follow) {
            ResultsCommand.printSearch(out, search, listed, Map.of(), PeerNames.load(api));
        } else {
            out.printf(Locale.ROOT, "Its canonical strategies so far: peer results --peer %s --search %s (or the dashboard"
                    + " at %s/)%n", api.url(), search.id(), api.url());
        }
        out.flush();
    }

    /**
     * POSTs a search (the body of web/README.md) and returns its state as the peer lists it (with the seed and
     * objective it chose, if it did).
     */
    static SearchJson.Detail submit(PeerApi api, ObjectNode request) {
        String id = api.postJson("/api/searches", request, CreatedJson.class).id();
        return api.get("/api/searches/" + PeerApi.encode(id), SearchJson.Detail.class);
    }

    /** Follows the search to its end, milestones on {@code notes}, a progress bar on stderr. */
    static SearchJson.Detail follow(PeerApi api, String searchId, PrintWriter notes) {
        try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
            return new SearchFollower(api, notes, progress).follow(searchId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while following search " + searchId, 1, e);
        }
    }

    private DatasetCreatedJson upload(PeerApi api, Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--csv " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("--csv " + file + ": cannot read it: " + e.getMessage(), e);
        }
        String fileName = file.getFileName().toString();
        String type = fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? "application/json" : "text/csv";
        // the peer applies the one naming rule of `peer data import`; the file name is the default name
        String query = "name=" + PeerApi.encode(name != null ? name : DatasetNames.defaultName(fileName))
                + (symbol != null ? "&symbol=" + PeerApi.encode(symbol) : "")
                + "&suspect=" + PeerApi.encode(suspect.policy().label());
        return api.postBytes("/api/datasets?" + query, type, content, DatasetCreatedJson.class);
    }
}
