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
            // a walk-forward window's out-of-sample range is its test segment, not a holdout kept from every choice
            boolean window = strategy.path("split").asText().startsWith("window");
            out.printf(Locale.ROOT, "#%d  strategy %s  (search %s, unit %d%s, %s) on %s%n", rank,
                    strategy.path("id").asText(), strategy.path("searchId").asText(), strategy.path("unit").asInt(),
                    window ? ", " + strategy.path("split").asText() : "", strategy.path("status").asText(),
                    dataset(strategy.path("dataset")));
            out.println("    " + strategy.path("rules").asText());
            out.println("    " + significance(strategy.path("significance")));
            JsonNode buyAndHold = strategy.path("buyAndHold");
            new MetricsTable("    ", window ? "training" : "in-sample", "buy and hold", window ? "test" : "holdout",
                    "buy and hold")
                    .metrics(CliJson.metrics(strategy.path("inSample")), CliJson.metrics(buyAndHold.path("inSample")),
                            CliJson.metrics(strategy.path("outOfSample")), CliJson.metrics(buyAndHold.path("outOfSample")))
                    .row("excess return %", MetricsTable.decimal(strategy.at("/excessReturnPct/inSample").asDouble()), "",
                            MetricsTable.decimal(strategy.at("/excessReturnPct/outOfSample").asDouble()), "")
                    .print(out);
            List<String> supporters = new ArrayList<>();
            strategy.path("supportingPeers").forEach(peer -> supporters.add(names.name(peer.asText())));
            if (strategy.has("robustness")) {
                robustness(out, strategy);
            }
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

    /**
     * A strategy's robustness figures ({@code GET /api/strategies/{id}/robustness}, set into the summary as
     * {@code robustness} by {@code results}): Monte Carlo percentiles of return and drawdown, its neighbours on the
     * gene grid, its entry rule against random entries; or why there are none.
     */
    static void robustness(PrintWriter out, JsonNode strategy) {
        JsonNode r = strategy.path("robustness");
        if (!r.isObject()) {
            out.println("    robustness: n/a (" + strategy.path("robustnessUnavailable").asText("not computed") + ")");
            return;
        }
        JsonNode reshuffled = r.at("/monteCarlo/reshuffled");
        JsonNode bootstrapped = r.at("/monteCarlo/bootstrapped");
        out.printf(Locale.ROOT, "    robustness on the in-sample range (seed %s), Monte Carlo over its %d trades, %,d runs"
                + " each:%n", r.path("seed").asText(), r.at("/randomEntries/entries").asInt(), bootstrapped.path("runs").asInt());
        new MetricsTable("      ", "5 %", "median", "95 %")
                .row("return %, trades reshuffled", percentiles(reshuffled.path("totalReturnPct")))
                .row("return %, trades bootstrapped", percentiles(bootstrapped.path("totalReturnPct")))
                .row("max drawdown %, reshuffled", percentiles(reshuffled.path("maxDrawdownPct")))
                .row("max drawdown %, bootstrapped", percentiles(bootstrapped.path("maxDrawdownPct")))
                .print(out);
        JsonNode neighbours = r.path("neighbours");
        int undefined = neighbours.path("undefinedSharpe").asInt();
        out.printf(Locale.ROOT, "    neighbours on the gene grid: %d, %s profitable, median Sharpe %s%s%n",
                neighbours.path("count").asInt(),
                neighbours.path("profitableShare").isNumber()
                        ? String.format(Locale.ROOT, "%.0f %%", 100 * neighbours.path("profitableShare").asDouble()) : "n/a",
                neighbours.path("medianSharpe").isNumber()
                        ? String.format(Locale.ROOT, "%.2f", neighbours.path("medianSharpe").asDouble()) : "n/a",
                undefined > 0 ? " (" + undefined + " without a Sharpe ratio, left out)" : "");
        JsonNode random = r.path("randomEntries");
        out.printf(Locale.ROOT, "    random entries: p-value %.4f (%,d of %,d schedules of %d random entries with its exits"
                        + " returned at least its %.2f %%; their median %.2f %%)%n",
                random.path("pValue").asDouble(), random.path("atLeastAsGood").asInt(), random.path("draws").asInt(),
                random.path("entries").asInt(), random.path("strategyReturnPct").asDouble(),
                random.at("/randomReturnPct/median").asDouble());
    }

    /** The 5th, 50th and 95th percentiles as table cells; n/a where undefined. */
    private static String[] percentiles(JsonNode p) {
        return new String[] {percent(p.path("p5")), percent(p.path("median")), percent(p.path("p95"))};
    }

    private static String percent(JsonNode value) {
        return value.isNumber() ? MetricsTable.decimal(value.asDouble()) : "n/a";
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
