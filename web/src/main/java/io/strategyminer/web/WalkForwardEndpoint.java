package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.miner.WalkForward;
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
        ObjectNode node = Json.object().put("search", id).put("windows", spec.walkForward())
                .put("anchored", spec.anchored()).put("splitPercent", spec.splitPercent());
        Optional<Backtester> backtester = strategies.backtester(spec);
        if (backtester.isEmpty()) {
            node.put("unavailable", "this peer does not hold dataset " + spec.dataset().hex()
                    + "; the windows' figures need its candles");
        } else {
            node.putNull("unavailable");
        }
        List<Optional<StrategyView>> strategies = new ArrayList<>();
        List<Boolean> finished = new ArrayList<>();
        for (int w = 0; w < spec.walkForward(); w++) {
            strategies.add(search.windowStrategy(w));
            finished.add(search.windowFinished(w));
        }
        boolean allFinished = !finished.contains(false);
        node.put("windowsFinished", finished.stream().filter(done -> done).count());
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
        ArrayNode windows = node.putArray("windowList");
        for (int w = 0; w < spec.walkForward(); w++) {
            Optional<StrategyView> strategy = strategies.get(w);
            ObjectNode window = windows.addObject().put("window", w).put("status",
                    !finished.get(w) ? "RUNNING" : strategy.isPresent() ? "DONE" : "CASH");
            ArrayNode units = window.putArray("units");
            search.windowUnits(w).forEach(unit -> units.add(unit.unit()));
            if (strategy.isPresent()) {
                window.put("strategy", strategy.get().id().toString()).put("rules",
                        strategy.get().report().genome().toSentence());
            } else {
                window.putNull("strategy").putNull("rules");
            }
            if (!figures.isEmpty()) {
                CandleSeries candles = backtester.get().dataset().candles();
                WalkForward.Window figure = figures.get(w);
                window.set("training", range(figure.training(), candles));
                window.set("test", range(figure.test(), candles));
                window.set("buyAndHold", JsonViews.metrics(figure.outOfSampleBuyAndHold()));
                putMetrics(window, "inSample", figure.inSample());
                putMetrics(window, "outOfSample", figure.outOfSample());
                JsonViews.putDefined(window, "efficiency", figure.efficiency());
            }
        }
        if (report.isPresent()) {
            ObjectNode stitched = JsonViews.backtest(report.get().stitched(), backtester.get().dataset().candles(),
                    points);
            JsonViews.putDefined(stitched, "efficiency", report.get().efficiency());
            node.set("stitched", stitched);
        } else {
            node.putNull("stitched");
        }
        exchange.ok(node);
    }

    private static void putMetrics(ObjectNode node, String field, Optional<Metrics> metrics) {
        if (metrics.isPresent()) {
            node.set(field, JsonViews.metrics(metrics.get()));
        } else {
            node.putNull(field);
        }
    }

    /** Candle indices and the opening times of the first and last candle (epoch seconds). */
    private static ObjectNode range(Range range, CandleSeries candles) {
        return Json.object().put("from", range.from()).put("to", range.to())
                .put("fromTime", candles.time()[range.from()]).put("toTime", candles.time()[range.to() - 1]);
    }
}
