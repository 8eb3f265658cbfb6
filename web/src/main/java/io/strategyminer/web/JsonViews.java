package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.BacktestResult;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Trade;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.ledger.state.Verdict;
import io.strategyminer.ledger.state.VerificationView;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The JSON shapes of the API's read models (documented field by field in web/README.md). */
final class JsonViews {
    private JsonViews() {
    }

    static ObjectNode metrics(Metrics m) {
        return Json.object()
                .put("netPnl", m.netPnl())
                .put("returnPct", m.returnPct())
                .put("trades", m.trades())
                .put("winRate", m.winRate())
                .put("sharpe", m.sharpe())
                .put("sortino", m.sortino())
                .put("maxDrawdownPct", m.maxDrawdownPct())
                .put("profitFactor", m.profitFactor())
                .put("exposurePct", m.exposurePct())
                .put("calmar", m.calmar());
    }

    static ObjectNode searchParameters(SearchSubmitted s) {
        return Json.object()
                .put("dataset", s.dataset().hex())
                .put("splitPercent", s.splitPercent())
                .put("population", s.population())
                .put("generations", s.generations())
                .put("risk", s.risk().name())
                .put("objective", s.objective().id())
                .put("minTrades", s.minTrades())
                .put("workUnits", s.workUnits())
                .put("quorum", s.quorum())
                .put("seed", s.seed())
                .put("allowSameMachine", s.allowSameMachine());
    }

    static ObjectNode searchSummary(SearchView search) {
        ObjectNode node = Json.object()
                .put("id", search.id())
                .put("status", search.status().name())
                .put("submitter", search.submitted().origin().hex())
                .put("lamport", search.submitted().lamport())
                .put("unitsDone", search.unitsDone())
                .put("workUnits", search.spec().workUnits());
        node.set("parameters", searchParameters(search.spec()));
        return node;
    }

    /**
     * The fitness of the genome the unit's run ended with, once reported: its canonical report's, else its first
     * report's (while verifiers re-run it). Running units' fitness comes live from {@code unit_progress}.
     */
    private static OptionalDouble reportedFitness(SearchSubmitted spec, UnitView unit) {
        Optional<StrategyView> report = unit.canonical()
                .flatMap(id -> unit.reports().stream().filter(r -> r.id().equals(id)).findFirst())
                .or(() -> unit.reports().stream().findFirst());
        return report.map(r -> spec.objective().fitness(r.report().inSample(), spec.minTrades()))
                .orElse(OptionalDouble.empty());
    }

    static ObjectNode searchDetail(SearchView search) {
        ObjectNode node = searchSummary(search);
        ArrayNode units = node.putArray("units");
        for (UnitView unit : search.units()) {
            ObjectNode u = units.addObject()
                    .put("unit", unit.unit())
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

    static ObjectNode strategySummary(StrategyView strategy) {
        StrategyReported report = strategy.report();
        ObjectNode node = Json.object()
                .put("id", strategy.id().toString())
                .put("searchId", report.searchId())
                .put("unit", report.unit())
                .put("reporter", strategy.id().reporter().hex())
                .put("status", strategy.status().name())
                .put("rules", report.genome().toSentence())
                .put("risk", report.genome().risk().name())
                .put("digest", report.digest().hex())
                .put("engineVersion", report.engineVersion());
        node.set("inSample", metrics(report.inSample()));
        node.set("outOfSample", metrics(report.outOfSample()));
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
     * A range's backtest: metrics, every trade, and the equity curve with the close price (for
     * buy-and-hold) sampled to at most {@code maxPoints} candles, the range's last candle always included.
     */
    static ObjectNode backtest(BacktestResult result, CandleSeries candles, int maxPoints) {
        ObjectNode node = Json.object().put("from", result.range().from()).put("to", result.range().to());
        node.set("metrics", metrics(result.metrics()));
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
