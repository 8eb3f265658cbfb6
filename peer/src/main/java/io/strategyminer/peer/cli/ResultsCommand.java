package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer results}: the cluster's canonical strategies (a quorum of peers reproduced their digests), best
 * first, from any peer's HTTP API: rules, in-sample and out-of-sample metrics, supporting peers, digest.
 */
@Command(name = "results", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The cluster's canonical strategies, best first (highest total net PnL of both samples), from a"
                + " running peer: rules, in-sample and out-of-sample metrics, the peers whose re-runs reproduced the"
                + " digest.",
                "--json prints {\"peer\", \"search\": GET /api/searches/{id} | null, \"strategies\": [GET"
                        + " /api/strategies summaries]} (see README.md)."})
final class ResultsCommand implements Runnable {
    /** The most strategies the API lists at once. */
    static final int MAX_LIMIT = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    PeerOption peer;

    @Option(names = "--search", paramLabel = "ID", description = "Only this search's strategies (ids: `peer status`).")
    String search;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "At most N strategies, 1–" + MAX_LIMIT + ", one per work unit (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Machine-readable output (stable, see above).")
    boolean json;

    @Override
    public void run() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("--limit " + limit + " is outside 1–" + MAX_LIMIT);
        }
        PeerApi api = peer.api(Optional.empty());
        Optional<JsonNode> searchState = Optional.ofNullable(search).map(id -> api.get("/api/searches/" + PeerApi.encode(id)));
        JsonNode strategies = canonical(api, Optional.ofNullable(search), limit);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = CliJson.object().put("peer", api.url());
            root.set("search", searchState.orElse(null));
            root.set("strategies", strategies);
            out.println(CliJson.pretty(root));
        } else if (searchState.isPresent()) {
            printSearch(out, searchState.get(), strategies, PeerNames.load(api));
        } else {
            out.printf(Locale.ROOT, "Canonical strategies on %s, best first: %d shown%n", api.url(), strategies.size());
            printStrategies(out, strategies, PeerNames.load(api));
        }
        out.flush();
    }

    /**
     * {@code GET /api/strategies?status=canonical}, of one search or all, best first; the peer lists each work unit
     * once, by the unit's own canonical strategy (web/README.md).
     */
    static ArrayNode canonical(PeerApi api, Optional<String> searchId, int limit) {
        return (ArrayNode) api.get("/api/strategies?status=canonical&limit=" + limit
                + searchId.map(id -> "&search=" + PeerApi.encode(id)).orElse("")).path("strategies");
    }

    /** A search's state and parameters in one line (a {@code GET /api/searches} summary). */
    static String describe(JsonNode search) {
        JsonNode p = search.path("parameters");
        return String.format(Locale.ROOT, "%s, %d/%d units done; dataset %s, population %d × %d generations, %s risk,"
                        + " objective %s, min %d trades, split %d %%, quorum %d%s, seed %d",
                search.path("status").asText(), search.path("unitsDone").asInt(), search.path("workUnits").asInt(),
                PeerNames.shortId(p.path("dataset").asText()), p.path("population").asInt(), p.path("generations").asInt(),
                p.path("risk").asText(), p.path("objective").asText(), p.path("minTrades").asInt(),
                p.path("splitPercent").asInt(), p.path("quorum").asInt(),
                p.path("allowSameMachine").asBoolean() ? " (same machine allowed)" : "", p.path("seed").asLong());
    }

    /** A search's line, then its canonical strategies. */
    static void printSearch(PrintWriter out, JsonNode search, JsonNode strategies, PeerNames names) {
        out.println();
        out.printf(Locale.ROOT, "Search %s: %s%n", search.path("id").asText(), describe(search));
        out.printf(Locale.ROOT, "Canonical strategies, best first: %d%n", strategies.size());
        printStrategies(out, strategies, names);
    }

    private static void printStrategies(PrintWriter out, JsonNode strategies, PeerNames names) {
        if (strategies.isEmpty()) {
            out.println("None yet: a strategy becomes canonical once its quorum of peers reproduced its digest.");
            return;
        }
        StrategyPrinter.print(out, strategies, names);
    }
}
