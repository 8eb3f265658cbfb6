package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Strategies as {@code GET /api/strategies} lists them, printed for people (what {@code results},
 * {@code submit --follow} and {@code demo} show): rank, id, search, unit and dataset, the rules, the in-sample
 * significance the ranking is by, in-sample and holdout metrics each beside buy-and-hold's, the peers whose re-runs
 * support it, and the digest.
 */
final class StrategyPrinter {
    private StrategyPrinter() {
    }

    /** Prints {@code strategies} (a JSON array of strategy summaries) in the order given: best first. */
    static void print(PrintWriter out, JsonNode strategies, PeerNames names) {
        int rank = 0;
        for (JsonNode strategy : strategies) {
            rank++;
            out.println();
            out.printf(Locale.ROOT, "#%d  strategy %s  (search %s, unit %d, %s) on %s%n", rank,
                    strategy.path("id").asText(), strategy.path("searchId").asText(), strategy.path("unit").asInt(),
                    strategy.path("status").asText(), dataset(strategy.path("dataset")));
            out.println("    " + strategy.path("rules").asText());
            out.println("    " + significance(strategy.path("significance")));
            JsonNode buyAndHold = strategy.path("buyAndHold");
            new MetricsTable("    ", "in-sample", "buy and hold", "holdout", "buy and hold")
                    .metrics(CliJson.metrics(strategy.path("inSample")), CliJson.metrics(buyAndHold.path("inSample")),
                            CliJson.metrics(strategy.path("outOfSample")), CliJson.metrics(buyAndHold.path("outOfSample")))
                    .row("excess return %", MetricsTable.decimal(strategy.at("/excessReturnPct/inSample").asDouble()), "",
                            MetricsTable.decimal(strategy.at("/excessReturnPct/outOfSample").asDouble()), "")
                    .print(out);
            List<String> supporters = new ArrayList<>();
            strategy.path("supportingPeers").forEach(peer -> supporters.add(names.name(peer.asText())));
            out.printf(Locale.ROOT, "    supported by %s (%d peer%s; reported by %s)%n", String.join(", ", supporters),
                    supporters.size(), supporters.size() == 1 ? "" : "s", names.name(strategy.path("reporter").asText()));
            out.printf(Locale.ROOT, "    digest %s (%s)%n", strategy.path("digest").asText(),
                    strategy.path("engineVersion").asText());
        }
    }

    /**
     * The line a strategy's significance (the API's {@code significance} object) reads as: its deflated Sharpe
     * ratio against the trials, the Sharpe ratio luck alone reaches, and its probabilistic Sharpe ratio.
     */
    static String significance(JsonNode significance) {
        if (significance.path("deflatedSharpe").isNull() || significance.path("deflatedSharpe").isMissingNode()) {
            return "in-sample significance: n/a (" + significance.path("undefined").asText("undefined") + ")";
        }
        return String.format(Locale.ROOT, "in-sample significance: deflated Sharpe %.3f = P(true Sharpe above %.2f,"
                        + " what the best of %,d trials reaches by luck); probabilistic Sharpe %.3f = P(true Sharpe > 0)",
                significance.path("deflatedSharpe").asDouble(), significance.path("luckSharpe").asDouble(),
                significance.path("trials").asLong(), significance.path("probabilisticSharpe").asDouble());
    }

    /** "BTC-USD 5m (bundled-btcusd-5m)", from the API's dataset label. */
    static String dataset(JsonNode dataset) {
        if (dataset.path("name").isNull() || dataset.path("name").isMissingNode()) {
            return "dataset " + PeerNames.shortId(dataset.path("id").asText());
        }
        return dataset.path("symbol").asText() + " " + dataset.path("timeframe").asText() + " ("
                + dataset.path("name").asText() + ")";
    }
}
