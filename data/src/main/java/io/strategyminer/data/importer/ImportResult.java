package io.strategyminer.data.importer;

import java.util.List;
import java.util.Objects;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.MarketCalendar;
import io.strategyminer.data.suspect.Cleaning;
import io.strategyminer.data.suspect.SuspectCandle;

/**
 * Candles read from an input, with what could be guessed and what was found about them.
 *
 * @param source           the file, resource or URL read
 * @param format           the format it was read as
 * @param candles          open times in unix seconds, oldest first, validated, screened and cleaned as asked
 * @param timeframeSeconds the candle length (inferred from the most common spacing, or as asked)
 * @param name             the dataset's name: as given, else from the source ({@link DatasetNames})
 * @param symbol           the market: as given, else from the content or the file name ("BTC-USD"), or
 *                         {@link #UNKNOWN_SYMBOL}
 * @param gaps             where candles are missing at {@code timeframeSeconds}, outside the calendar's closures
 * @param suspects         the suspect candles found (before cleaning); empty when clean or not screened
 * @param cleaning         what was dropped or repaired ({@link Cleaning#NONE} if nothing): part of the id
 * @param notes            what the importer decided that the user should know (time units, DST moves, rows
 *                         skipped)
 */
public record ImportResult(String source, ImportFormat format, CandleSeries candles, long timeframeSeconds,
                           String name, String symbol, GapReport gaps, List<SuspectCandle> suspects, Cleaning cleaning,
                           List<String> notes) {
    public static final String UNKNOWN_SYMBOL = DatasetNames.UNKNOWN_SYMBOL;

    public ImportResult {
        Objects.requireNonNull(cleaning, "cleaning");
        suspects = List.copyOf(suspects);
        notes = List.copyOf(notes);
    }

    /** When the market trades, as its candles show (also in {@link #gaps()}). */
    public MarketCalendar calendar() {
        return gaps.calendar();
    }

    /** The candles as a dataset under this name and symbol, with their cleaning. */
    public Dataset toDataset() {
        return Dataset.of(name, symbol, timeframeSeconds, candles, cleaning);
    }

    /**
     * The candles as a dataset; a null name or symbol keeps this one.
     *
     * @throws IllegalArgumentException when a name or symbol breaks {@link DatasetNames}' rule
     */
    public Dataset toDataset(String nameOverride, String symbolOverride) {
        return Dataset.of(nameOverride == null ? name : DatasetNames.checkName(nameOverride),
                symbolOverride == null ? symbol : DatasetNames.checkSymbol(symbolOverride), timeframeSeconds, candles,
                cleaning);
    }
}
