package io.strategyminer.data.importer;

/**
 * How to read an input.
 *
 * @param format           the format, or null to detect it from the content
 * @param timeframeSeconds for trades: the candle length to aggregate into ({@link #DEFAULT_TRADES_TIMEFRAME}
 *                         if 0); for candles: 0 to infer it from the most common spacing, else the
 *                         timeframe to produce: a multiple of the data's spacing is resampled to, and a
 *                         finer one that every spacing is a multiple of is taken as the candle length of
 *                         data with gaps (or of a single candle)
 */
public record ImportOptions(ImportFormat format, long timeframeSeconds) {
    /** Trades become 5-minute candles unless told otherwise: the timeframe the product mines on. */
    public static final long DEFAULT_TRADES_TIMEFRAME = 300;

    public ImportOptions {
        if (timeframeSeconds < 0) {
            throw new IllegalArgumentException("timeframe must be positive, got " + timeframeSeconds + " s");
        }
    }

    /** Detect the format, keep the data's timeframe. */
    public static ImportOptions auto() {
        return new ImportOptions(null, 0);
    }

    public ImportOptions withFormat(ImportFormat newFormat) {
        return new ImportOptions(newFormat, timeframeSeconds);
    }

    public ImportOptions withTimeframe(long seconds) {
        return new ImportOptions(format, seconds);
    }
}
