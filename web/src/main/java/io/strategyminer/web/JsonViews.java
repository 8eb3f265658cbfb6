package io.strategyminer.web;

import io.strategyminer.backtest.BacktestResult;
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
import io.strategyminer.web.api.BacktestJson;
import io.strategyminer.web.api.MetricsJson;
import io.strategyminer.web.api.SearchJson;
import io.strategyminer.web.api.SignificanceJson;
import io.strategyminer.web.api.StrategyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The API's read models as the records of {@code io.strategyminer.web.api} (documented field by field in
 * web/README.md), built from the ledger's views.
 */
final class JsonViews {
    private JsonViews() {
    }

    static SearchJson searchSummary(SearchView search, DatasetLabels labels) {
        TrialStatistics reported = search.trials();
        return new SearchJson(search.id(), search.status().name(), search.submitted().origin().hex(),
                search.submitted().lamport(), search.unitsDone(), search.unitsFailed(), search.spec().workUnits(),
                labels.label(search.spec().dataset()), SearchSpecJson.write(search.spec()),
                new SearchJson.Trials(search.trialCount(), reported.genomes(), reported.sharpeCount()));
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

    static SearchJson.Detail searchDetail(SearchView search, DatasetLabels labels) {
        List<SearchJson.Unit> units = new ArrayList<>();
        for (UnitView unit : search.units()) {
            OptionalDouble fitness = reportedFitness(search.spec(), unit);
            units.add(new SearchJson.Unit(unit.unit(), search.spec().windowOf(unit.unit()), unit.status().name(),
                    unit.currentLease().map(JsonViews::lease).orElse(null),
                    unit.latestCheckpoint().map(c -> c.checkpoint().generation()).orElse(null),
                    unit.reports().stream().map(r -> new SearchJson.Report(r.id().toString(), r.status().name()))
                            .toList(),
                    unit.canonical().map(Object::toString).orElse(null),
                    unit.failureReason().orElse(null),
                    fitness.isPresent() ? fitness.getAsDouble() : null));
        }
        return SearchJson.Detail.of(searchSummary(search, labels), units);
    }

    static SearchJson.Lease lease(LeaseView lease) {
        return new SearchJson.Lease(lease.lease().holder().hex(), lease.lease().kind().name(), lease.lease().epoch(),
                lease.lease().deadlineMillis(), lease.granted().origin().hex());
    }

    /** The peers whose vote backs the reported digest (the reporter included). */
    static List<PeerId> supportingPeers(StrategyView strategy) {
        return strategy.verdict().tallies().stream()
                .filter(t -> t.digest().equals(strategy.report().digest()))
                .findFirst().map(Verdict.Tally::peers).orElse(List.of());
    }

    /**
     * A strategy as lists show it: its rules, both ranges' metrics beside buy-and-hold's and the excess over it,
     * and its significance in its search.
     */
    static StrategyJson strategySummary(StrategyView strategy, SearchView search, DatasetLabels labels) {
        StrategyReported report = strategy.report();
        return new StrategyJson(strategy.id().toString(), report.searchId(), report.unit(),
                search.spec().unitSplit(report.unit()).describe(), strategy.id().reporter().hex(),
                strategy.status().name(), report.genome().toSentence(), report.genome().risk().name(),
                search.spec().objective().id(), report.digest().hex(), report.tradesDigest().hex(),
                report.engineVersion(), labels.label(search.spec().dataset()), MetricsJson.of(report.inSample()),
                MetricsJson.of(report.outOfSample()),
                new StrategyJson.BuyAndHold(MetricsJson.of(report.inSampleBuyAndHold()),
                        MetricsJson.of(report.outOfSampleBuyAndHold())),
                new StrategyJson.Excess(report.inSample().returnPct() - report.inSampleBuyAndHold().returnPct(),
                        report.outOfSample().returnPct() - report.outOfSampleBuyAndHold().returnPct()),
                SignificanceJson.of(report.inSample(), search.trialCountOf(report.unit())),
                supportingPeers(strategy).stream().map(PeerId::hex).toList());
    }

    /** One re-run of a strategy and whether its digest agrees with the reported one. */
    record Verification(String verifier, String digest, String engineVersion, boolean agrees) {
        static Verification of(VerificationView v, StrategyView strategy) {
            return new Verification(v.reported().origin().hex(), v.verification().digest().hex(),
                    v.verification().engineVersion(), v.verification().digest().equals(strategy.report().digest()));
        }
    }

    /** The peers that voted for one digest, and how many independent ones they count as. */
    record Tally(String digest, int independent, List<String> peers) {
        static Tally of(Verdict.Tally tally) {
            return new Tally(tally.digest().hex(), tally.independent(), tally.peers().stream().map(PeerId::hex).toList());
        }
    }

    static BacktestJson.TradeJson trade(Trade t, CandleSeries candles) {
        return new BacktestJson.TradeJson(t.entryIndex(), candles.time()[t.entryIndex()], t.entryPrice(),
                t.exitIndex(), candles.time()[t.exitIndex()], t.exitPrice(), t.quantity(), t.pnl(), t.returnPct(),
                t.exitReason().name());
    }

    /**
     * A range's backtest: metrics, buy-and-hold's metrics and the excess return over it, every trade, and the
     * equity curve with the close price (for buy-and-hold) sampled to at most {@code maxPoints} candles, the
     * range's last candle always included.
     */
    static BacktestJson backtest(BacktestResult result, CandleSeries candles, int maxPoints) {
        List<Long> time = new ArrayList<>();
        List<Double> equity = new ArrayList<>();
        List<Double> close = new ArrayList<>();
        double[] values = result.equity();
        int from = result.range().from();
        // stride ⌈(n−1)/(max−1)⌉ keeps at most maxPoints samples even with the last candle added
        int stride = Math.max(1, (values.length - 1 + maxPoints - 2) / (maxPoints - 1));
        for (int i = 0; i < values.length; i += stride) {
            time.add(candles.time()[from + i]);
            equity.add(values[i]);
            close.add(candles.close()[from + i]);
        }
        int last = values.length - 1;
        if (last > 0 && last % stride != 0) {
            time.add(candles.time()[from + last]);
            equity.add(values[last]);
            close.add(candles.close()[from + last]);
        }
        return new BacktestJson(result.range().from(), result.range().to(), MetricsJson.of(result.metrics()),
                MetricsJson.of(result.buyAndHold()), result.excessReturnPct(),
                result.trades().stream().map(t -> trade(t, candles)).toList(),
                new BacktestJson.Equity(time, equity, close));
    }
}
