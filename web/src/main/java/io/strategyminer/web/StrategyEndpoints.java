package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Evaluation;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.store.DatasetLookupException;
import io.strategyminer.miner.DeflatedSharpeRanking;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.StrategyStatus;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.web.api.BacktestJson;
import io.strategyminer.web.api.RobustnessJson;
import io.strategyminer.web.api.StrategyJson;
import io.strategyminer.web.api.StrategyJson.Robustness;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code GET /api/strategies}, {@code GET /api/strategies/{id}} and {@code GET /api/strategies/{id}/robustness}. */
final class StrategyEndpoints {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;
    static final int DEFAULT_POINTS = 2_000;
    static final int MAX_POINTS = 100_000;

    private final ClusterReadModel model;
    private final StrategyRobustness robustness = new StrategyRobustness();

    StrategyEndpoints(ClusterReadModel model) {
        this.model = model;
    }

    void list(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of("status", "limit", "search"));
        Optional<StrategyStatus> status = status(exchange.query("status").orElse("canonical"));
        int limit = exchange.intQuery("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        Optional<String> search = exchange.query("search").map(SearchEndpoints::searchId);
        record Listed(List<StrategyView> strategies, Map<String, SearchView> searches) {
        }
        // The ledger shows one canonical strategy per unit (a later copy of its result is superseded), so this
        // list and the counts of /api/status agree.
        Listed listed = model.ledger().read(state -> new Listed(state.strategies().stream()
                .filter(s -> status.isEmpty() || s.status() == status.get())
                .filter(s -> search.isEmpty() || s.report().searchId().equals(search.get()))
                .toList(), searches(state)));
        DatasetLabels labels = DatasetLabels.of(model);
        // Best first by the in-sample deflated Sharpe ratio (the holdout is read by no ranking); the ledger lists
        // strategies by id, so equal ones keep an order every peer shares.
        List<StrategyJson> best = DeflatedSharpeRanking.bestFirst(listed.strategies(), s -> s.report().inSample(),
                        s -> listed.searches().get(s.report().searchId()).trialCountOf(s.report().unit())).stream()
                .limit(limit)
                .map(s -> JsonViews.strategySummary(s, listed.searches().get(s.report().searchId()), labels))
                .toList();
        exchange.ok(new StrategyJson.Listed(listed.strategies().size(), best));
    }

    /** Every search by id: a strategy's search gives its spec, its dataset and its trials. */
    private static Map<String, SearchView> searches(LedgerState state) {
        Map<String, SearchView> byId = new HashMap<>();
        state.searches().forEach(search -> byId.put(search.id(), search));
        return byId;
    }

