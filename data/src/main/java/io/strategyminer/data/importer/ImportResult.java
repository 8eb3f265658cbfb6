package io.strategyminer.data.importer;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;

/**
 * Candles read from an input, with what could be guessed about them.
 *
 * @param source           the file, resource or URL read
 * @param format           the format it was read as
 * @param candles          open times in unix seconds, oldest first, validated
 * @param timeframeSeconds the candle length (inferred from the most common spacing, or as asked)
 * @param name             a name guessed from the source (its file name without extension)
 * @param symbol           a symbol guessed from the content or the file name ("BTC-USD"), or
 *                         {@link #UNKNOWN_SYMBOL}
 * @param gaps             where candles are missing at {@code timeframeSeconds}
 */
public record ImportResult(String source, ImportFormat format, CandleSeries candles, long timeframeSeconds,
                           String name, String symbol, GapReport gaps) {
    public static final String UNKNOWN_SYMBOL = "UNKNOWN";

    /** The candles as a dataset under the guessed name and symbol. */
    public Dataset toDataset() {
        return toDataset(null, null);
    }

    /** The candles as a dataset; a null name or symbol keeps the guess. */
    public Dataset toDataset(String nameOverride, String symbolOverride) {
        return Dataset.of(nameOverride == null ? name : nameOverride, symbolOverride == null ? symbol : symbolOverride,
                timeframeSeconds, candles);
    }
}
