package io.strategyminer.peer.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.web.api.RobustnessJson;
import io.strategyminer.web.api.SearchJson;
import io.strategyminer.web.api.SearchParametersJson;
import io.strategyminer.web.api.StrategyJson;
import io.strategyminer.web.api.WalkForwardJson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        Optional<SearchJson.Detail> searchState = Optional.ofNullable(search)
                .map(id -> api.get("/api/searches/" + PeerApi.encode(id), SearchJson.Detail.class));
        Optional<WalkForwardJson> walkForward = searchState.flatMap(s -> walkForward(api, s));
        StrategyJson.Listed listed = canonical(api, Optional.ofNullable(search), limit);
        Map<String, StrategyJson.Robustness> robustness = robustness(api, listed.strategies());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = CliJson.object().put("peer", api.url());
            root.set("search", CliJson.tree(searchState.orElse(null)));
            root.set("walkForward", CliJson.tree(walkForward.orElse(null)));
            root.set("strategies", CliJson.tree(listed.strategies().stream()
                    .map(s -> WithRobustness.of(s, robustness.get(s.id()))).toList()));
            out.println(CliJson.pretty(root));
        } else if (searchState.isPresent()) {
            printSearch(out, searchState.get(), listed, robustness, PeerNames.load(api));
            walkForward.ifPresent(w -> WalkForwardPrinter.print(out, w));
        } else {
            out.printf(Locale.ROOT, "Canonical strategies on %s, best first: %s%n", api.url(), shown(listed));
            printStrategies(out, listed.strategies(), robustness, PeerNames.load(api));
        }
        out.flush();
    }

    /**
     * A strategy summary with its robustness figures, as {@code --json} prints it: the summary's fields, then
     * {@code robustness} (null where the peer has none) and, only then, {@code robustnessUnavailable} saying why.
     */
    record WithRobustness(@JsonUnwrapped StrategyJson strategy, RobustnessJson robustness,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String robustnessUnavailable) {
        static WithRobustness of(StrategyJson strategy, StrategyJson.Robustness figures) {
            return new WithRobustness(strategy, figures.robustness(), figures.robustnessUnavailable());
        }
    }

    /**
     * {@code GET /api/strategies?status=canonical}, of one search or all, best first; the peer lists each work unit
     * once, by the unit's own canonical strategy (web/README.md).
     */
    static StrategyJson.Listed canonical(PeerApi api, Optional<String> searchId, int limit) {
        return api.get("/api/strategies?status=canonical&limit=" + limit
                + searchId.map(id -> "&search=" + PeerApi.encode(id)).orElse(""), StrategyJson.Listed.class);
    }

    /** Each strategy's robustness figures ({@code GET /api/strategies/{id}/robustness}) by strategy id. */
    static Map<String, StrategyJson.Robustness> robustness(PeerApi api, List<StrategyJson> strategies) {
        Map<String, StrategyJson.Robustness> byId = new LinkedHashMap<>();
        for (StrategyJson strategy : strategies) {
            byId.put(strategy.id(), api.get("/api/strategies/" + PeerApi.encode(strategy.id()) + "/robustness",
                    StrategyJson.Robustness.class));
        }
        return byId;
    }

    /** A walk-forward search's windows and stitched record (the equity curve left out), or empty for a single split. */
    static Optional<WalkForwardJson> walkForward(PeerApi api, SearchJson.Detail search) {
        if (search.parameters().walkForward() < 2) {
            return Optional.empty();
        }
        return Optional.of(api.get("/api/searches/" + PeerApi.encode(search.id()) + "/walk-forward?points=2",
                WalkForwardJson.class));
    }

    /** A search's state and parameters in one line (a {@code GET /api/searches} summary). */
    static String describe(SearchJson search) {
        SearchParametersJson p = search.parameters();
        int failed = search.unitsFailed();
        return String.format(Locale.ROOT, "%s, %d/%d units done%s; %s, population %d × %d generations, %s risk,"
                        + " objective %s, min %d trades, split %d %%%s, fee %s %% + slippage %s %% per side, quorum %d%s,"
                        + " seed %s",
                search.status(), search.unitsDone(), search.workUnits(),
                failed > 0 ? ", " + failed + " failed" : "", StrategyPrinter.dataset(search.dataset()),
                p.population(), p.generations(), p.risk(), p.objective(), p.minTrades(), p.splitPercent(),
                p.walkForward() > 1 ? String.format(Locale.ROOT, " in each of %d %s walk-forward windows",
                        p.walkForward(), p.anchored() ? "anchored" : "rolling") : "",
                p.feePct(), p.slippagePct(), p.quorum(), p.allowSameMachine() ? " (same machine allowed)" : "",
                p.seed());
    }

    /**
     * A search's line, its failed units, then its canonical strategies ({@link #canonical}'s answer) with their
     * robustness figures where {@code robustness} has them.
     */
    static void printSearch(PrintWriter out, SearchJson.Detail search, StrategyJson.Listed listed,
                            Map<String, StrategyJson.Robustness> robustness, PeerNames names) {
        out.println();
        out.printf(Locale.ROOT, "Search %s: %s%n", search.id(), describe(search.summary()));
        for (SearchJson.Unit unit : search.units()) {
            if (unit.failure() != null) {
                out.printf(Locale.ROOT, "Unit %d failed: %s%n", unit.unit(), unit.failure());
            }
        }
        out.printf(Locale.ROOT, "Canonical strategies, best first: %s%n", shown(listed));
        printStrategies(out, listed.strategies(), robustness, names);
    }

    /** "3" when all are shown, "1 of 6" when a limit cut the list. */
    private static String shown(StrategyJson.Listed listed) {
        int shown = listed.strategies().size();
        return shown == listed.total() ? Integer.toString(shown) : shown + " of " + listed.total();
    }

    private static void printStrategies(PrintWriter out, List<StrategyJson> strategies,
                                        Map<String, StrategyJson.Robustness> robustness, PeerNames names) {
        if (strategies.isEmpty()) {
            out.println("None yet: a strategy becomes canonical once its quorum of peers reproduced its digest.");
            return;
        }
        StrategyPrinter.print(out, strategies, robustness, names);
    }
}
