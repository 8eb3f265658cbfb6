package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestResult;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Evaluation;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.Dataset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A walk-forward search: units take turns over the windows, each window is judged on the segment after its
 * training part, and the segments stitch into one out-of-sample record with Pardo's efficiency.
 */
class WalkForwardTest {
    /** 30,000 five-minute candles with a planted edge (104 days), so strategies that trade exist in every window. */
    private static final Dataset MARKET = SyntheticMarket.plantedEdge(30_000, 3, 0.002);

    private static SearchSpec spec(int windows, boolean anchored) {
        return SearchSpec.builder().dataset(MARKET.id()).seed(9).objective(Objective.CALMAR).splitPercent(75)
                .walkForward(windows).anchored(anchored).workUnits(2 * windows).build();
    }

    private static Genome mined(SearchSpec spec, int unit, Backtester backtester) {
        WorkUnitSpec work = spec.workUnit(unit).toBuilder().population(12).generations(3).build();
        try (WorkUnitRunner runner = new WorkUnitRunner(1)) {
            return runner.run(work, backtester, Optional.empty(), summary -> { }, CheckpointSink.NONE,
                    new CancellationToken()).bestGenome();
        }
    }

    @Test
    void unitsTakeTurnsOverTheWindowsAndEachMinesOnlyItsTrainingPart() {
        SearchSpec spec = spec(3, false);
        for (int unit = 0; unit < spec.workUnits(); unit++) {
            WorkUnitSpec work = spec.workUnit(unit);
            assertEquals(unit % 3, work.split().window());
            assertEquals(spec.split(unit % 3), work.split());
        }
        assertTrue(spec.workUnit(0).specHash().equals(spec.workUnit(0).specHash()));
        assertTrue(!spec.workUnit(0).split().equals(spec.workUnit(1).split()), "another window is another unit");
    }

    @Test
    void eachWindowIsJudgedOnTheSegmentAfterItAndTheSegmentsStitchWithTheirCapital() {
        SearchSpec spec = spec(3, false);
        Backtester backtester = new Backtester(MARKET, spec.costs());
        List<Optional<Genome>> chosen = List.of(Optional.of(mined(spec, 0, backtester)),
                Optional.of(mined(spec, 1, backtester)), Optional.of(mined(spec, 2, backtester)));
        WalkForward.Report report = WalkForward.evaluate(spec, backtester, chosen);

        double growth = 1;
        double trainingPerYear = 0;
        for (WalkForward.Window window : report.windows()) {
            // what the window's canonical report carries (and its verifiers reproduce) is what the walk-forward shows
            Evaluation canonical = backtester.evaluate(chosen.get(window.window()).orElseThrow(),
                    spec.split(window.window()));
            assertEquals(canonical.inSample().metrics(), window.inSample().orElseThrow());
            assertEquals(canonical.outOfSample().metrics(), window.outOfSample().orElseThrow());
            assertEquals(canonical.outOfSample().buyAndHold(), window.outOfSampleBuyAndHold());
            growth *= 1 + window.outOfSample().orElseThrow().returnPct() / 100;
            double trained = WalkForward.annualisedReturnPct(window.inSample().get(), window.training(), MARKET);
            trainingPerYear += trained;
            double tested = WalkForward.annualisedReturnPct(window.outOfSample().get(), window.test(), MARKET);
            assertEquals(trained > 0 ? tested / trained : Double.NaN, window.efficiency());
        }
        BacktestResult stitched = report.stitched();
        assertEquals(new Range(report.windows().get(0).test().from(), MARKET.size()), stitched.range());
        assertEquals(growth, 1 + stitched.metrics().returnPct() / 100, 1e-9,
                "the stitched return compounds the windows' test returns");
        assertEquals(report.windows().stream().mapToInt(w -> w.outOfSample().get().trades()).sum(),
                stitched.metrics().trades());
        assertEquals(backtester.buyAndHold(stitched.range()), stitched.buyAndHold());
        double mean = trainingPerYear / 3;
        assertEquals(mean > 0 ? WalkForward.annualisedReturnPct(stitched.metrics(), stitched.range(), MARKET) / mean
                : Double.NaN, report.efficiency());
    }

    @Test
    void aWindowWhoseUnitsAllFailedHoldsCash() {
        SearchSpec spec = spec(2, true);
        Backtester backtester = new Backtester(MARKET, spec.costs());
        Genome second = mined(spec, 1, backtester);
        WalkForward.Report report = WalkForward.evaluate(spec, backtester, List.of(Optional.empty(),
                Optional.of(second)));
        WalkForward.Window cash = report.windows().get(0);
        assertTrue(cash.genome().isEmpty() && cash.inSample().isEmpty());
        assertTrue(Double.isNaN(cash.efficiency()));
        Range test = cash.test();
        for (int k = 0; k < test.length(); k++) {
            assertEquals(spec.costs().initialCapital(), report.stitched().equity()[k]);
        }
        Metrics secondTest = report.windows().get(1).outOfSample().orElseThrow();
        assertEquals(secondTest.returnPct(), report.stitched().metrics().returnPct(), 1e-9);
        assertEquals(new Range(0, report.windows().get(1).test().from()), report.windows().get(1).training(),
                "anchored windows train from the first candle");
    }

    @Test
    void aWalkForwardIsRefusedWhereItCannotBeCutNamingTheField() {
        SearchSpec.Builder base = SearchSpec.builder().dataset(MARKET.id()).seed(1).objective(Objective.CALMAR);
        assertEquals("workUnits", assertThrows(InvalidSearchException.class,
                () -> base.walkForward(3).workUnits(4).build()).field());
        assertEquals("splitPercent", assertThrows(InvalidSearchException.class,
                () -> base.walkForward(3).workUnits(3).splitPercent(100).build()).field());
        assertEquals("anchored", assertThrows(InvalidSearchException.class,
                () -> base.walkForward(1).workUnits(4).splitPercent(70).anchored(true).build()).field());
        assertEquals("walkForward", assertThrows(InvalidSearchException.class,
                () -> base.walkForward(51).anchored(false).build()).field());
        SearchSpec tiny = base.walkForward(50).workUnits(50).splitPercent(90).build();
        InvalidSearchException tooShort = assertThrows(InvalidSearchException.class, () -> tiny.checkFits(60, 300));
        assertEquals("walkForward", tooShort.field());
        SearchSpec sharpe = base.walkForward(10).workUnits(10).splitPercent(70).objective(Objective.SHARPE).build();
        InvalidSearchException shortWindows = assertThrows(InvalidSearchException.class,
                () -> sharpe.checkFits(MARKET.size(), 300));
        assertTrue(shortWindows.getMessage().contains("each window's 70 %"), shortWindows.getMessage());
    }
}
