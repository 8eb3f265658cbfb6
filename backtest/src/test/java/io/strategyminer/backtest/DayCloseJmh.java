package io.strategyminer.backtest;

import io.strategyminer.data.Dataset;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the daily side of the metrics on the 39,017-candle 2011 file (136 UTC dates). {@code wholeRangeHold} is one
 * position held over every candle: two link walks for the drawdown and the equity at each of the 135 day closes
 * inside it; {@code dailyStatistics} the two passes over 136 daily returns that give Sharpe, Sortino, skewness and
 * kurtosis. Not run by CI; see backtest/docs/measurements.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DayCloseJmh {
    private MetricsAccumulator accumulator;
    private Range range;
    private double quantity;
    private final double[] daily = new double[136];

    @Setup
    public void setUp() {
        Dataset dataset = SharedData.btc2011();
        double[] close = dataset.candles().close();
        accumulator = new MetricsAccumulator(new TradingDays(dataset), new ExtremeLinks(dataset.candles()), close);
        range = new Range(0, dataset.size());
        quantity = 10_000 / close[0];
        SplittableRandom rng = new SplittableRandom(3);
        for (int d = 0; d < daily.length; d++) {
            daily[d] = (rng.nextDouble() - 0.5) / 50;
        }
    }

    @Benchmark
    public Metrics wholeRangeHold() {
        accumulator.start(10_000, range);
        accumulator.hold(0, quantity, 0, range.to() - 2);
        accumulator.mark(range.to() - 1, 10_000);
        return accumulator.finish();
    }

    @Benchmark
    public DailyStatistics dailyStatistics() {
        return DailyStatistics.of(daily, daily.length);
    }
}
