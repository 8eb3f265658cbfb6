package io.strategyminer.data;

import java.util.Arrays;

/**
 * A columnar series of candles: one primitive array per field, index {@code i} is the i-th candle.
 *
 * <p>Columnar because the backtester reads a field across thousands of candles in a tight loop;
 * an array of objects would scatter those reads across the heap. The arrays are exposed for speed
 * and must be treated as read-only by every caller: a series is immutable by contract, and a
 * {@link Dataset}'s id is computed once over these exact values.
 *
 * <p>{@code time} is each candle's open time in unix seconds, UTC, strictly increasing.
 */
public final class CandleSeries {
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;

    /** Takes ownership of the arrays; callers must not keep or change them afterwards. */
    public CandleSeries(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume) {
        int n = time.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("candle columns differ in length");
        }
        this.time = time;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
    }

    public int size() {
        return time.length;
    }

    public long[] time() {
        return time;
    }

    public double[] open() {
        return open;
    }

    public double[] high() {
        return high;
    }

    public double[] low() {
        return low;
    }

    public double[] close() {
        return close;
    }

    public double[] volume() {
        return volume;
    }

    /** Candles {@code [from, to)} as a new series (copies, so the original stays untouched). */
    public CandleSeries slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size() + " candles");
        }
        return new CandleSeries(
                Arrays.copyOfRange(time, from, to),
                Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to),
                Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to),
                Arrays.copyOfRange(volume, from, to));
    }

    /** Value equality over every field's exact bits (NaN equals NaN, -0.0 differs from 0.0). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CandleSeries other
                && Arrays.equals(time, other.time)
                && Arrays.equals(open, other.open)
                && Arrays.equals(high, other.high)
                && Arrays.equals(low, other.low)
                && Arrays.equals(close, other.close)
                && Arrays.equals(volume, other.volume);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(time) + Arrays.hashCode(close);
    }

    @Override
    public String toString() {
        return size() == 0 ? "CandleSeries[empty]"
                : "CandleSeries[" + size() + " candles, " + time[0] + ".." + time[size() - 1] + "]";
    }
}
