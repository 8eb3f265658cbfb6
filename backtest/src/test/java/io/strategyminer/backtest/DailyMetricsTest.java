package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Daily resampling, the daily statistics and buy-and-hold, worked by hand. The market below has 40 UTC days:
 * on every fourth day (0, 4, 8, …) the price closes 2 % up, on the others 0.5 % down, so holding it has 10
 * daily returns of u = +0.02 and 30 of v = −0.005: a two-point distribution with p = 1/4, whose moments have
 * closed forms.
 */
class DailyMetricsTest {
    private static final long JAN_1_2024 = 1_704_067_200L;
    private static final int DAYS = 40;
    private static final double U = 0.02;
    private static final double V = -0.005;
    private static final double TOLERANCE = 1e-9;

    private static double dailyReturn(int day) {
        return day % 4 == 0 ? U : V;
    }

    /** One candle a day: open at the previous close (100 on day 0), close after the day's return. */
    private static Dataset dailyCandles() {
        return candles(1, 0);
    }

    /**
     * {@code perDay} candles a day; every candle but the day's last closes {@code wiggle} above or below the day's
     * path, so only the last close of each date is on the daily path.
     */
    private static Dataset candles(int perDay, double wiggle) {
        double[][] ohlc = new double[DAYS * perDay][];
        double dayClose = 100;
        double previousClose = 100;
        for (int i = 0; i < ohlc.length; i++) {
            int day = i / perDay;
            boolean last = i % perDay == perDay - 1;
            double target = dayClose * (1 + dailyReturn(day));
            double close = last ? target : target * (1 + (i % 2 == 0 ? wiggle : -wiggle));
            ohlc[i] = TestCandles.bar(previousClose, close);
            previousClose = close;
            if (last) {
                dayClose = target;
            }
        }
        return TestCandles.of(JAN_1_2024, TradingDays.SECONDS_PER_DAY / perDay, ohlc);
    }

    @Test
    void buyAndHoldOfTheTwoPointMarketHasTheClosedFormStatistics() {
        Dataset d = dailyCandles();
        Metrics m = new Backtester(d, BacktestConfig.FRICTIONLESS).buyAndHold(new Range(0, d.size()));
        double p = 0.25;
        double mean = p * U + (1 - p) * V;                            // 0.00125
        double variance = p * (1 - p) * (U - V) * (U - V);             // 1.171875e-4 (population)
        double sampleDeviation = Math.sqrt(variance * DAYS / (DAYS - 1));
        double downsideDeviation = Math.sqrt((1 - p) * V * V);         // √(30 · 0.005² / 40)
        double growth = Math.pow(1 + U, 10) * Math.pow(1 + V, 30);

        assertEquals(DAYS, m.days());
        assertEquals((growth - 1) * 100, m.returnPct(), TOLERANCE);
        // 40 calendar days from the first open to the last close
        assertEquals((Math.pow(growth, 365.0 / 40) - 1) * 100, m.cagrPct(), TOLERANCE);
        assertEquals(mean / sampleDeviation * Math.sqrt(365), m.sharpe(), TOLERANCE);
        assertEquals(mean / sampleDeviation, m.dailySharpe(), TOLERANCE);
        assertEquals(mean / downsideDeviation * Math.sqrt(365), m.sortino(), TOLERANCE);
        // skewness (1 − 2p) / √(p(1 − p)) = 2/√3; raw kurtosis (1 − 3p(1 − p)) / (p(1 − p)) = 7/3
        assertEquals(2 / Math.sqrt(3), m.dailySkewness(), TOLERANCE);
        assertEquals(7.0 / 3, m.dailyKurtosis(), TOLERANCE);
        assertEquals(1, m.trades());
        assertEquals(100, m.exposurePct());
        assertTrue(m.hasDailyStatistics());
    }