    void get(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of("points"));
        int points = exchange.intQuery("points", 2, MAX_POINTS, DEFAULT_POINTS);
        StrategyId id = strategyId(exchange);
        Found found = find(id);
        StrategyView strategy = found.strategy();
        // a strategy is only listed once its search is known, so the search is there; the summary's fields first
        ObjectNode node = Json.MAPPER.valueToTree(JsonViews.strategySummary(strategy, found.search().orElseThrow(),
                DatasetLabels.of(model)));
        node.set("genome", Json.MAPPER.readTree(GenomeJson.write(strategy.report().genome())));
        node.set("verifications", Json.MAPPER.valueToTree(strategy.verifications().stream()
                .map(v -> JsonViews.Verification.of(v, strategy)).toList()));
        node.set("tallies", Json.MAPPER.valueToTree(strategy.verdict().tallies().stream()
                .map(JsonViews.Tally::of).toList()));
        if (found.search().isEmpty()) {
            unavailable(node, searchMissing(strategy));
        } else {
            putBacktest(node, strategy, found.search().get().spec(), points);
        }
        exchange.ok(node);
    }

    /** A strategy and its search (absent only while the search's event has not arrived). */
    private record Found(StrategyView strategy, Optional<SearchView> search) {
    }

    private Found find(StrategyId id) {
        return model.ledger().read(state -> state.strategy(id)
                        .map(s -> new Found(s, state.search(s.report().searchId()))))
                .orElseThrow(() -> ApiException.notFound("no strategy '" + id + "' (GET /api/strategies lists them)"));
    }

    /**
     * Re-runs the genome on the search's dataset (one backtest per range, milliseconds): the trades and
     * the equity curve are not in the ledger. {@code digestMatches} says whether this peer reproduces
     * the reported digest.
     */
    private void putBacktest(ObjectNode node, StrategyView strategy, SearchSpec search, int points)
            throws IOException {
        Optional<Backtester> held = backtester(search);
        if (held.isEmpty()) {
            unavailable(node, datasetMissing(search));
            return;
        }
        Backtester backtester = held.get();
        Dataset dataset = backtester.dataset();
        Evaluation evaluation = backtester.evaluate(strategy.report().genome(),
                search.unitSplit(strategy.report().unit()));
        node.set("backtest", Json.MAPPER.valueToTree(new Rerun(dataset.id().hex(), search.splitPercent(),
                evaluation.digest(), evaluation.digest().equals(strategy.report().digest().hex()),
                JsonViews.backtest(evaluation.inSample(), dataset.candles(), points),
                JsonViews.backtest(evaluation.outOfSample(), dataset.candles(), points))));
        Robustness figures = robustness(strategy, backtester, evaluation.inSample().range());
        node.set("robustness", Json.MAPPER.valueToTree(figures.robustness()));
        node.put("robustnessUnavailable", figures.robustnessUnavailable());
    }

    /** This peer's re-run of a strategy: its dataset and split, its digest and whether it matches the reported one. */
    private record Rerun(String dataset, int splitPercent, String digest, boolean digestMatches, BacktestJson inSample,
                         BacktestJson outOfSample) {
    }

    /**
     * {@code GET /api/strategies/{id}/robustness}: the robustness figures alone, without the backtest (what the command
     * line fetches for each strategy it lists).
     */
    void robustness(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of());
        StrategyId id = strategyId(exchange);
        Found found = find(id);
        StrategyView strategy = found.strategy();
        Optional<SearchSpec> search = found.search().map(SearchView::spec);
        Optional<Backtester> backtester = search.isEmpty() ? Optional.empty() : backtester(search.get());
        if (backtester.isEmpty()) {
            exchange.ok(new StrategyJson.Robustness(id.toString(), strategy.status().name(), null,
                    search.isEmpty() ? searchMissing(strategy) : datasetMissing(search.get())));
        } else {
            Range inSample = search.get().unitSplit(strategy.report().unit()).inSample(backtester.get().dataset().size());
            exchange.ok(robustness(strategy, backtester.get(), inSample));
        }
    }

    /**
     * The strategy's robustness figures on its in-sample range ({@link StrategyRobustness}); only a canonical
     * strategy has them: its digest, which seeds them, is final.
     */
    private Robustness robustness(StrategyView strategy, Backtester backtester, Range inSample) {
        if (strategy.status() != StrategyStatus.CANONICAL) {
            return new Robustness(strategy.id().toString(), strategy.status().name(), null,
                    "robustness figures are computed for canonical strategies; this one is "
                            + strategy.status().name().toLowerCase(Locale.ROOT));
        }
        return new Robustness(strategy.id().toString(), strategy.status().name(),
                RobustnessJson.of(robustness.of(strategy, backtester, inSample)), null);
    }

    /** Neither the backtest nor the robustness figures can be computed here, for the reason {@code why}. */
    private static void unavailable(ObjectNode node, String why) {
        node.putNull("backtest");
        node.put("backtestUnavailable", why);
        node.putNull("robustness");
        node.put("robustnessUnavailable", why);
    }

    private static String searchMissing(StrategyView strategy) {
        return "search '" + strategy.report().searchId() + "' is not in this peer's ledger yet";
    }

    private static String datasetMissing(SearchSpec search) {
        return "this peer does not hold dataset " + search.dataset().hex();
    }

    private static StrategyId strategyId(ApiExchange exchange) {
        try {
            return StrategyId.parse(exchange.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + ApiExchange.abbreviate(exchange.pathParam("id"))
                    + "' is not a strategy id (<peer id>-<sequence>)");
        }
    }

    /** The backtester of the search's dataset with the search's costs; empty when this peer does not hold the dataset. */
    /** The search's dataset with its costs, if this peer holds the candles (also what a walk-forward is judged with). */
    Optional<Backtester> backtester(SearchSpec search) throws IOException {
        try {
            // the peer's own backtesters: a page re-runs a strategy on the caches its work units fill
            return Optional.of(model.backtesters().of(search.dataset(), search.costs(), model.datasets()::load));
        } catch (DatasetLookupException e) {
            return Optional.empty();
        }
    }

    /** A status filter: one of the strategy statuses, or "all". */
    private static Optional<StrategyStatus> status(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("ALL")) {
            return Optional.empty();
        }
        for (StrategyStatus status : StrategyStatus.values()) {
            if (status.name().equals(upper)) {
                return Optional.of(status);
            }
        }
        throw ApiException.badRequest("status: '" + ApiExchange.abbreviate(text) + "' is not one of "
                + Arrays.stream(StrategyStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ", all");
    }
}
