package io.strategyminer.web;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.miner.WalkForward;
import io.strategyminer.web.api.MetricsJson;
import io.strategyminer.web.api.WalkForwardJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/searches/{id}/walk-forward}: a walk-forward search's windows as they finish across the cluster
 * (each one's strategy, chosen among its own units' canonical results, judged on the segment after its training
 * part) and, once every window has finished, their test segments stitched into one out-of-sample record against
 * buy-and-hold, with the walk-forward efficiency ({@link WalkForward}). The windows' figures are those their
 * canonical reports carry, which a quorum of peers reproduced; the stitched record is computed here from those
 * strategies and the candles, the same bits on every peer.
 */
final class WalkForwardEndpoint {
    private final ClusterReadModel model;
    private final StrategyEndpoints strategies;

    WalkForwardEndpoint(ClusterReadModel model, StrategyEndpoints strategies) {
        this.model = model;
        this.strategies = strategies;
    }

    void get(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of("points"));
        int points = exchange.intQuery("points", 2, StrategyEndpoints.MAX_POINTS, StrategyEndpoints.DEFAULT_POINTS);
        String id = SearchEndpoints.searchId(exchange.pathParam("id"));
        SearchView search = model.ledger().read(state -> state.search(id))
                .orElseThrow(() -> ApiException.notFound("no search '" + id + "' (GET /api/searches lists them)"));
        SearchSpec spec = search.spec();
        if (!spec.isWalkForward()) {
            throw ApiException.notFound("search " + id + " is a single split with a holdout, not a walk-forward;"
                    + " submit one with walkForward 2 or more (peer submit --walk-forward K)");
        }
        Optional<Backtester> backtester = strategies.backtester(spec);
        String unavailable = backtester.isPresent() ? null : "this peer does not hold dataset " + spec.dataset().hex()
                + "; the windows' figures need its candles";
        List<Optional<StrategyView>> strategies = new ArrayList<>();
        List<Boolean> finished = new ArrayList<>();
        for (int w = 0; w < spec.walkForward(); w++) {
            strategies.add(search.windowStrategy(w));
            finished.add(search.windowFinished(w));
        }
        boolean allFinished = !finished.contains(false);
        // the windows' figures: from the stitched evaluation once every window has finished, else window by window
        Optional<WalkForward.Report> report = Optional.empty();
        List<WalkForward.Window> figures = new ArrayList<>();
        if (backtester.isPresent()) {
            List<Optional<Genome>> chosen = strategies.stream().map(s -> s.map(v -> v.report().genome())).toList();
            if (allFinished) {
                report = Optional.of(WalkForward.evaluate(spec, backtester.get(), chosen));
                figures.addAll(report.get().windows());
            } else {
                for (int w = 0; w < spec.walkForward(); w++) {
                    figures.add(WalkForward.window(spec, backtester.get(), w, chosen.get(w)));
                }
            }
        }
        List<WalkForwardJson.Window> windows = new ArrayList<>();
        for (int w = 0; w < spec.walkForward(); w++) {
            Optional<StrategyView> strategy = strategies.get(w);
            String status = !finished.get(w) ? "RUNNING" : strategy.isPresent() ? "DONE" : "CASH";
            List<Integer> units = search.windowUnits(w).stream().map(UnitView::unit).toList();
            String strategyId = strategy.map(s -> s.id().toString()).orElse(null);
            String rules = strategy.map(s -> s.report().genome().toSentence()).orElse(null);
            if (figures.isEmpty()) {
                windows.add(new WalkForwardJson.Window(w, status, units, strategyId, rules, null, null, null, null,
                        null, null));
            } else {
                CandleSeries candles = backtester.get().dataset().candles();
                WalkForward.Window figure = figures.get(w);
                windows.add(new WalkForwardJson.Window(w, status, units, strategyId, rules,
                        span(figure.training(), candles), span(figure.test(), candles),
                        MetricsJson.of(figure.outOfSampleBuyAndHold()), figure.inSample().map(MetricsJson::of).orElse(null),
                        figure.outOfSample().map(MetricsJson::of).orElse(null), MetricsJson.defined(figure.efficiency())));
            }
        }
        WalkForwardJson.Stitched stitched = report.map(r -> WalkForwardJson.Stitched.of(
                JsonViews.backtest(r.stitched(), backtester.get().dataset().candles(), points),
                MetricsJson.defined(r.efficiency()))).orElse(null);
        exchange.ok(new WalkForwardJson(id, spec.walkForward(), spec.anchored(), spec.splitPercent(), unavailable,
                finished.stream().filter(done -> done).count(), windows, stitched));
    }

    /** Candle indices and the opening times of the first and last candle (epoch seconds). */
    private static WalkForwardJson.Span span(Range range, CandleSeries candles) {
        return new WalkForwardJson.Span(range.from(), range.to(), candles.time()[range.from()],
                candles.time()[range.to() - 1]);
    }
}