    @Test
    void aDayIsMeasuredAtTheLastCloseOfItsUtcDate() {
        Dataset daily = dailyCandles();
        Dataset sixHours = candles(4, 0.03);
        Metrics once = new Backtester(daily, BacktestConfig.FRICTIONLESS).buyAndHold(new Range(0, daily.size()));
        Metrics fourTimes = new Backtester(sixHours, BacktestConfig.FRICTIONLESS)
                .buyAndHold(new Range(0, sixHours.size()));
        // The intraday swings of ±3 % change the drawdown but no daily figure.
        assertEquals(DAYS, fourTimes.days());
        assertEquals(once.sharpe(), fourTimes.sharpe(), TOLERANCE);
        assertEquals(once.sortino(), fourTimes.sortino(), TOLERANCE);
        assertEquals(once.dailySkewness(), fourTimes.dailySkewness(), TOLERANCE);
        assertEquals(once.dailyKurtosis(), fourTimes.dailyKurtosis(), TOLERANCE);
        assertEquals(once.cagrPct(), fourTimes.cagrPct(), TOLERANCE);
        assertTrue(fourTimes.maxDrawdownPct() > once.maxDrawdownPct() + 1, "intraday lows are marked at closes");
        // A range from the third candle of day 0 to the second of day 39 still touches 40 dates.
        assertEquals(DAYS, new Backtester(sixHours, BacktestConfig.FRICTIONLESS)
                .buyAndHold(new Range(2, sixHours.size() - 2)).days());
    }

    @Test
    void fewerThanThirtyDaysLeaveTheDailyStatisticsUndefined() {
        Dataset d = dailyCandles();
        Backtester backtester = new Backtester(d, BacktestConfig.FRICTIONLESS);
        Metrics short29 = backtester.buyAndHold(new Range(0, Metrics.MIN_DAYS - 1));
        assertEquals(29, short29.days());
        for (double undefined : new double[] {short29.cagrPct(), short29.sharpe(), short29.sortino(),
                short29.dailySkewness(), short29.dailyKurtosis(), short29.dailySharpe()}) {
            assertEquals(Double.NaN, undefined, short29::toString);
        }
        assertTrue(Double.isFinite(short29.returnPct()) && Double.isFinite(short29.maxDrawdownPct()));
        Metrics just30 = backtester.buyAndHold(new Range(0, Metrics.MIN_DAYS));
        assertEquals(30, just30.days());
        assertTrue(just30.hasDailyStatistics(), just30::toString);
        assertTrue(Double.isFinite(just30.cagrPct()), just30::toString);
    }

    @Test
    void buyAndHoldPaysSlippageAndFeesLikeAStrategy() {
        Dataset d = dailyCandles();
        BacktestConfig costs = new BacktestConfig(0.1, 0.05, 10_000);
        Range range = new Range(3, 35);
        Metrics m = new Backtester(d, costs).buyAndHold(range);
        double fill = d.candles().open()[3] * 1.0005;
        double quantity = 10_000 / 1.001 / fill;
        double proceeds = quantity * d.candles().close()[34] * 0.9995;
        double end = proceeds - proceeds * 0.001;
        assertEquals(end - 10_000, m.netPnl(), 1e-9);
        assertEquals(32, m.days());
        Metrics frictionless = new Backtester(d, BacktestConfig.FRICTIONLESS).buyAndHold(range);
        assertTrue(m.returnPct() < frictionless.returnPct());
        // Nothing held, nothing measured: an empty range.
        Metrics empty = new Backtester(d, costs).buyAndHold(new Range(5, 5));
        assertEquals(new Metrics(0, 0, Double.NaN, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                empty);
    }

    @Test
    void aResultCarriesItsRangesBuyAndHoldAndTheExcessOverIt() {
        Dataset d = dailyCandles();
        Backtester backtester = new Backtester(d, BacktestConfig.DEFAULT);
        Range range = new Range(0, d.size());
        BacktestResult r = backtester.run(TestCandles.genome(Rule.none(), 0, 0, 0, 2),
                range);
        assertEquals(backtester.buyAndHold(range), r.buyAndHold());
        assertEquals(r.metrics().returnPct() - r.buyAndHold().returnPct(), r.excessReturnPct());
        Evaluation e = backtester.evaluate(TestCandles.genome(Rule.none(), 0, 0, 0, 2),
                new Split(50));
        assertEquals(backtester.buyAndHold(new Range(0, 20)), e.inSample().buyAndHold());
        assertEquals(backtester.buyAndHold(new Range(20, 40)), e.outOfSample().buyAndHold());
    }
}
