package io.strategyminer.backtest;

import io.strategyminer.data.Dataset;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the bookkeeping of the candles a position is held over, on the 39,017-candle 2011 file. Trades of a given
 * length follow each other over the whole file (a 4-candle gap between them, half the capital committed):
 * {@code hold} is the engine's ({@link MetricsAccumulator#hold}: range minimum and maximum by link walks, drawdown,
 * day-close equity, then the exit's mark), {@code candleLoop} the per-candle equity and drawdown loop it replaced,
 * and {@code lowestClose} the range-minimum query alone. One operation is one pass over the file: 4,335 trades of 4
 * candles, 565 of 64, 74 of 512 or 9 of 4,096. Not run by CI; see backtest/docs/measurements.md for the command.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HeldRangeJmh {
    private static final int GAP = 4;

    /** Candles held per trade. */
    @Param({"4", "64", "512", "4096"})
    public int length;

    private Dataset dataset;
    private double[] close;
    private ExtremeLinks links;
    private MetricsAccumulator accumulator;
    private Range range;
    private int trades;
    private double[] exitEquity;

    @Setup
    public void setUp() {
        dataset = SharedData.btc2011();
        close = dataset.candles().close();
        links = new ExtremeLinks(dataset.candles());
        accumulator = new MetricsAccumulator(new TradingDays(dataset), links, close);
        range = new Range(0, dataset.size());
        trades = (dataset.size() - 1) / (length + 1 + GAP);
        exitEquity = new double[trades];
        SplittableRandom rng = new SplittableRandom(5);
        for (int t = 0; t < trades; t++) {
            exitEquity[t] = 10_000 * (0.9 + 0.2 * rng.nextDouble());
        }
    }

    private int entry(int trade) {
        return GAP + trade * (length + 1 + GAP);
    }

    @Benchmark
    public Metrics hold() {
        accumulator.start(10_000, range);
        for (int t = 0; t < trades; t++) {
            int entry = entry(t);
            accumulator.hold(5_000, 5_000 / close[entry], entry, entry + length - 1);
            accumulator.mark(entry + length, exitEquity[t]);
        }
        return accumulator.finish();
    }

    @Benchmark
    public double candleLoop() {
        double peak = 10_000;
        double trough = peak;
        double drawdown = 0;
        for (int t = 0; t < trades; t++) {
            int entry = entry(t);
            double quantity = 5_000 / close[entry];
            for (int k = entry; k < entry + length; k++) {
                double value = 5_000 + quantity * close[k];
                if (value > peak) {
                    drawdown = Math.max(drawdown, (peak - trough) / peak);
                    peak = value;
                    trough = value;
                } else if (value < trough) {
                    trough = value;
                }
            }
        }
        return Math.max(drawdown, (peak - trough) / peak);
    }

    @Benchmark
    public long lowestClose() {
        long sum = 0;
        for (int t = 0; t < trades; t++) {
            int entry = entry(t);
            sum += links.lowestClose(entry, entry + length - 1);
        }
        return sum;
    }
}
