package io.strategyminer.peer.cli;

import io.strategyminer.web.api.DatasetLabelJson;
import io.strategyminer.web.api.RobustnessJson;
import io.strategyminer.web.api.SignificanceJson;
import io.strategyminer.web.api.StrategyJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Strategies as {@code GET /api/strategies} lists them, printed for people (what {@code results},
 * {@code submit --follow} and {@code demo} show): rank, id, search, unit and dataset, the rules, the in-sample
 * significance the ranking is by, in-sample and holdout metrics each beside buy-and-hold's, the peers whose re-runs
 * support it, and the digest.
 */
final class StrategyPrinter {
    private StrategyPrinter() {
    }

    /**
     * Prints {@code strategies} (summaries of {@code GET /api/strategies}) in the order given: best first; with the
     * robustness figures {@code robustness} has for them (by strategy id; none printed for a strategy not in it).
     */
    static void print(PrintWriter out, List<StrategyJson> strategies, Map<String, StrategyJson.Robustness> robustness,
                      PeerNames names) {
        int rank = 0;
        for (StrategyJson strategy : strategies) {
            rank++;
            out.println();
            // a walk-forward window's out-of-sample range is its test segment, not a holdout kept from every choice
            boolean window = strategy.split().startsWith("window");
            out.printf(Locale.ROOT, "#%d  strategy %s  (search %s, unit %d%s, %s) on %s%n", rank, strategy.id(),
                    strategy.searchId(), strategy.unit(), window ? ", " + strategy.split() : "", strategy.status(),
                    dataset(strategy.dataset()));
            out.println("    " + strategy.rules());
            out.println("    " + significance(strategy.significance()));
            StrategyJson.BuyAndHold buyAndHold = strategy.buyAndHold();
            new MetricsTable("    ", window ? "training" : "in-sample", "buy and hold", window ? "test" : "holdout",
                    "buy and hold")
                    .metrics(strategy.inSample().toMetrics(), buyAndHold.inSample().toMetrics(),
                            strategy.outOfSample().toMetrics(), buyAndHold.outOfSample().toMetrics())
                    .row("excess return %", MetricsTable.decimal(strategy.excessReturnPct().inSample()), "",
                            MetricsTable.decimal(strategy.excessReturnPct().outOfSample()), "")
                    .print(out);
            List<String> supporters = new ArrayList<>();
            strategy.supportingPeers().forEach(peer -> supporters.add(names.name(peer)));
            if (robustness.containsKey(strategy.id())) {
                robustness(out, robustness.get(strategy.id()));
            }
            out.printf(Locale.ROOT, "    supported by %s (%d peer%s; reported by %s)%n", String.join(", ", supporters),
                    supporters.size(), supporters.size() == 1 ? "" : "s", names.name(strategy.reporter()));
            out.printf(Locale.ROOT, "    digest %s (%s)%n", strategy.digest(), strategy.engineVersion());
        }
    }

    /**
     * The line a strategy's significance reads as: its deflated Sharpe ratio against the trials, the Sharpe ratio
     * luck alone reaches, and its probabilistic Sharpe ratio.
     */
    static String significance(SignificanceJson significance) {
        if (significance.deflatedSharpe() == null) {
            return "in-sample significance: n/a (" + (significance.undefined() != null ? significance.undefined()
                    : "undefined") + ")";
        }
        return String.format(Locale.ROOT, "in-sample significance: deflated Sharpe %.3f = P(true Sharpe above %.2f,"
                        + " what the best of %,d trials reaches by luck); probabilistic Sharpe %.3f = P(true Sharpe > 0)",
                significance.deflatedSharpe(), orZero(significance.luckSharpe()), significance.trials(),
                orZero(significance.probabilisticSharpe()));
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    /**
     * A strategy's robustness figures ({@code GET /api/strategies/{id}/robustness}): Monte Carlo percentiles of
     * return and drawdown, its neighbours on the gene grid, its entry rule against random entries; or why there are
     * none.
     */
    static void robustness(PrintWriter out, StrategyJson.Robustness figures) {
        RobustnessJson r = figures.robustness();
        if (r == null) {
            out.println("    robustness: n/a (" + (figures.robustnessUnavailable() != null
                    ? figures.robustnessUnavailable() : "not computed") + ")");
            return;
        }
        RobustnessJson.Bands reshuffled = r.monteCarlo().reshuffled();
        RobustnessJson.Bands bootstrapped = r.monteCarlo().bootstrapped();
        out.printf(Locale.ROOT, "    robustness on the in-sample range (seed %s), Monte Carlo over its %d trades, %,d runs"
                + " each:%n", r.seed(), r.randomEntries().entries(), bootstrapped.runs());
        new MetricsTable("      ", "5 %", "median", "95 %")
                .row("return %, trades reshuffled", percentiles(reshuffled.totalReturnPct()))
                .row("return %, trades bootstrapped", percentiles(bootstrapped.totalReturnPct()))
                .row("max drawdown %, reshuffled", percentiles(reshuffled.maxDrawdownPct()))
                .row("max drawdown %, bootstrapped", percentiles(bootstrapped.maxDrawdownPct()))
                .print(out);
        RobustnessJson.Neighbours neighbours = r.neighbours();
        int undefined = neighbours.undefinedSharpe();
        out.printf(Locale.ROOT, "    neighbours on the gene grid: %d, %s profitable, median Sharpe %s%s%n",
                neighbours.count(),
                neighbours.profitableShare() != null
                        ? String.format(Locale.ROOT, "%.0f %%", 100 * neighbours.profitableShare()) : "n/a",
                neighbours.medianSharpe() != null
                        ? String.format(Locale.ROOT, "%.2f", neighbours.medianSharpe()) : "n/a",
                undefined > 0 ? " (" + undefined + " without a Sharpe ratio, left out)" : "");
        RobustnessJson.RandomEntries random = r.randomEntries();
        out.printf(Locale.ROOT, "    random entries: p-value %.4f (%,d of %,d schedules of %d random entries with its exits"
                        + " returned at least its %.2f %%; their median %s %%)%n",
                random.pValue(), random.atLeastAsGood(), random.draws(), random.entries(), random.strategyReturnPct(),
                percent(random.randomReturnPct().median()));
    }

    /** The 5th, 50th and 95th percentiles as table cells; n/a where undefined. */
    private static String[] percentiles(RobustnessJson.PercentilesJson p) {
        return new String[] {percent(p.p5()), percent(p.median()), percent(p.p95())};
    }

    private static String percent(Double value) {
        return value != null ? MetricsTable.decimal(value) : "n/a";
    }

    /** "BTC-USD 5m (bundled-btcusd-5m)", from the API's dataset label. */
    static String dataset(DatasetLabelJson dataset) {
        if (dataset.name() == null) {
            return "dataset " + PeerNames.shortId(dataset.id());
        }
        return dataset.symbol() + " " + dataset.timeframe() + " (" + dataset.name() + ")";
    }
}
