package io.strategyminer.miner;

import io.strategyminer.backtest.Objective;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.DatasetId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkUnitSpecTest {
    private static final DatasetId DATASET = DatasetId.parse("ab".repeat(32));
    private static final WorkUnitSpec SPEC = WorkUnitSpec.builder(DATASET, 42).build();

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(new WorkUnitSpec(DATASET, Split.DEFAULT, 40, 30, RiskLevel.MEDIUM, Objective.SHARPE, 10, 42, 5,
                BacktestConfig.DEFAULT, 5), SPEC);
        assertEquals(SPEC, SPEC.toBuilder().build());
    }

    @Test
    void specHashIsPinned() {
        // Pinned: a change here orphans every checkpoint in every ledger, so it must be deliberate
        // (and come with a new SEARCH_VERSION, engine version or encoding tag). Last changed by sm-ga-3 and the
        // engine version joining the hash.
        assertEquals("sm-ga-3", WorkUnitSpec.SEARCH_VERSION);
        assertEquals("966818e7615301014e3a9efe2717280ec7040bcf2c7590fdf245be80005beb31",
                SPEC.specHash("sm-engine-2"));
        assertEquals(SPEC.specHash(EngineVersion.CURRENT), SPEC.specHash());
    }

    @Test
    void aCheckpointOfAnotherEngineBelongsToAnotherUnit() {
        // The fitness cached in a checkpoint is the engine's: resumed under another engine it would be another search.
        assertNotEquals(SPEC.specHash("sm-engine-1"), SPEC.specHash());
    }

    @Test
    void aUnitOfMoreBacktestsThanTheFingerprintBudgetIsRefusedNamingTheGenerations() {
        WorkUnitSpec.Builder atTheLimit = SPEC.toBuilder().population(10_000).generations(100);
        assertEquals(SearchLimits.MAX_UNIT_BACKTESTS, (long) atTheLimit.build().population() * 100);
        InvalidSearchException e = assertThrows(InvalidSearchException.class,
                () -> atTheLimit.generations(101).build());
        assertEquals("generations: population 10,000 × generations 101 = 1,010,000 backtests per work unit, more"
                + " than 1,000,000; use fewer generations or more work units", e.getMessage());
        assertThrows(InvalidSearchException.class, () -> SearchSpec.builder().dataset(DATASET).seed(1)
                .population(5_000).generations(201).build());
    }

    @Test
    void everyFieldThatShapesTheResultChangesTheHashButTheCheckpointIntervalDoesNot() {
        List<WorkUnitSpec> variants = List.of(
                SPEC,
                WorkUnitSpec.builder(DatasetId.parse("cd".repeat(32)), 42).build(),
                SPEC.toBuilder().seed(43).build(),
                SPEC.toBuilder().split(new Split(80)).build(),
                SPEC.toBuilder().split(Split.walkForward(70, 3, 0, false)).build(),
                SPEC.toBuilder().split(Split.walkForward(70, 3, 1, false)).build(),
                SPEC.toBuilder().split(Split.walkForward(70, 3, 1, true)).build(),
                SPEC.toBuilder().split(Split.walkForward(70, 4, 1, false)).build(),
                SPEC.toBuilder().population(41).build(),
                SPEC.toBuilder().generations(31).build(),
                SPEC.toBuilder().risk(RiskLevel.HIGH).build(),
                SPEC.toBuilder().objective(Objective.CALMAR).build(),
                SPEC.toBuilder().minTrades(11).build(),
                SPEC.toBuilder().backtest(new BacktestConfig(0.2, 0.05, 10_000)).build(),
                SPEC.toBuilder().backtest(new BacktestConfig(0.1, 0.06, 10_000)).build(),
                SPEC.toBuilder().backtest(new BacktestConfig(0.1, 0.05, 20_000)).build(),
                SPEC.toBuilder().reported(6).build());
        Set<String> hashes = new HashSet<>();
        variants.forEach(v -> hashes.add(v.specHash()));
        assertEquals(variants.size(), hashes.size());
        assertEquals(SPEC.specHash(), SPEC.toBuilder().checkpointEvery(1).build().specHash());
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SPEC.toBuilder().population(3).build());
        assertEquals("population: 3 is outside 4–10,000", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SPEC.toBuilder().generations(0).build());
        assertThrows(IllegalArgumentException.class, () -> SPEC.toBuilder().minTrades(-1).build());
        assertThrows(IllegalArgumentException.class, () -> SPEC.toBuilder().checkpointEvery(0).build());
        assertThrows(IllegalArgumentException.class, () -> SPEC.toBuilder().reported(51).build());
        assertTrue(assertThrows(NullPointerException.class, () -> SPEC.toBuilder().risk(null).build())
                .getMessage().contains("risk"));
    }

    @Test
    void objectivesParseCaseInsensitivelyAndScoreTheirMetric() {
        assertEquals(Objective.SORTINO, Objective.parse(" Sortino "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("profit"));
        assertEquals("unknown objective 'profit'; use one of [pnl, sharpe, sortino, calmar]", e.getMessage());
        io.strategyminer.backtest.Metrics m = new io.strategyminer.backtest.Metrics(150, 1.5, 20.0, 12, 0.5, 1.4, 20,
                3.0, 40, 1.1, 1.7, 0.1, 3.2);
        assertEquals(150, Objective.PNL.score(m));
        assertEquals(1.1, Objective.SHARPE.score(m));
        assertEquals(1.7, Objective.SORTINO.score(m));
        assertEquals(0.5, Objective.CALMAR.score(m));
    }
}
