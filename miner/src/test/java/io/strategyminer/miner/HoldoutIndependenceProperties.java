package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * No step that chooses reads the holdout (DESIGN §3, "Holdout rule"), proven on whole work units the way the engine's
 * no-lookahead property is proven on backtests: the same unit run on a dataset and on the same dataset with every
 * holdout candle rewritten — arbitrarily, but as valid candles — reports the same genomes in the same order, with
 * the same fitness, in-sample figures and trial statistics, and the cluster's ranking puts them in the same order.
 * Only what is displayed about the holdout (its metrics, hence the digests, and the dataset id) may differ.
 */
class HoldoutIndependenceProperties {
    private static final int POPULATION = 12;
    private static final int GENERATIONS = 4;

    /** 69 days of 5-minute candles: 48 in-sample days, enough for daily Sharpe ratios (the default objective). */
    private static final Dataset SYNTHETIC = SyntheticMarket.plantedEdge(20_000, 11, 0.002);

    @Property(tries = 8)
    void rewritingTheHoldoutChangesNoChoiceOnSharpe(@ForAll long seed) {
        assertHoldoutIsNeverRead(SYNTHETIC, Objective.SHARPE, seed);
    }

    /** The bundled week is too short for daily statistics (no trial has a Sharpe ratio): the short-range objective. */
    @Property(tries = 8)
    void rewritingTheHoldoutChangesNoChoiceOnTheBundledWeek(@ForAll long seed) {
        assertHoldoutIsNeverRead(BundledDatasets.btcUsd5m(), Objective.CALMAR, Split.DEFAULT, seed);
    }

    /**
     * A walk-forward window's unit never reads its test segment, nor anything after it: rewriting every candle from
     * its test segment on changes none of its choices.
     */
    @Property(tries = 8)
    void rewritingEverythingAfterAWalkForwardWindowsTrainingChangesNoChoice(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 6) int windows, @ForAll @IntRange(min = 0, max = 5) int window,
            @ForAll boolean anchored) {
        Split split = Split.walkForward(70, windows, Math.min(window, windows - 1), anchored);
        assertHoldoutIsNeverRead(SYNTHETIC, Objective.CALMAR, split, seed);
    }

    private static void assertHoldoutIsNeverRead(Dataset dataset, Objective objective, long seed) {
        assertHoldoutIsNeverRead(dataset, objective, Split.DEFAULT, seed);
    }

    private static void assertHoldoutIsNeverRead(Dataset dataset, Objective objective, Split split, long seed) {
        Dataset rewritten = withHoldoutRewritten(dataset, split.boundary(dataset.size()), seed);
        StrategyReport original = run(dataset, objective, split, seed);
        StrategyReport other = run(rewritten, objective, split, seed);

        assertEquals(original.generations(), other.generations());
        assertEquals(original.backtests(), other.backtests());
        assertEquals(original.trials(), other.trials());
        assertEquals(original.strategies().size(), other.strategies().size());
        for (int i = 0; i < original.strategies().size(); i++) {
            RankedStrategy a = original.strategies().get(i);
            RankedStrategy b = other.strategies().get(i);
            assertEquals(a.genome(), b.genome(), "strategy " + i);
            assertEquals(a.fitness(), b.fitness(), "strategy " + i);
            assertEquals(a.inSample(), b.inSample(), "strategy " + i);
            assertEquals(a.inSampleBuyAndHold(), b.inSampleBuyAndHold());
        }
        assertEquals(ranked(original), ranked(other));
        // The holdout was really rewritten, and what is shown of it says so.
        assertNotEquals(original.outOfSampleBuyAndHold(), other.outOfSampleBuyAndHold());
    }

    /** The same unit (seed, sizes, objective, split) on {@code dataset}. */
    private static StrategyReport run(Dataset dataset, Objective objective, Split split, long seed) {
        WorkUnitSpec spec = WorkUnitSpec.builder(dataset.id(), seed).population(POPULATION).generations(GENERATIONS)
                .objective(objective).split(split).build();
        try (WorkUnitRunner runner = new WorkUnitRunner(2)) {
            return runner.run(spec, new Backtester(dataset, spec.backtest()), Optional.empty(), ProgressListener.NONE,
                    CheckpointSink.NONE, CancellationToken.none());
        }
    }

    /** The genomes in the cluster's order. */
    private static List<Genome> ranked(StrategyReport report) {
        return DeflatedSharpeRanking.bestFirst(report.strategies(), RankedStrategy::inSample,
                DeflatedSharpeRanking.trials(POPULATION, GENERATIONS, 1)).stream().map(RankedStrategy::genome).toList();
    }

    /**
     * The same candles before {@code boundary}; from it on, new valid candles: open and close each the original
     * times a random factor in [0.5, 1.5), high and low beyond them by up to 10 %, random volume (a quarter zero).
     * Times stay: they are the candles' identity, not their content.
     */
    private static Dataset withHoldoutRewritten(Dataset dataset, int boundary, long seed) {
        CandleSeries s = dataset.candles();
        double[] open = s.open().clone();
        double[] high = s.high().clone();
        double[] low = s.low().clone();
        double[] close = s.close().clone();
        double[] volume = s.volume().clone();
        Xoshiro256 rng = Xoshiro256.seeded(~seed);
        for (int i = boundary; i < s.size(); i++) {
            open[i] *= 0.5 + rng.nextDouble();
            close[i] *= 0.5 + rng.nextDouble();
            high[i] = Math.max(open[i], close[i]) * (1 + rng.nextDouble() / 10);
            low[i] = Math.min(open[i], close[i]) * (1 - rng.nextDouble() / 10);
            volume[i] = rng.nextInt(4) == 0 ? 0 : rng.nextDouble() * 100;
        }
        return Dataset.of(dataset.name() + " (holdout rewritten)", dataset.symbol(), dataset.timeframeSeconds(),
                new CandleSeries(s.time().clone(), open, high, low, close, volume));
    }
}
