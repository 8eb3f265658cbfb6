package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The search finds what there is to find. */
class SearchQualityTest {
    private static final int ISLANDS = 4;

    /**
     * The planted rule is a needle: with per-candle Sharpe (engine sm-engine-1) its neighbours ROC(9) &lt; -1.5 or
     * ROC(10) &lt; -1.2 scored about 90 against its 140, and proxies that buy after any dip about 100; with the
     * daily Sharpe of sm-engine-2 it scores 50.2, ROC(9) &lt; -1.5 40.1 and ROC(10) &lt; -1.2 55.3. Like a real
     * search, this one runs {@value #ISLANDS} work units (islands) with seeds derived from one search seed and
     * keeps the best.
     * Measured (see README): one 60 × 40 unit finds the needle in 10 of 32 seeds; a 4-unit search in 14 of
     * 19 search seeds; seed 42 is one of them, and fixed, so the test is deterministic.
     */
    @Test
    void aSearchFindsThePlantedRuleOrOneAtLeastAsGoodInSample() {
        Dataset planted = TestData.plantedRally(20_000, 5);
        Backtester backtester = new Backtester(planted, BacktestConfig.DEFAULT);
        WorkUnitSpec base = WorkUnitSpec.builder(planted.id(), 0).population(60).generations(40).build();
        Genome plantedRule = new Genome(
                Rule.all(new Condition(Indicator.of(IndicatorKind.ROC, TestData.PLANT_PERIOD), Comparison.BELOW,
                        new Constant(TestData.PLANT_DROP_PCT))),
                Rule.none(), 1, 4, 0, 0, 50, RiskLevel.MEDIUM);
        Metrics plantedInSample = backtester.metrics(plantedRule, base.split().inSample(planted.size()));
        Fitness plantedFitness = InSampleFitness.score(plantedInSample, base.objective(), base.minTrades());
        assertTrue(plantedFitness.qualified() && plantedFitness.value() > 30,
                "the planted rule is very profitable: " + plantedInSample);

        List<StrategyReport> islands = new ArrayList<>();
        try (WorkUnitRunner runner = new WorkUnitRunner(2)) {
            for (int unit = 0; unit < ISLANDS; unit++) {
                WorkUnitSpec spec = base.toBuilder().seed(WorkUnitSpec.unitSeed(42, unit)).build();
                islands.add(runner.run(spec, backtester, Optional.empty(), ProgressListener.NONE, CheckpointSink.NONE,
                        CancellationToken.none()));
            }
        }
        StrategyReport best = islands.stream().max((a, b) -> a.best().fitness().compareTo(b.best().fitness()))
                .orElseThrow();
        assertFalse(plantedFitness.isBetterThan(best.best().fitness()),
                "best found " + best.best().fitness() + " (" + best.bestGenome() + "), planted " + plantedFitness);
        // The edge is real in this series, so what the search found in-sample also pays out of sample.
        assertTrue(best.outOfSample().returnPct() > 0, "out of sample: " + best.outOfSample());
    }

    @Test
    void onRealCandlesTheBestFitnessNeverDropsAndEndsAboveTheRandomStart() {
        Dataset btc = TestData.btc2011();
        Backtester backtester = new Backtester(btc, BacktestConfig.DEFAULT);
        WorkUnitSpec spec = WorkUnitSpec.builder(btc.id(), 3).population(40).generations(12).build();
        List<GenerationSummary> generations = new ArrayList<>();
        try (WorkUnitRunner runner = new WorkUnitRunner(2)) {
            runner.run(spec, backtester, Optional.empty(), generations::add, CheckpointSink.NONE,
                    CancellationToken.none());
        }
        for (int g = 1; g < generations.size(); g++) {
            assertFalse(generations.get(g - 1).generationBest().isBetterThan(generations.get(g).generationBest()),
                    "elitism broken at generation " + (g + 1));
        }
        Fitness start = generations.get(0).best();
        Fitness end = generations.get(generations.size() - 1).best();
        System.out.println("best in-sample " + spec.objective().id() + " by generation: "
                + generations.stream().map(s -> s.best().toString()).toList());
        assertTrue(end.isBetterThan(start), "no progress: " + start + " → " + end);
    }
}
