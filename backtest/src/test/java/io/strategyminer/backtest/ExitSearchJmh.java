package io.strategyminer.backtest;

import io.strategyminer.data.CandleSeries;
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
 * JMH: finding where an open position's stop, trailing stop or target is hit on the 39,017-candle 2011 file, from
 * random entries to the end of the data, stops 0.5–6 % and targets 0.5–12 % from the entry's open (trailing stops
 * 0.5–6 %): the engine's link walk ({@link ExitSearch}) against the candle loop it replaced. One operation is one
 * search. Not run by CI; see backtest/docs/measurements.md for the command.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ExitSearchJmh {
    private static final int QUERIES = 4_096;

    /** "fixed": stop and target; "trailing": a trailing stop as well. */
    @Param({"fixed", "trailing"})
    public String kind;

    private CandleSeries candles;
    private ExitSearch search;
    private final int[] first = new int[QUERIES];
    private final double[] fill = new double[QUERIES];
    private final double[] stop = new double[QUERIES];
    private final double[] target = new double[QUERIES];
    private final double[] trailRatio = new double[QUERIES];

    @Setup
    public void setUp() {
        candles = SharedData.btc2011().candles();
        search = new ExitSearch(candles, new ExtremeLinks(candles));
        SplittableRandom rng = new SplittableRandom(17);
        for (int q = 0; q < QUERIES; q++) {
            first[q] = rng.nextInt(candles.size() - 1);
            fill[q] = candles.open()[first[q]];
            stop[q] = fill[q] * (100 - (1 + rng.nextInt(12)) / 2.0) / 100;
            target[q] = fill[q] * (100 + (1 + rng.nextInt(24)) / 2.0) / 100;
            trailRatio[q] = kind.equals("trailing") ? (100 - (1 + rng.nextInt(12)) / 2.0) / 100 : 0;
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public long linkWalk() {
        long sum = 0;
        int last = candles.size() - 1;
        for (int q = 0; q < QUERIES; q++) {
            sum += trailRatio[q] > 0 ? search.trailing(first[q], last, fill[q], stop[q], target[q], trailRatio[q])
                    : search.fixed(first[q], last, stop[q], target[q]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public long candleLoop() {
        long sum = 0;
        int last = candles.size() - 1;
        for (int q = 0; q < QUERIES; q++) {
            sum += CandleLoops.exit(candles, first[q], last, fill[q], stop[q], target[q], trailRatio[q]).index();
        }
        return sum;
    }
}
