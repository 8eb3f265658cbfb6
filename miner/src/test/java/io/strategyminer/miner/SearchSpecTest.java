package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.DatasetId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A search as every front end holds it: the builder's defaults, each limit at, inside and beyond its bounds, the
 * walk-forward's extra rules, the work units derived from it, and the check of a search against its dataset.
 */
class SearchSpecTest {
    private static final DatasetId DATASET = DatasetId.parse("cd".repeat(32));
    private static final long DAY = 86_400;

    private static SearchSpec.Builder search() {
        return SearchSpec.builder().dataset(DATASET).seed(7);
    }

    private static InvalidSearchException refused(Executable build) {
        return assertThrows(InvalidSearchException.class, build);
    }

    @Test
    void theBuilderStartsFromTheDocumentedDefaults() {
        SearchSpec spec = search().build();
        assertEquals(new SearchSpec(DATASET, 70, 40, 30, RiskLevel.MEDIUM, Objective.SHARPE, 10, 4, 2, 7, false,
                0.10, 0.05, 1, false), spec);
        assertFalse(spec.isWalkForward());
        assertEquals(spec, spec.toBuilder().build());
    }

    @Test
    void everyParameterGivenToTheBuilderReachesTheSearch() {
        SearchSpec spec = search().splitPercent(60).population(50).generations(20).risk(RiskLevel.HIGH)
                .objective(Objective.CALMAR).minTrades(3).workUnits(6).quorum(3).allowSameMachine(true).feePct(0.2)
                .slippagePct(0.3).walkForward(3).anchored(true).build();
        assertEquals(new SearchSpec(DATASET, 60, 50, 20, RiskLevel.HIGH, Objective.CALMAR, 3, 6, 3, 7, true, 0.2,
                0.3, 3, true), spec);
        assertEquals(spec, spec.toBuilder().build(), "toBuilder keeps every parameter");
        assertEquals(8, spec.toBuilder().seed(8).build().seed());
    }

    @Test
    void theSeedIsRequiredAndTheBuilderSaysWhetherItHasOne() {
        SearchSpec.Builder builder = SearchSpec.builder().dataset(DATASET);
        assertFalse(builder.hasSeed());
        InvalidSearchException e = refused(builder::build);
        assertEquals("seed", e.field());
        assertTrue(builder.seed(0).hasSeed(), "0 is a seed like any other");
        assertEquals(0, builder.build().seed());
    }

    @Test
    void datasetRiskAndObjectiveAreRequiredByName() {
        assertEquals("dataset: required", refused(() -> SearchSpec.builder().seed(1).build()).getMessage());
        assertEquals("risk: required", refused(() -> search().risk(null).build()).getMessage());
        assertEquals("objective: required", refused(() -> new SearchSpec(DATASET, 70, 40, 30, RiskLevel.LOW, null,
                10, 4, 2, 7, false, 0.1, 0.05, 1, false)).getMessage());
    }

    @Test
    void eachLimitIsCheckedAtItsBoundsAndBeyondThem() {
        assertEquals(10, search().splitPercent(10).build().splitPercent());
        assertEquals(100, search().splitPercent(100).build().splitPercent());
        assertEquals("splitPercent: 9 is outside 10–100", refused(() -> search().splitPercent(9).build()).getMessage());
        assertEquals("splitPercent: 101 is outside 10–100",
                refused(() -> search().splitPercent(101).build()).getMessage());

        assertEquals(4, search().population(4).build().population());
        assertEquals("population: 3 is outside 4–10,000", refused(() -> search().population(3).build()).getMessage());
        assertEquals(1, search().generations(1).build().generations());
        assertEquals("generations: 0 is outside 1–100,000", refused(() -> search().generations(0).build()).getMessage());
        assertEquals(0, search().minTrades(0).build().minTrades());
        assertEquals("minTrades: -1 is outside 0–1,000,000", refused(() -> search().minTrades(-1).build()).getMessage());
        assertEquals(1, search().workUnits(1).build().workUnits());
        assertEquals(100_000, search().workUnits(100_000).build().workUnits());
        assertEquals("workUnits: 0 is outside 1–100,000", refused(() -> search().workUnits(0).build()).getMessage());
        assertEquals(64, search().quorum(64).build().quorum());
        assertEquals("quorum: 65 is outside 1–64", refused(() -> search().quorum(65).build()).getMessage());
        assertEquals(5.0, search().feePct(5).build().feePct());
        assertEquals("feePct: 5.01 is outside 0–5", refused(() -> search().feePct(5.01).build()).getMessage());
        assertEquals(0.0, search().slippagePct(0).build().slippagePct());
        assertEquals("slippagePct", refused(() -> search().slippagePct(Double.NaN).build()).field());
        assertEquals(Split.MAX_WINDOWS, search().walkForward(Split.MAX_WINDOWS).build().walkForward());
        assertEquals("walkForward: 51 is outside 1–50", refused(() -> search().walkForward(51).build()).getMessage());
        assertEquals("walkForward", refused(() -> search().walkForward(0).build()).field());
    }

