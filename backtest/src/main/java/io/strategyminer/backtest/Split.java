package io.strategyminer.backtest;

/**
 * Which candles a unit fits on (in-sample) and which it is checked on (out-of-sample). Indicators are computed
 * over the whole dataset, which is safe because every indicator only looks back. Every boundary is integer
 * arithmetic on the candle count, so it is the same candle on every machine.
 *
 * <p>With one window (the default) the first {@code inSamplePercent} % of the candles are for fitting and the rest
 * is the holdout. With {@code windows} K &gt; 1 this is window {@code window} of a walk-forward: the candles are cut
 * into a first training stretch and K equal test segments after it, so that each window trains on
 * {@code inSamplePercent} % of its own length and is checked on the segment right after its training part. Rolling
 * windows slide their training part along by one test segment each; anchored ones all start at the first candle
 * and grow. The K test segments are contiguous and end at the last candle, so their results stitch into one
 * out-of-sample record.
 *
 * @param inSamplePercent training share: of the whole dataset (one window), of each rolling window, of the first
 *                        anchored window
 * @param windows         1 for a single split, else the walk-forward's number of windows
 * @param window          which window this is, 0 … windows-1
 * @param anchored        whether every window's training part starts at the first candle
 */
public record Split(int inSamplePercent, int windows, int window, boolean anchored) {
    public static final Split DEFAULT = new Split(70);
    /** Most walk-forward windows: each needs a test segment long enough to say something. */
    public static final int MAX_WINDOWS = 50;

    public Split {
        if (inSamplePercent < 10 || inSamplePercent > 100) {
            throw new IllegalArgumentException("in-sample share " + inSamplePercent + " % outside [10, 100]");
        }
        if (windows < 1 || windows > MAX_WINDOWS) {
            throw new IllegalArgumentException("walk-forward windows " + windows + " outside [1, " + MAX_WINDOWS + "]");
        }
        if (window < 0 || window >= windows) {
            throw new IllegalArgumentException("window " + window + " outside [0, " + windows + ")");
        }
        if (windows > 1 && inSamplePercent == 100) {
            throw new IllegalArgumentException("a walk-forward needs test segments: in-sample share below 100 %");
        }
        if (windows == 1 && anchored) {
            throw new IllegalArgumentException("a single split has no windows to anchor");
        }
    }

    /** A single split: the first {@code inSamplePercent} % in-sample, the rest the holdout. */
    public Split(int inSamplePercent) {
        this(inSamplePercent, 1, 0, false);
    }

    /** Window {@code window} of a walk-forward of {@code windows} windows. */
    public static Split walkForward(int inSamplePercent, int windows, int window, boolean anchored) {
        return new Split(inSamplePercent, windows, window, anchored);
    }

    public boolean isWalkForward() {
        return windows > 1;
    }

    /** Index of the first out-of-sample candle. */
    public int boundary(int candles) {
        if (!isWalkForward()) {
            return (int) ((long) candles * inSamplePercent / 100);
        }
        return firstTraining(candles) + window * testLength(candles);
    }

    public Range inSample(int candles) {
        if (!isWalkForward()) {
            return new Range(0, boundary(candles));
        }
        int from = anchored ? 0 : window * testLength(candles);
        return new Range(from, boundary(candles));
    }

    public Range outOfSample(int candles) {
        if (!isWalkForward()) {
            return new Range(boundary(candles), candles);
        }
        return new Range(boundary(candles), boundary(candles) + testLength(candles));
    }

    /**
     * Where the stitched out-of-sample record of the walk-forward lies: every window's test segment, from the first
     * one's start to the last candle.
     */
    public Range stitchedOutOfSample(int candles) {
        return new Range(firstTraining(candles), candles);
    }

    /**
     * Candles in each test segment, T: the dataset is one training stretch Tr plus K segments, with
     * Tr / (Tr + T) = the in-sample share, so T = candles × (100 − p) / (p + K × (100 − p)), rounded down (the
     * remainder goes to the training stretch).
     */
    private int testLength(int candles) {
        long out = 100 - inSamplePercent;
        return (int) ((long) candles * out / (inSamplePercent + windows * out));
    }

    private int firstTraining(int candles) {
        return candles - windows * testLength(candles);
    }

    /** "70 %", or "window 2 of 5 (rolling, 70 %)": what a person reads. */
    public String describe() {
        return isWalkForward()
                ? "window " + (window + 1) + " of " + windows + " (" + (anchored ? "anchored" : "rolling") + ", "
                        + inSamplePercent + " %)"
                : inSamplePercent + " %";
    }
}
