package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the signal side of a backtest on the 39,017-candle 2011 file. {@code nextSignals} jumps from one set bit to
 * the next over a whole condition bitset ("RSI(14) < 30": 17,712 signals), {@code combineAnd} ANDs two bitsets over
 * the whole file (the rule of a two-condition genome), {@code conditionBitset} evaluates a condition on every candle
 * (what a new condition costs once per dataset, before the cache). Not run by CI; see backtest/docs/measurements.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SignalScanJmh {
    private long[] oversold;
    private long[] crossing;
    private long[] scratch;
    private double[] rsi;
    private int candles;

    @Setup
    public void setUp() {
        SignalStore store = new SignalStore(SharedData.btc2011(), SignalStore.DEFAULT_BUDGET_BYTES);
        Indicator rsi14 = Indicator.of(IndicatorKind.RSI, 14);
        oversold = store.signal(new Condition(rsi14, Comparison.BELOW, new Constant(30)));
        crossing = store.signal(new Condition(Indicator.of(IndicatorKind.EMA, 9), Comparison.CROSSES_ABOVE,
                Indicator.of(IndicatorKind.EMA, 21)));
        rsi = store.column(rsi14).values();
        candles = store.dataset().size();
        scratch = Bits.forCandles(candles);
    }

    @Benchmark
    public int nextSignals() {
        int count = 0;
        for (int i = Bits.next(oversold, 0, candles); i >= 0; i = Bits.next(oversold, i + 1, candles)) {
            count++;
        }
        return count;
    }

    @Benchmark
    public long[] combineAnd() {
        Bits.combine(oversold, crossing, true, scratch, 0, candles);
        return scratch;
    }

    @Benchmark
    public long[] conditionBitset() {
        return ConditionSignal.compute(Comparison.BELOW, rsi, null, 30);
    }
}
