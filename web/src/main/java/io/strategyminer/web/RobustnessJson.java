package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.miner.robustness.FanPoint;
import io.strategyminer.miner.robustness.MonteCarloBands;
import io.strategyminer.miner.robustness.Neighbour;
import io.strategyminer.miner.robustness.Neighbourhood;
import io.strategyminer.miner.robustness.Percentiles;
import io.strategyminer.miner.robustness.RandomEntrySignificance;
import io.strategyminer.miner.robustness.Robustness;
import java.util.Locale;

/** The JSON of a strategy's robustness figures (documented in web/README.md); undefined figures are null. */
final class RobustnessJson {
    private RobustnessJson() {
    }

    static ObjectNode of(Robustness r) {
        ObjectNode node = Json.object()
                // hex: a 64-bit seed does not survive JavaScript's doubles
                .put("seed", String.format(Locale.ROOT, "%016x", r.seed()));
        node.putObject("range").put("from", r.inSampleFrom()).put("to", r.inSampleTo());
        ObjectNode monteCarlo = node.putObject("monteCarlo");
        monteCarlo.set("reshuffled", bands(r.reshuffled()));
        monteCarlo.set("bootstrapped", bands(r.bootstrapped()));
        node.set("neighbours", neighbours(r.neighbourhood()));
        node.set("randomEntries", randomEntries(r.randomEntries()));
        return node;
    }

    private static ObjectNode bands(MonteCarloBands bands) {
        ObjectNode node = Json.object().put("runs", bands.runs());
        node.set("totalReturnPct", percentiles(bands.totalReturnPct()));
        node.set("maxDrawdownPct", percentiles(bands.maxDrawdownPct()));
        ObjectNode fan = node.putObject("fan");
        ArrayNode trade = fan.putArray("trade");
        ArrayNode p5 = fan.putArray("p5");
        ArrayNode median = fan.putArray("median");
        ArrayNode p95 = fan.putArray("p95");
        ArrayNode actual = fan.putArray("actual");
        for (FanPoint point : bands.fan()) {
            trade.add(point.trade());
            p5.add(point.p5());
            median.add(point.median());
            p95.add(point.p95());
            actual.add(point.actual());
        }
        return node;
    }

    private static ObjectNode percentiles(Percentiles p) {
        ObjectNode node = Json.object();
        JsonViews.putDefined(node, "p5", p.p5());
        JsonViews.putDefined(node, "median", p.median());
        JsonViews.putDefined(node, "p95", p.p95());
        return node;
    }

    private static ObjectNode neighbours(Neighbourhood n) {
        ObjectNode node = Json.object().put("count", n.count());
        JsonViews.putDefined(node, "profitableShare", n.profitableShare());
        JsonViews.putDefined(node, "medianSharpe", n.medianSharpe());
        node.put("undefinedSharpe", n.undefinedSharpe());
        ArrayNode list = node.putArray("list");
        for (Neighbour neighbour : n.neighbours()) {
            ObjectNode row = list.addObject()
                    .put("parameter", neighbour.parameter())
                    .put("from", neighbour.from())
                    .put("to", neighbour.to())
                    .put("trades", neighbour.trades())
                    .put("netPnl", neighbour.netPnl())
                    .put("returnPct", neighbour.returnPct());
            JsonViews.putDefined(row, "sharpe", neighbour.sharpe());
        }
        return node;
    }

    private static ObjectNode randomEntries(RandomEntrySignificance test) {
        ObjectNode node = Json.object()
                .put("draws", test.draws())
                .put("entries", test.entries())
                .put("strategyReturnPct", test.strategyReturnPct())
                .put("atLeastAsGood", test.atLeastAsGood())
                .put("pValue", test.pValue());
        node.set("randomReturnPct", percentiles(test.randomReturnPct()));
        return node;
    }
}
