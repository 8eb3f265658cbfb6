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
        ArrayNode windows = node.putArray("windowList");
        List<Optional<Genome>> chosen = new ArrayList<>();
        boolean allFinished = true;
        int finished = 0;
        for (int w = 0; w < spec.walkForward(); w++) {
            Optional<StrategyView> strategy = search.windowStrategy(w);
            boolean done = search.windowFinished(w);
            allFinished &= done;
            finished += done ? 1 : 0;
            chosen.add(strategy.map(s -> s.report().genome()));
            ObjectNode window = windows.addObject().put("window", w)
                    .put("status", !done ? "RUNNING" : strategy.isPresent() ? "DONE" : "CASH");
            ArrayNode units = window.putArray("units");
            search.windowUnits(w).forEach(unit -> units.add(unit.unit()));
            if (strategy.isPresent()) {
                window.put("strategy", strategy.get().id().toString()).put("rules",
                        strategy.get().report().genome().toSentence());
            } else {
                window.putNull("strategy").putNull("rules");
            }
            if (backtester.isPresent()) {
                CandleSeries candles = backtester.get().dataset().candles();
                WalkForward.Window figures = WalkForward.window(spec, backtester.get(), w,
                        done ? chosen.get(w) : Optional.empty());
                window.set("training", range(figures.training(), candles));
                window.set("test", range(figures.test(), candles));
                window.set("buyAndHold", JsonViews.metrics(figures.outOfSampleBuyAndHold()));
                putMetrics(window, "inSample", figures.inSample());
                putMetrics(window, "outOfSample", figures.outOfSample());
                JsonViews.putDefined(window, "efficiency", figures.efficiency());
            }
        }
        node.put("windowsFinished", finished);
        if (allFinished && backtester.isPresent()) {
            WalkForward.Report report = WalkForward.evaluate(spec, backtester.get(), chosen);
            ObjectNode stitched = JsonViews.backtest(report.stitched(), backtester.get().dataset().candles(), points);
            JsonViews.putDefined(stitched, "efficiency", report.efficiency());
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
