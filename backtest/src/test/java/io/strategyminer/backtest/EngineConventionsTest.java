package io.strategyminer.backtest;

import static io.strategyminer.backtest.TestCandles.DOWN_CLOSE;
import static io.strategyminer.backtest.TestCandles.bar;
import static io.strategyminer.backtest.TestCandles.genome;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each execution convention of backtest/README.md on hand-made candles, with the expected trades
 * worked out by hand. Entries fire on an up-close (see {@link TestCandles#UP_CLOSE}).
 */
class EngineConventionsTest {
    private static final double EPS = 1e-9;

    /** Up-close at 2, flat, up-close at 5 while holding. */
    private static final Dataset RISE = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), bar(12, 12),
            bar(12, 12), bar(12, 13));

    private static List<Trade> trades(Dataset dataset, Genome genome) {
        return trades(dataset, genome, new Range(0, dataset.size()), BacktestConfig.FRICTIONLESS);
    }

    private static List<Trade> trades(Dataset dataset, Genome genome, Range range, BacktestConfig config) {
        return new Backtester(dataset, config).run(genome, range).trades();
    }

    private static void assertTrade(Trade t, int entry, double entryPrice, int exit, double exitPrice, ExitReason why) {
        assertEquals(entry, t.entryIndex(), "entry index of " + t);
        assertEquals(entryPrice, t.entryPrice(), EPS, "entry price of " + t);
        assertEquals(exit, t.exitIndex(), "exit index of " + t);
        assertEquals(exitPrice, t.exitPrice(), EPS, "exit price of " + t);
        assertEquals(why, t.exitReason(), "exit reason of " + t);
    }

    @Test
    void signalOnCloseFillsAtNextOpenAndAnOpenPositionClosesAtTheLastClose() {
        List<Trade> trades = trades(RISE, genome(Rule.all(DOWN_CLOSE), 0, 0, 0, 0));
        assertEquals(1, trades.size());
        assertTrade(trades.get(0), 3, 12, 5, 13, ExitReason.END_OF_DATA);
        assertEquals(10_000.0 / 12 * 13 - 10_000, trades.get(0).pnl(), EPS);
    }

    @Test
    void exitSignalFillsAtNextOpenAndTheNextEntryWaitsForItsOwnSignal() {
        Dataset d = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), bar(11, 12), bar(12, 11),
                bar(11.5, 11), bar(11.5, 12), bar(12.5, 12.5));
        List<Trade> trades = trades(d, genome(Rule.all(DOWN_CLOSE), 0, 0, 0, 0));
        assertEquals(2, trades.size());
        assertTrade(trades.get(0), 3, 11, 5, 11.5, ExitReason.SIGNAL);
        // Up-close on candle 6 (after the exit filled on 5) enters at 7's open; closed at 7's close.
        assertTrade(trades.get(1), 7, 12.5, 7, 12.5, ExitReason.END_OF_DATA);
    }

    @Test
    void stopFillsAtItsLevelInsideACandleAndAtTheOpenWhenTheOpenGapsThroughIt() {
        Genome stop10 = genome(Rule.none(), 10, 0, 0, 0);
        double level = 20 * ((100 - 10) / 100.0);
        Dataset inside = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), new double[] {20, 20, 19, 20},
                new double[] {20, 20.5, 17.5, 19}, bar(19, 19));
        assertTrade(trades(inside, stop10).get(0), 3, 20, 4, level, ExitReason.STOP_LOSS);

        Dataset gap = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), new double[] {20, 20, 19, 20},
                new double[] {15, 16, 14, 15}, bar(15, 15));
        assertTrade(trades(gap, stop10).get(0), 3, 20, 4, 15, ExitReason.STOP_LOSS);
    }

    @Test
    void stopsAreLiveFromTheEntryCandleOnAndAStoppedOutCandleMayStillSignalTheNextEntry() {
        Genome stop10 = genome(Rule.none(), 10, 0, 0, 0);
        Dataset d = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), new double[] {20, 20.5, 17, 21},
                new double[] {21, 21, 21, 21});
        // Entry at 3's open (20), stop 18 hit inside the same candle; 3 closed up (21 > 11): new entry at 4.
        List<Trade> trades = trades(d, stop10);
        assertEquals(2, trades.size());
        assertTrade(trades.get(0), 3, 20, 3, 18, ExitReason.STOP_LOSS);
        assertTrade(trades.get(1), 4, 21, 4, 21, ExitReason.END_OF_DATA);
    }

    @Test
    void whenStopAndTargetAreBothInsideOneCandleTheStopWins() {
        Genome bracket = genome(Rule.none(), 10, 10, 0, 0);
        Dataset d = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), new double[] {20, 20, 20, 20},
                new double[] {20, 23, 17, 21}, bar(21, 21));
        assertTrade(trades(d, bracket).get(0), 3, 20, 4, 18, ExitReason.STOP_LOSS);
    }

    @Test
    void targetFillsAtItsLevelOrAtAnOpenAboveIt() {
        Genome bracket = genome(Rule.none(), 10, 10, 0, 0);
        double target = 20 * ((100 + 10) / 100.0);
        Dataset inside = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), new double[] {20, 20, 20, 20},
                new double[] {20, 22.5, 19, 21}, bar(21, 21));
        assertTrade(trades(inside, bracket).get(0), 3, 20, 4, target, ExitReason.TAKE_PROFIT);
        Dataset gap = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), new double[] {20, 20, 20, 20},
                new double[] {25, 26, 17, 25}, bar(25, 25));
        // The open is above the target: a certain fill there, even though the low later reaches the stop.
        assertTrade(trades(gap, bracket).get(0), 3, 20, 4, 25, ExitReason.TAKE_PROFIT);
    }

    @Test
    void trailingStopFollowsPreviousHighsAndACandleIsCheckedBeforeItsOwnHighRaisesTheTrail() {
        Genome trail10 = genome(Rule.none(), 0, 0, 10, 0);
        Dataset d = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), new double[] {20, 25, 19, 24},
                new double[] {24, 30, 22.4, 23}, bar(23, 23));
        // Trail after candle 3: 25 × 0.9 = 22.5. Candle 4's high of 30 comes too late to matter.
        assertTrade(trades(d, trail10).get(0), 3, 20, 4, 25 * ((100 - 10) / 100.0), ExitReason.TRAILING_STOP);
    }

    @Test
    void holdingLimitExitsAtTheOpenAfterTheLastAllowedClose() {
        Dataset d = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), bar(12, 12), bar(12, 12), bar(13, 13),
                bar(13, 13));
        assertTrade(trades(d, genome(Rule.none(), 0, 0, 0, 2)).get(0), 3, 12, 5, 13, ExitReason.MAX_BARS);
    }

    @Test
    void entriesNeedAFillCandleInsideTheRangeAndSignalsOutsideItAreIgnored() {
        Genome g = genome(Rule.all(DOWN_CLOSE), 0, 0, 0, 0);
        BacktestConfig free = BacktestConfig.FRICTIONLESS;
        assertTrade(trades(RISE, g, new Range(2, 6), free).get(0), 3, 12, 5, 13, ExitReason.END_OF_DATA);
        assertEquals(List.of(), trades(RISE, g, new Range(0, 3), free), "signal on the last candle cannot fill");
        // Up-closes on 2 and 3 lie before the range; the one on 5 is its last candle.
        assertEquals(List.of(), trades(RISE, g, new Range(4, 6), free), "signal before the range is not taken");
    }

    @Test
    void feesAndSlippageAreChargedOnBothSides() {
        BacktestConfig costs = new BacktestConfig(0.1, 0.05, 10_000);
        Genome half = new Genome(Rule.all(TestCandles.UP_CLOSE), Rule.all(DOWN_CLOSE), 0, 0, 0, 0, 50, RiskLevel.HIGH);
        Trade t = trades(RISE, half, new Range(0, 6), costs).get(0);
        double fill = 12 * 1.0005;
        double committed = 10_000 * 0.5;
        double quantity = committed / 1.001 / fill;
        double exit = 13 * (1 - 0.0005);
        double cashAfter = 5_000 + quantity * exit * (1 - 0.001);
        assertTrade(t, 3, fill, 5, exit, ExitReason.END_OF_DATA);
        assertEquals(quantity, t.quantity(), EPS);
        assertEquals(cashAfter - 10_000, t.pnl(), EPS);
        assertEquals((cashAfter - 10_000) / committed * 100, t.returnPct(), EPS);
    }

    @Test
    void metricsOfAOneTradeRunWorkedOutByHand() {
        BacktestResult r = new Backtester(RISE, BacktestConfig.FRICTIONLESS)
                .run(genome(Rule.all(DOWN_CLOSE), 0, 0, 0, 0), new Range(0, 6));
        double end = 10_000.0 / 12 * 13;
        assertArrayEquals(new double[] {10_000, 10_000, 10_000, 10_000, 10_000, end}, r.equity(), EPS);
        Metrics m = r.metrics();
        double ret = end / 10_000 - 1;
        assertEquals(end - 10_000, m.netPnl(), EPS);
        assertEquals(ret * 100, m.returnPct(), EPS);
        assertEquals(1, m.trades());
        assertEquals(1, m.winRate());
        assertEquals(1, m.days(), "30 minutes of one UTC date");
        assertEquals(Double.NaN, m.cagrPct(), "too short for an annual rate");
        assertEquals(Double.NaN, m.sharpe(), "too short for daily statistics");
        assertEquals(Double.NaN, m.sortino());
        assertEquals(Double.NaN, m.dailySkewness());
        assertEquals(Double.NaN, m.dailyKurtosis());
        assertEquals(Double.NaN, m.dailySharpe());
        assertEquals(0, m.maxDrawdownPct());
        assertEquals(MetricsAccumulator.RATIO_CAP, m.profitFactor(), "no losing trade: capped");
        assertEquals(50, m.exposurePct(), EPS, "closes 3, 4 and 5 of 6 found the position open");
    }

    @Test
    void drawdownIsMeasuredFromThePeakCloseToTheLowestCloseAfterIt() {
        Dataset d = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 11), bar(10, 12), bar(12, 9), bar(9, 9),
                bar(9, 10));
        Metrics m = new Backtester(d, BacktestConfig.FRICTIONLESS)
                .metrics(genome(Rule.none(), 0, 0, 0, 10), new Range(0, d.size()));
        // All-in at 10: equity 12,000 at the peak close, 9,000 at the trough.
        assertEquals(25, m.maxDrawdownPct(), EPS);
    }

    @Test
    void aStrategyThatNeverTradesHasNeutralMetrics() {
        Dataset flat = TestCandles.of(bar(10, 10), bar(10, 10), bar(10, 10), bar(10, 10));
        Metrics m = new Backtester(flat, BacktestConfig.DEFAULT)
                .metrics(genome(Rule.all(DOWN_CLOSE), 0, 0, 0, 0), new Range(0, 4));
        assertEquals(new Metrics(0, 0, Double.NaN, 0, 0, 0, 0, 0, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                m);
    }
}
