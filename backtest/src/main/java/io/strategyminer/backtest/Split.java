package io.strategyminer.backtest;

/**
 * The in-sample / out-of-sample split of a dataset: the first {@code inSamplePercent} % of the
 * candles are for fitting, the rest for checking. Integer percent so the boundary is the same
 * integer on every machine. Indicators are computed over the whole dataset, which is safe because
 * every indicator only looks back.
 */
public record Split(int inSamplePercent) {
    public static final Split DEFAULT = new Split(70);

    public Split {
        if (inSamplePercent < 10 || inSamplePercent > 100) {
            throw new IllegalArgumentException("in-sample share " + inSamplePercent + " % outside [10, 100]");
        }
    }

    /** Index of the first out-of-sample candle. */
    public int boundary(int candles) {
        return (int) ((long) candles * inSamplePercent / 100);
    }

    public Range inSample(int candles) {
        return new Range(0, boundary(candles));
    }

    public Range outOfSample(int candles) {
        return new Range(boundary(candles), candles);
    }
}
