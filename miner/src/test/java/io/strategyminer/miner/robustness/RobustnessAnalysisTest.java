package io.strategyminer.miner.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.miner.SyntheticMarket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The robustness figures on synthetic markets whose truth is known (miner's {@link SyntheticMarket}): the planted
 * edge's entry rule beats random entries, the same rule on a random walk does not; the figures are the same bits from
 * the same seed on a fresh backtester, and another seed draws others.
 */
class RobustnessAnalysisTest {
    /** 69 days of 5-minute candles; the in-sample 70 % has 48 days, so Sharpe ratios are defined. */
    private static final int CANDLES = 20_000;
    private static final double RALLY_DRIFT = 0.002;
    /** "BUY when ROC(10) < −1.5", held at most the planted rally's 12 candles: the edge, exactly. */
    private static final Genome BUY_THE_FLUSH = new Genome(
            Rule.all(new Condition(Indicator.of(IndicatorKind.ROC, 10), Comparison.BELOW, new Constant(-1.5))),
            Rule.none(), 2, 0, 0, 12, 50, RiskLevel.MEDIUM);

    private static Robustness analyse(Dataset dataset, Genome genome, long seed) {
        Backtester backtester = new Backtester(dataset, BacktestConfig.DEFAULT);
        return RobustnessAnalysis.analyse(backtester, genome, Split.DEFAULT.inSample(dataset.size()), seed,
                RobustnessAnalysis.Runs.DEFAULT);
    }

    @Test
    void aPlantedEdgeBeatsRandomEntriesAndTheSameRuleOnARandomWalkDoesNot() {
        for (long seed : new long[] {1, 2, 3}) {
            RandomEntrySignificance edge = analyse(SyntheticMarket.plantedEdge(CANDLES, seed, RALLY_DRIFT),
                    BUY_THE_FLUSH, seed).randomEntries();
            // no random schedule of 1,000 reached the rule's return: the smallest p-value 1,000 draws can give
            assertEquals(1.0 / 1_001, edge.pValue(), "planted edge, seed " + seed + ": " + edge);
            assertEquals(0, edge.atLeastAsGood());
            assertTrue(edge.entries() >= 50, edge::toString);

            RandomEntrySignificance noEdge = analyse(SyntheticMarket.randomWalk(CANDLES, seed), BUY_THE_FLUSH, seed)
                    .randomEntries();
            assertTrue(noEdge.pValue() > 0.05, "random walk, seed " + seed + ": " + noEdge);
        }
    }

    @Test
    void theSameSeedGivesTheSameBitsAndAnotherSeedOtherDraws() {
        Dataset market = SyntheticMarket.plantedEdge(CANDLES, 7, RALLY_DRIFT);
        Robustness first = analyse(market, BUY_THE_FLUSH, 42);
        // a fresh backtester (another cache, another thread's loop) and a fresh run: record equality compares every
        // double with Double.compare, so this is bit for bit
        assertEquals(first, analyse(market, BUY_THE_FLUSH, 42));
        assertEquals(first, CompletableFuture.supplyAsync(() -> analyse(market, BUY_THE_FLUSH, 42)).join(),
                "on another thread");
        Robustness other = analyse(market, BUY_THE_FLUSH, 43);
        assertNotEquals(first.bootstrapped(), other.bootstrapped());
        assertNotEquals(first.randomEntries().randomReturnPct(), other.randomEntries().randomReturnPct());
        assertEquals(first.neighbourhood(), other.neighbourhood(), "the neighbours draw nothing at random");
    }

    @Test
    void figuresOfTheInSampleRangeOnly() {
        Dataset market = SyntheticMarket.plantedEdge(CANDLES, 7, RALLY_DRIFT);
        Robustness r = analyse(market, BUY_THE_FLUSH, 1);
        Range inSample = Split.DEFAULT.inSample(CANDLES);
        assertEquals(inSample.from(), r.inSampleFrom());
        assertEquals(inSample.to(), r.inSampleTo());
        assertEquals(new Backtester(market, BacktestConfig.DEFAULT).metrics(BUY_THE_FLUSH, inSample).returnPct(),
                r.randomEntries().strategyReturnPct());
    }

    /**
     * On the bundled week no Sharpe ratio is defined (fewer than 30 days): the neighbours' median is NaN and every
     * neighbour is counted as undefined, never a NaN inside a median.
     */
    @Test
    void undefinedSharpeRatiosAreCountedNotAveraged() {
        Dataset week = BundledDatasets.btcUsd5m();
        Genome rsi = new Genome(
                Rule.all(new Condition(Indicator.of(IndicatorKind.RSI, 14), Comparison.BELOW, new Constant(40))),
                Rule.all(new Condition(Indicator.of(IndicatorKind.RSI, 14), Comparison.ABOVE, new Constant(60))),
                2, 4, 0, 0, 50, RiskLevel.MEDIUM);
        Neighbourhood n = analyse(week, rsi, 5).neighbourhood();
        // RSI period 12 and 20 (BUY, SELL), thresholds 35/45 and 55/65, stop 1.75/2.25, target 3.75/4.25, size 45
        // (50 is MEDIUM's largest)
        assertEquals(13, n.count(), n::toString);
        assertEquals(n.count(), n.undefinedSharpe());
        assertTrue(Double.isNaN(n.medianSharpe()));
        assertTrue(n.profitableShare() >= 0 && n.profitableShare() <= 1);
    }

    @Test
    void theSeedIsTheDigestsFirst64Bits() {
        assertEquals(0x8c6c71d0_12345678L,
                RobustnessAnalysis.seedOf("8c6c71d012345678" + "ab".repeat(24)));
        assertEquals(-1L, RobustnessAnalysis.seedOf("ffffffffffffffff"));
        assertThrows(IllegalArgumentException.class, () -> RobustnessAnalysis.seedOf("8c6c71d0"));
        assertThrows(IllegalArgumentException.class, () -> RobustnessAnalysis.seedOf("zz6c71d012345678"));
        assertThrows(IllegalArgumentException.class, () -> new RobustnessAnalysis.Runs(0, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new RobustnessAnalysis.Runs(1_000, 1_000_001));
    }
}