    @Test
    void aUnitMayRunAMillionBacktestsButNotMore() {
        assertEquals(100, search().population(10_000).generations(100).build().generations());
        InvalidSearchException e = refused(() -> search().population(10_000).generations(101).build());
        assertEquals("generations", e.field());
    }

    @Test
    void aSingleSplitDefaultsToFourUnitsAndAWalkForwardToOneUnitPerWindow() {
        assertEquals(4, search().build().workUnits());
        assertEquals(2, search().walkForward(2).build().workUnits());
        assertEquals(7, search().walkForward(7).build().workUnits());
        assertEquals(14, search().walkForward(7).workUnits(14).build().workUnits());
    }

    @Test
    void aWalkForwardNeedsAHoldoutShareAndUnitsThatDivideAmongItsWindows() {
        InvalidSearchException wholeRange = refused(() -> search().splitPercent(100).walkForward(2).build());
        assertEquals("splitPercent: a walk-forward checks every window on the segment after it: the in-sample share"
                + " must be below 100 %", wholeRange.getMessage());
        InvalidSearchException uneven = refused(() -> search().walkForward(3).workUnits(10).build());
        assertEquals("workUnits: 10 work units do not divide among 3 walk-forward windows; use a multiple of 3 (3, 6,"
                + " …)", uneven.getMessage());
        InvalidSearchException anchoredSplit = refused(() -> search().anchored(true).build());
        assertEquals("anchored: only a walk-forward (2 or more windows) can be anchored", anchoredSplit.getMessage());
        assertTrue(search().walkForward(3).workUnits(9).anchored(true).build().anchored());
    }

    @Test
    void unitsAreSpreadOverTheWindowsInTurn() {
        SearchSpec spec = search().splitPercent(60).walkForward(3).workUnits(6).build();
        assertTrue(spec.isWalkForward());
        assertEquals(0, spec.windowOf(0));
        assertEquals(2, spec.windowOf(2));
        assertEquals(0, spec.windowOf(3));
        assertEquals(new Split(60, 3, 1, false), spec.unitSplit(4));
        assertEquals(new Split(60, 3, 2, false), spec.split(2));
        assertEquals(0, search().build().windowOf(3), "a single split has one window");
    }

