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
 * first, from any peer's HTTP API: rules, in-sample and out-of-sample metrics, robustness figures, supporting peers,
 * digest; for a walk-forward search, its windows and stitched out-of-sample record.
 */
@Command(name = "results", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The cluster's canonical strategies, best first by their in-sample deflated Sharpe ratio (the"
                + " holdout is never read by a ranking), from a running peer: rules, significance, in-sample and"
                + " holdout metrics beside buy-and-hold, robustness (Monte Carlo over its trades, its neighbours on the"
                + " gene grid, a p-value against random entries), the peers whose re-runs reproduced the digest.",
                "--json prints {\"peer\", \"search\": GET /api/searches/{id} | null, \"walkForward\": GET"
                        + " /api/searches/{id}/walk-forward?points=2 | null, \"strategies\": [GET"
                        + " /api/strategies summaries, each with \"robustness\" from GET /api/strategies/{id}/robustness]}"
                        + " (see README.md)."})
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
        Optional<JsonNode> walkForward = searchState.flatMap(s -> walkForward(api, s));
        JsonNode listed = canonical(api, Optional.ofNullable(search), limit);
        JsonNode strategies = listed.path("strategies");
        addRobustness(api, strategies);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = CliJson.object().put("peer", api.url());
            root.set("search", searchState.orElse(null));
            root.set("walkForward", walkForward.orElse(null));
            root.set("strategies", strategies);
            out.println(CliJson.pretty(root));
        } else if (searchState.isPresent()) {
            printSearch(out, searchState.get(), listed, PeerNames.load(api));
            walkForward.ifPresent(w -> WalkForwardPrinter.print(out, w));
        } else {
            out.printf(Locale.ROOT, "Canonical strategies on %s, best first: %s%n", api.url(), shown(listed));
            printStrategies(out, strategies, PeerNames.load(api));
        }
        out.flush();
    }

    /**
     * {@code GET /api/strategies?status=canonical}, of one search or all, best first; the peer lists each work unit
     * once, by the unit's own canonical strategy (web/README.md).
     */
    static JsonNode canonical(PeerApi api, Optional<String> searchId, int limit) {
        return api.get("/api/strategies?status=canonical&limit=" + limit
                + searchId.map(id -> "&search=" + PeerApi.encode(id)).orElse(""));
    }

    /**
     * Sets each strategy's robustness figures ({@code GET /api/strategies/{id}/robustness}) into its summary as
     * {@code robustness} (null, with {@code robustnessUnavailable} saying why, where the peer has none).
     */
    static void addRobustness(PeerApi api, JsonNode strategies) {
        for (JsonNode strategy : strategies) {
            JsonNode answer = api.get("/api/strategies/" + PeerApi.encode(strategy.path("id").asText()) + "/robustness");
            ObjectNode summary = (ObjectNode) strategy;
            summary.set("robustness", answer.path("robustness"));
            if (answer.hasNonNull("robustnessUnavailable")) {
                summary.set("robustnessUnavailable", answer.get("robustnessUnavailable"));
            }
        }
    }

    /** A walk-forward search's windows and stitched record (the equity curve left out), or empty for a single split. */
    static Optional<JsonNode> walkForward(PeerApi api, JsonNode search) {
        if (search.at("/parameters/walkForward").asInt(1) < 2) {
            return Optional.empty();
        }
        return Optional.of(api.get("/api/searches/" + PeerApi.encode(search.path("id").asText())
                + "/walk-forward?points=2"));
    }

    /** A search's state and parameters in one line (a {@code GET /api/searches} summary). */
    static String describe(JsonNode search) {
        JsonNode p = search.path("parameters");
        int failed = search.path("unitsFailed").asInt();
        return String.format(Locale.ROOT, "%s, %d/%d units done%s; %s, population %d × %d generations, %s risk,"
                        + " objective %s, min %d trades, split %d %%%s, fee %s %% + slippage %s %% per side, quorum %d%s,"
                        + " seed %d",
                search.path("status").asText(), search.path("unitsDone").asInt(), search.path("workUnits").asInt(),
                failed > 0 ? ", " + failed + " failed" : "", StrategyPrinter.dataset(search.path("dataset")),
                p.path("population").asInt(), p.path("generations").asInt(), p.path("risk").asText(),
                p.path("objective").asText(), p.path("minTrades").asInt(), p.path("splitPercent").asInt(),
                p.path("walkForward").asInt(1) > 1 ? String.format(Locale.ROOT, " in each of %d %s walk-forward windows",
                        p.path("walkForward").asInt(), p.path("anchored").asBoolean() ? "anchored" : "rolling") : "",
                p.path("feePct").asText(), p.path("slippagePct").asText(), p.path("quorum").asInt(),
                p.path("allowSameMachine").asBoolean() ? " (same machine allowed)" : "", p.path("seed").asLong());
    }

    /** A search's line, its failed units, then its canonical strategies ({@link #canonical}'s answer). */
    static void printSearch(PrintWriter out, JsonNode search, JsonNode listed, PeerNames names) {
        out.println();
        out.printf(Locale.ROOT, "Search %s: %s%n", search.path("id").asText(), describe(search));
        search.path("units").forEach(unit -> {
            if (unit.hasNonNull("failure")) {
                out.printf(Locale.ROOT, "Unit %d failed: %s%n", unit.path("unit").asInt(), unit.path("failure").asText());
            }
        });
        out.printf(Locale.ROOT, "Canonical strategies, best first: %s%n", shown(listed));
        printStrategies(out, listed.path("strategies"), names);
    }

    /** "3" when all are shown, "1 of 6" when a limit cut the list. */
    private static String shown(JsonNode listed) {
        int shown = listed.path("strategies").size();
        int total = listed.path("total").asInt(shown);
        return shown == total ? Integer.toString(shown) : shown + " of " + total;
    }

    private static void printStrategies(PrintWriter out, JsonNode strategies, PeerNames names) {
        if (strategies.isEmpty()) {
            out.println("None yet: a strategy becomes canonical once its quorum of peers reproduced its digest.");
            return;
        }
        StrategyPrinter.print(out, strategies, names);
    }
}
