package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.BacktestResult;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Trade;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.ledger.state.Verdict;
import io.strategyminer.ledger.state.VerificationView;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.miner.SearchSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The JSON shapes of the API's read models (documented field by field in web/README.md). */
final class JsonViews {
    private JsonViews() {
    }

    /** Every metric under its own name, plus calmar; an undefined (NaN) figure is JSON null, never "NaN". */
    static ObjectNode metrics(Metrics m) {
        ObjectNode node = Json.object()
                .put("netPnl", m.netPnl())
                .put("returnPct", m.returnPct());
        putDefined(node, "cagrPct", m.cagrPct());
        node.put("trades", m.trades())
                .put("winRate", m.winRate())
                .put("profitFactor", m.profitFactor())
                .put("exposurePct", m.exposurePct())
                .put("maxDrawdownPct", m.maxDrawdownPct())
                .put("days", m.days());
        putDefined(node, "sharpe", m.sharpe());
        putDefined(node, "sortino", m.sortino());
        putDefined(node, "dailySkewness", m.dailySkewness());
        putDefined(node, "dailyKurtosis", m.dailyKurtosis());
        return node.put("calmar", m.calmar());
    }

    static void putDefined(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    static ObjectNode searchSummary(SearchView search, DatasetLabels labels) {
        ObjectNode node = Json.object()
                .put("id", search.id())
                .put("status", search.status().name())
                .put("submitter", search.submitted().origin().hex())
                .put("lamport", search.submitted().lamport())
                .put("unitsDone", search.unitsDone())
                .put("unitsFailed", search.unitsFailed())
                .put("workUnits", search.spec().workUnits());
        node.set("dataset", labels.node(search.spec().dataset()));
        node.set("parameters", SearchSpecJson.write(search.spec()));
        TrialStatistics reported = search.trials();
        node.putObject("trials").put("count", search.trialCount()).put("genomes", reported.genomes())
                .put("withSharpe", reported.sharpeCount());
        return node;
    }

    /**
     * The fitness of the genome the unit's run ended with, once reported: its canonical report's, else its first
     * report's (while verifiers re-run it). Running units' fitness comes live from {@code unit_progress}.
     */
    private static OptionalDouble reportedFitness(SearchSpec spec, UnitView unit) {
        Optional<StrategyView> report = unit.result().or(() -> unit.reports().stream().findFirst());
        return report.map(r -> spec.objective().fitness(r.report().inSample(), spec.minTrades()))
                .orElse(OptionalDouble.empty());
    }

    static ObjectNode searchDetail(SearchView search, DatasetLabels labels) {
        ObjectNode node = searchSummary(search, labels);
        ArrayNode units = node.putArray("units");
        for (UnitView unit : search.units()) {
            ObjectNode u = units.addObject()
                    .put("unit", unit.unit())
                    .put("window", search.spec().windowOf(unit.unit()))
                    .put("status", unit.status().name());
            if (unit.currentLease().isPresent()) {
                u.set("lease", lease(unit.currentLease().get()));
            } else {
                u.putNull("lease");
            }
            if (unit.latestCheckpoint().isPresent()) {
                u.put("generation", unit.latestCheckpoint().get().checkpoint().generation());
            } else {
                u.putNull("generation");
            }
            ArrayNode reports = u.putArray("reports");
            unit.reports().forEach(r -> reports.addObject().put("strategy", r.id().toString())
                    .put("status", r.status().name()));
            if (unit.canonical().isPresent()) {
                u.put("canonical", unit.canonical().get().toString());
            } else {
                u.putNull("canonical");
            }
            if (unit.failureReason().isPresent()) {
                u.put("failure", unit.failureReason().get());
            } else {
                u.putNull("failure");
            }
            OptionalDouble fitness = reportedFitness(search.spec(), unit);
            if (fitness.isPresent()) {
                u.put("bestFitness", fitness.getAsDouble());
            } else {
                u.putNull("bestFitness");
            }
        }
        return node;
    }

    static ObjectNode lease(LeaseView lease) {
        return Json.object()
                .put("holder", lease.lease().holder().hex())
                .put("kind", lease.lease().kind().name())
                .put("epoch", lease.lease().epoch())
                .put("deadlineMillis", lease.lease().deadlineMillis())
                .put("grantedBy", lease.granted().origin().hex());
    }

    /** The peers whose vote backs the reported digest (the reporter included). */
    static List<PeerId> supportingPeers(StrategyView strategy) {
        return strategy.verdict().tallies().stream()
                .filter(t -> t.digest().equals(strategy.report().digest()))
                .findFirst().map(Verdict.Tally::peers).orElse(List.of());
    }

    /**
     * A strategy as lists show it: its rules, both ranges' metrics beside buy-and-hold's and the excess over it,
     * and its significance in its search ({@link #significance}).
     */
    static ObjectNode strategySummary(StrategyView strategy, SearchView search, DatasetLabels labels) {
        StrategyReported report = strategy.report();
        ObjectNode node = Json.object()
                .put("id", strategy.id().toString())
                .put("searchId", report.searchId())
                .put("unit", report.unit())
                // what its in-sample and out-of-sample ranges are: "70 %", or "window 2 of 5 (rolling, 70 %)"
                .put("split", search.spec().unitSplit(report.unit()).describe())
                .put("reporter", strategy.id().reporter().hex())
                .put("status", strategy.status().name())
                .put("rules", report.genome().toSentence())
                .put("risk", report.genome().risk().name())
                .put("objective", search.spec().objective().id())
                .put("digest", report.digest().hex())
                .put("tradesDigest", report.tradesDigest().hex())
                .put("engineVersion", report.engineVersion());
        node.set("dataset", labels.node(search.spec().dataset()));
        node.set("inSample", metrics(report.inSample()));
        node.set("outOfSample", metrics(report.outOfSample()));
        ObjectNode buyAndHold = node.putObject("buyAndHold");
        buyAndHold.set("inSample", metrics(report.inSampleBuyAndHold()));
        buyAndHold.set("outOfSample", metrics(report.outOfSampleBuyAndHold()));
        node.putObject("excessReturnPct")
                .put("inSample", report.inSample().returnPct() - report.inSampleBuyAndHold().returnPct())
                .put("outOfSample", report.outOfSample().returnPct() - report.outOfSampleBuyAndHold().returnPct());
        node.set("significance", SignificanceJson.of(report.inSample(), search.trialCountOf(report.unit())));
        ArrayNode supporting = node.putArray("supportingPeers");
        supportingPeers(strategy).forEach(p -> supporting.add(p.hex()));
        return node;
    }

    static ObjectNode verification(VerificationView v, StrategyView strategy) {
        return Json.object()
                .put("verifier", v.reported().origin().hex())
                .put("digest", v.verification().digest().hex())
                .put("engineVersion", v.verification().engineVersion())
                .put("agrees", v.verification().digest().equals(strategy.report().digest()));
    }

    static ObjectNode tally(Verdict.Tally tally) {
        ObjectNode node = Json.object().put("digest", tally.digest().hex()).put("independent", tally.independent());
        ArrayNode peers = node.putArray("peers");
        tally.peers().forEach(p -> peers.add(p.hex()));
        return node;
    }

    static ObjectNode trade(Trade t, CandleSeries candles) {
        return Json.object()
                .put("entryIndex", t.entryIndex())
                .put("entryTime", candles.time()[t.entryIndex()])
                .put("entryPrice", t.entryPrice())
                .put("exitIndex", t.exitIndex())
                .put("exitTime", candles.time()[t.exitIndex()])
                .put("exitPrice", t.exitPrice())
                .put("quantity", t.quantity())
                .put("pnl", t.pnl())
                .put("returnPct", t.returnPct())
                .put("exitReason", t.exitReason().name());
    }

    /**
     * A range's backtest: metrics, buy-and-hold's metrics and the excess return over it, every trade, and the
     * equity curve with the close price (for buy-and-hold) sampled to at most {@code maxPoints} candles, the
     * range's last candle always included.
     */
    static ObjectNode backtest(BacktestResult result, CandleSeries candles, int maxPoints) {
        ObjectNode node = Json.object().put("from", result.range().from()).put("to", result.range().to());
        node.set("metrics", metrics(result.metrics()));
        node.set("buyAndHold", metrics(result.buyAndHold()));
        node.put("excessReturnPct", result.excessReturnPct());
        ArrayNode trades = node.putArray("trades");
        result.trades().forEach(t -> trades.add(trade(t, candles)));
        ObjectNode curve = node.putObject("equity");
        ArrayNode time = curve.putArray("time");
        ArrayNode equity = curve.putArray("equity");
        ArrayNode close = curve.putArray("close");
        double[] values = result.equity();
        // stride ⌈(n−1)/(max−1)⌉ keeps at most maxPoints samples even with the last candle added
        int stride = Math.max(1, (values.length - 1 + maxPoints - 2) / (maxPoints - 1));
        for (int i = 0; i < values.length; i += stride) {
            addPoint(time, equity, close, candles, result.range().from() + i, values[i]);
        }
        int last = values.length - 1;
        if (last > 0 && last % stride != 0) {
            addPoint(time, equity, close, candles, result.range().from() + last, values[last]);
        }
        return node;
    }

    private static void addPoint(ArrayNode time, ArrayNode equity, ArrayNode close, CandleSeries candles, int candle,
                                 double value) {
        time.add(candles.time()[candle]);
        equity.add(value);
        close.add(candles.close()[candle]);
    }
}