    @Test
    void workUnitsExistFromZeroToOneBelowTheCount() {
        SearchSpec spec = search().population(12).generations(5).risk(RiskLevel.LOW).objective(Objective.PNL)
                .minTrades(2).workUnits(3).feePct(0.2).slippagePct(0.1).build();
        WorkUnitSpec last = spec.workUnit(2);
        assertEquals(WorkUnitSpec.builder(DATASET, WorkUnitSpec.unitSeed(7, 2)).split(new Split(70)).population(12)
                .generations(5).risk(RiskLevel.LOW).objective(Objective.PNL).minTrades(2)
                .backtest(new BacktestConfig(0.2, 0.1, BacktestConfig.DEFAULT.initialCapital())).build(), last);
        assertEquals(spec.costs(), last.backtest());
        assertEquals("unit 3 outside the search's [0, 3)",
                assertThrows(IllegalArgumentException.class, () -> spec.workUnit(3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> spec.workUnit(-1));
    }

    @Test
    void aSearchNeedsAtLeastTwoInSampleCandles() {
        SearchSpec spec = search().splitPercent(10).objective(Objective.CALMAR).build();
        assertDoesNotThrow(() -> spec.checkFits(20, 300));
        InvalidSearchException e = refused(() -> spec.checkFits(19, 300));
        assertEquals("splitPercent: 10 % of 19 candles leaves 1 in-sample candle(s); a search needs at least 2",
                e.getMessage());
    }

    @Test
    void aWalkForwardNeedsTwoCandlesInEachWindowsTrainingAndTestParts() {
        SearchSpec twoWindows = search().splitPercent(50).walkForward(2).objective(Objective.CALMAR).build();
        // 6 candles: test segments of 6 × 50 / 150 = 2, a first training part of 2
        assertDoesNotThrow(() -> twoWindows.checkFits(6, 300));
        InvalidSearchException shortTests = refused(() -> twoWindows.checkFits(5, 300));
        assertEquals("walkForward: 2 windows over 5 candles leave test segments of 1 candle(s); use fewer windows or"
                + " a longer dataset", shortTests.getMessage());

        SearchSpec smallShare = search().splitPercent(10).walkForward(2).objective(Objective.CALMAR).build();
        // 20 candles: test segments of 20 × 90 / 190 = 9, leaving 2 for the first training part
        assertDoesNotThrow(() -> smallShare.checkFits(20, 300));
        InvalidSearchException shortTraining = refused(() -> smallShare.checkFits(5, 300));
        assertEquals("splitPercent: 10 % of 5 candles leaves 1 in-sample candle(s) in each of 2 windows; a search"
                + " needs at least 2", shortTraining.getMessage());
    }

    @Test
    void dailyStatisticsNeedThirtyInSampleDays() {
        // daily candles, half of them in-sample: 60 candles give exactly 30 days
        SearchSpec sharpe = search().splitPercent(50).objective(Objective.SHARPE).build();
        assertDoesNotThrow(() -> sharpe.checkFits(60, DAY));
        InvalidSearchException e = refused(() -> sharpe.checkFits(59, DAY));
        assertEquals("objective: sharpe needs an in-sample range of at least 30 days of daily returns, but 50 % of this"
                + " dataset is 29.0 days; choose objective pnl or calmar, or a longer dataset", e.getMessage());
        // the same range in 5-minute candles is 288 times shorter
        assertEquals("objective", refused(() -> sharpe.checkFits(60, 300)).field());
        assertDoesNotThrow(() -> sharpe.checkFits(60 * 288, 300));

        SearchSpec sortino = search().splitPercent(50).objective(Objective.SORTINO).build();
        assertEquals("objective", refused(() -> sortino.checkFits(59, DAY)).field());
        for (Objective noDailyReturns : new Objective[] {Objective.PNL, Objective.CALMAR}) {
            SearchSpec spec = search().splitPercent(50).objective(noDailyReturns).build();
            assertDoesNotThrow(() -> spec.checkFits(10, DAY), noDailyReturns.id());
        }
    }

    @Test
    void aWalkForwardIsJudgedByEachWindowsTrainingPart() {
        SearchSpec spec = search().splitPercent(50).walkForward(2).objective(Objective.SHARPE).build();
        // 84 daily candles: test segments of 28, a first training part of 28 days, short of 30
        InvalidSearchException e = refused(() -> spec.checkFits(84, DAY));
        assertEquals("objective: sharpe needs an in-sample range of at least 30 days of daily returns, but each"
                + " window's 50 % of this dataset is 28.0 days; choose objective pnl or calmar, or a longer dataset",
                e.getMessage());
        assertDoesNotThrow(() -> spec.checkFits(90, DAY));
    }

    @Test
    void withoutAnObjectiveTheDatasetsLengthChoosesSharpeOrCalmar() {
        // 70 % of 43 daily candles is 30 days, of 42 is 29
        assertEquals(Objective.SHARPE, search().objectiveFor(43, DAY).build().objective());
        assertEquals(Objective.CALMAR, search().objectiveFor(42, DAY).build().objective());
        assertEquals(Objective.SHARPE, search().objectiveFor(43 * 288, 300).build().objective());
        assertEquals(Objective.CALMAR, search().objectiveFor(43, 300).build().objective());
        // a given objective stays, however short the dataset
        assertEquals(Objective.SORTINO, search().objective(Objective.SORTINO).objectiveFor(10, 300).build()
                .objective());
        assertEquals(Objective.PNL, search().objective(Objective.PNL).objectiveFor(10_000, DAY).build().objective());
        // without objectiveFor the default applies
        assertEquals(SearchSpec.DEFAULT_OBJECTIVE, search().build().objective());
    }

    @Test
    void aWalkForwardsObjectiveIsChosenByItsShortestTrainingPart() {
        // 84 daily candles: a single 50 % split trains on 42 days, the first of two windows on 28
        assertEquals(Objective.SHARPE, search().splitPercent(50).objectiveFor(84, DAY).build().objective());
        assertEquals(Objective.CALMAR, search().splitPercent(50).walkForward(2).objectiveFor(84, DAY).build()
                .objective());
        // a walk-forward over the whole range is refused by build(), not while choosing the objective
        SearchSpec.Builder wholeRange = search().splitPercent(100).walkForward(2).objectiveFor(30, DAY);
        assertEquals("splitPercent", refused(wholeRange::build).field());
        assertEquals(Objective.SHARPE, wholeRange.splitPercent(90).workUnits(2).build().objective());
        // nor is an anchored single split: its one range is the whole in-sample share
        SearchSpec.Builder anchoredSplit = search().anchored(true).objectiveFor(43, DAY);
        assertEquals("anchored", refused(anchoredSplit::build).field());
        assertEquals(Objective.SHARPE, anchoredSplit.anchored(false).build().objective());
    }

    @Test
    void choosingTheObjectiveChecksTheSplitAndTheWindowsFirst() {
        assertEquals("splitPercent", refused(() -> search().splitPercent(5).objectiveFor(1_000, DAY)).field());
        assertEquals("walkForward", refused(() -> search().walkForward(0).objectiveFor(1_000, DAY)).field());
    }
}
