package io.strategyminer.data.importer;

import java.util.Objects;

import io.strategyminer.data.suspect.SuspectPolicy;

/**
 * How to read an input.
 *
 * @param format           the format, or null to detect it from the content
 * @param timeframeSeconds for trades: the candle length to aggregate into ({@link #DEFAULT_TRADES_TIMEFRAME}
 *                         if 0); for candles: 0 to infer it from the most common spacing, else the
 *                         timeframe to produce: a multiple of the data's spacing is resampled to, and a
 *                         finer one that every spacing is a multiple of is taken as the candle length of
 *                         data with gaps (or of a single candle)
 * @param suspects         what to do with suspect candles ({@link SuspectPolicy#REFUSE} by default), or null
 *                         to leave them to the caller, who screens the whole series itself (a fetch reads
 *                         page by page, and a page boundary is not a market boundary)
 * @param limits           the bounds enforced while reading
 * @param name             the dataset's name, or null for the default from the source ({@link DatasetNames})
 * @param symbol           the dataset's symbol, or null to take it from the content or the source
 */
public record ImportOptions(ImportFormat format, long timeframeSeconds, SuspectPolicy suspects, ImportLimits limits,
                            String name, String symbol) {
    /** Trades become 5-minute candles unless told otherwise: the timeframe the product mines on. */
    public static final long DEFAULT_TRADES_TIMEFRAME = 300;

    /**
     * @throws IllegalArgumentException for a negative timeframe, or a name or symbol that breaks
     *                                  {@link DatasetNames}' rule (checked here, before any input is read)
     */
    public ImportOptions {
        if (timeframeSeconds < 0) {
            throw new IllegalArgumentException("timeframe must be positive, got " + timeframeSeconds + " s");
        }
        Objects.requireNonNull(limits, "limits");
        name = name == null ? null : DatasetNames.checkName(name);
        symbol = symbol == null ? null : DatasetNames.checkSymbol(symbol);
    }

    /** A format and timeframe with the defaults: refuse suspects, default limits, default name and symbol. */
    public ImportOptions(ImportFormat format, long timeframeSeconds) {
        this(format, timeframeSeconds, SuspectPolicy.REFUSE, ImportLimits.defaults(), null, null);
    }

    /** Detect the format, keep the data's timeframe, refuse suspect candles. */
    public static ImportOptions auto() {
        return new ImportOptions(null, 0);
    }

    public ImportOptions withFormat(ImportFormat newFormat) {
        return new ImportOptions(newFormat, timeframeSeconds, suspects, limits, name, symbol);
    }

    public ImportOptions withTimeframe(long seconds) {
        return new ImportOptions(format, seconds, suspects, limits, name, symbol);
    }

    public ImportOptions withSuspects(SuspectPolicy policy) {
        return new ImportOptions(format, timeframeSeconds, Objects.requireNonNull(policy, "policy"), limits, name,
                symbol);
    }

    /** Reads without the suspect check: for a caller that screens the whole series itself ({@link SuspectScreen}). */
    public ImportOptions unscreened() {
        return new ImportOptions(format, timeframeSeconds, null, limits, name, symbol);
    }

    public ImportOptions withLimits(ImportLimits newLimits) {
        return new ImportOptions(format, timeframeSeconds, suspects, newLimits, name, symbol);
    }

    /** @param newName the dataset's name, or null for the default; checked now */
    public ImportOptions withName(String newName) {
        return new ImportOptions(format, timeframeSeconds, suspects, limits, newName, symbol);
    }

    /** @param newSymbol the dataset's symbol, or null to guess it; checked now */
    public ImportOptions withSymbol(String newSymbol) {
        return new ImportOptions(format, timeframeSeconds, suspects, limits, name, newSymbol);
    }
}
