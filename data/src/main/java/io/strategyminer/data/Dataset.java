package io.strategyminer.data;

import java.util.Objects;

import io.strategyminer.data.suspect.Cleaning;

/**
 * An immutable candle series with an id (the hash of its candles) and descriptive metadata.
 * Construction verifies the id against the candles (a few milliseconds for 100,000 candles).
 *
 * @param id               SHA-256 of the canonical encoding of {@code candles}
 * @param name             a human label, e.g. "BTC-USD Bitstamp 2011 5m"; not part of the id
 * @param symbol           the market, e.g. "BTC-USD"
 * @param timeframeSeconds the candle length in seconds (300 for 5-minute candles)
 * @param candles          the candles, oldest first
 * @param cleaning         what was done to suspect candles ({@link Cleaning#NONE} if nothing); part of the id
 */
public record Dataset(DatasetId id, String name, String symbol, long timeframeSeconds, CandleSeries candles,
                      Cleaning cleaning) {
    public Dataset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(candles, "candles");
        Objects.requireNonNull(cleaning, "cleaning");
        if (timeframeSeconds <= 0) {
            throw new IllegalArgumentException("timeframe must be positive, got " + timeframeSeconds + " s");
        }
        // An id is a promise about the candles; a dataset that breaks it must never exist.
        DatasetId actual = DatasetId.of(candles, cleaning);
        if (!actual.equals(id)) {
            throw new IllegalArgumentException("dataset id " + id + " does not match its candles"
                    + (cleaning.isNone() ? "" : " and cleaning") + " (" + actual + ")");
        }
    }

    /** A dataset nothing was dropped from or repaired in. */
    public Dataset(DatasetId id, String name, String symbol, long timeframeSeconds, CandleSeries candles) {
        this(id, name, symbol, timeframeSeconds, candles, Cleaning.NONE);
    }

    /** A dataset whose id is computed from its candles. */
    public static Dataset of(String name, String symbol, long timeframeSeconds, CandleSeries candles) {
        return of(name, symbol, timeframeSeconds, candles, Cleaning.NONE);
    }

    /** A dataset whose id is computed from its candles and cleaning. */
    public static Dataset of(String name, String symbol, long timeframeSeconds, CandleSeries candles,
                             Cleaning cleaning) {
        return new Dataset(DatasetId.of(candles, cleaning), name, symbol, timeframeSeconds, candles, cleaning);
    }

    public int size() {
        return candles.size();
    }
}
