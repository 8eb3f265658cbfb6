package io.strategyminer.data;

import java.util.Arrays;

/**
 * Collects candles one at a time into growable primitive columns, then hands them to a
 * {@link CandleSeries} without boxing. Not thread-safe; one builder per series.
 */
public final class CandleSeriesBuilder {
    private long[] time;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private int size;

    public CandleSeriesBuilder() {
        this(1024);
    }

    public CandleSeriesBuilder(int initialCapacity) {
        int capacity = Math.max(16, initialCapacity);
        time = new long[capacity];
        open = new double[capacity];
        high = new double[capacity];
        low = new double[capacity];
        close = new double[capacity];
        volume = new double[capacity];
    }

    public CandleSeriesBuilder add(long openTime, double o, double h, double l, double c, double v) {
        if (size == time.length) {
            grow();
        }
        time[size] = openTime;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        size++;
        return this;
    }

    /** Appends candle {@code i} of {@code series}. */
    public CandleSeriesBuilder add(CandleSeries series, int i) {
        return add(series.time()[i], series.open()[i], series.high()[i], series.low()[i], series.close()[i],
                series.volume()[i]);
    }

    public int size() {
        return size;
    }

    /** The candles added so far, in the order they were added. The builder can keep being used. */
    public CandleSeries build() {
        return new CandleSeries(Arrays.copyOf(time, size), Arrays.copyOf(open, size), Arrays.copyOf(high, size),
                Arrays.copyOf(low, size), Arrays.copyOf(close, size), Arrays.copyOf(volume, size));
    }

    private void grow() {
        int capacity = time.length * 2;
        time = Arrays.copyOf(time, capacity);
        open = Arrays.copyOf(open, capacity);
        high = Arrays.copyOf(high, capacity);
        low = Arrays.copyOf(low, capacity);
        close = Arrays.copyOf(close, capacity);
        volume = Arrays.copyOf(volume, capacity);
    }
}
