package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.strategyminer.ledger.state.UnitView;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
        // A speculative copy of a unit that also reached the quorum is the same result found twice: the
        // canonical list names each unit once, by the unit's own (earliest) canonical strategy.
        Listed listed = model.ledger().read(state -> new Listed(state.strategies().stream()
                .filter(s -> status.isEmpty() || s.status() == status.get())
                .filter(s -> search.isEmpty() || s.report().searchId().equals(search.get()))
                .filter(s -> s.status() != StrategyStatus.CANONICAL || status.isEmpty()
                        || state.unit(s.report().searchId(), s.report().unit())
                                .flatMap(UnitView::canonical).map(s.id()::equals).orElse(true))
                .toList(), searches(state)));
        DatasetLabels labels = DatasetLabels.of(model);
        ArrayNode list = Json.MAPPER.createArrayNode();
        // Best first by the in-sample deflated Sharpe ratio (the holdout is read by no ranking); the ledger lists
        // strategies by id, so equal ones keep an order every peer shares.
        DeflatedSharpeRanking.bestFirst(listed.strategies(), s -> s.report().inSample(),
                        s -> listed.searches().get(s.report().searchId()).trialCountOf(s.report().unit())).stream()
                .limit(limit)
                .forEach(s -> list.add(JsonViews.strategySummary(s, listed.searches().get(s.report().searchId()),
                        labels)));
        ObjectNode answer = Json.object().put("total", listed.strategies().size());
        answer.set("strategies", list);
        exchange.ok(answer);
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
        // a strategy is only listed once its search is known, so the search is there
        ObjectNode node = JsonViews.strategySummary(strategy, found.search().orElseThrow(), DatasetLabels.of(model));
        node.set("genome", Json.MAPPER.readTree(GenomeJson.write(strategy.report().genome())));
        ArrayNode verifications = node.putArray("verifications");
        strategy.verifications().forEach(v -> verifications.add(JsonViews.verification(v, strategy)));
        ArrayNode tallies = node.putArray("tallies");
        strategy.verdict().tallies().forEach(t -> tallies.add(JsonViews.tally(t)));
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
        ObjectNode backtest = node.putObject("backtest")
                .put("dataset", dataset.id().hex())
                .put("splitPercent", search.splitPercent())
                .put("digest", evaluation.digest())
                .put("digestMatches", evaluation.digest().equals(strategy.report().digest().hex()));
        backtest.set("inSample", JsonViews.backtest(evaluation.inSample(), dataset.candles(), points));
        backtest.set("outOfSample", JsonViews.backtest(evaluation.outOfSample(), dataset.candles(), points));
        putRobustness(node, strategy, backtester, evaluation.inSample().range());
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
        ObjectNode node = Json.object().put("id", id.toString()).put("status", strategy.status().name());
        Optional<SearchSpec> search = found.search().map(SearchView::spec);
        Optional<Backtester> backtester = search.isEmpty() ? Optional.empty() : backtester(search.get());
        if (backtester.isEmpty()) {
            node.putNull("robustness");
            node.put("robustnessUnavailable", search.isEmpty() ? searchMissing(strategy) : datasetMissing(search.get()));
        } else {
            Range inSample = search.get().unitSplit(strategy.report().unit()).inSample(backtester.get().dataset().size());
            putRobustness(node, strategy, backtester.get(), inSample);
        }
        exchange.ok(node);
    }

    /**
     * The strategy's robustness figures on its in-sample range ({@link StrategyRobustness}); only a canonical
     * strategy has them: its digest, which seeds them, is final.
     */
    private void putRobustness(ObjectNode node, StrategyView strategy, Backtester backtester, Range inSample) {
        if (strategy.status() != StrategyStatus.CANONICAL) {
            node.putNull("robustness");
            node.put("robustnessUnavailable", "robustness figures are computed for canonical strategies; this one is "
                    + strategy.status().name().toLowerCase(Locale.ROOT));
            return;
        }
        node.set("robustness", RobustnessJson.of(robustness.of(strategy, backtester, inSample)));
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
        throw ApiException.badRequest("status: '" + ApiExchange.abbreviate(text)
                + "' is not one of canonical, pending, disputed, invalid, all");
    }
}
