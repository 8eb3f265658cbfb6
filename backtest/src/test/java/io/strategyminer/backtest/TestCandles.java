package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;

/** Small hand-made datasets and genomes whose signals are easy to see. */
final class TestCandles {
    private TestCandles() {
    }

    /** Candles from rows of {open, high, low, close}; volume 1, 5-minute candles. */
    static Dataset of(double[]... ohlc) {
        return of(1_700_000_000L, 300, ohlc);
    }

    /** Candles from rows of {open, high, low, close}, the first opening at {@code start}; volume 1. */
    static Dataset of(long start, long timeframeSeconds, double[]... ohlc) {
        int n = ohlc.length;
        long[] time = new long[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = start + timeframeSeconds * i;
            open[i] = ohlc[i][0];
            high[i] = ohlc[i][1];
            low[i] = ohlc[i][2];
            close[i] = ohlc[i][3];
            volume[i] = 1;
        }
        return Dataset.of("test", "TEST-USD", timeframeSeconds, new CandleSeries(time, open, high, low, close, volume));
    }

    /** A candle that opens and closes at {@code price} with a range of ±{@code wick}. */
    static double[] bar(double open, double close) {
        return new double[] {open, Math.max(open, close), Math.min(open, close), close};
    }

    /** "close rose": PRICE > SMA(2) holds exactly when close[i] > close[i-1]. */
    static final Condition UP_CLOSE = new Condition(Indicator.price(), Comparison.ABOVE,
            Indicator.of(IndicatorKind.SMA, 2));
    /** "close fell". */
    static final Condition DOWN_CLOSE = new Condition(Indicator.price(), Comparison.BELOW,
            Indicator.of(IndicatorKind.SMA, 2));

    /** Enter on an up-close, all of equity (HIGH risk), with the given exits. */
    static Genome genome(Rule exit, double stop, double target, double trailing, int maxBars) {
        return new Genome(Rule.all(UP_CLOSE), exit, stop, target, trailing, maxBars, 100, RiskLevel.HIGH);
    }
}
