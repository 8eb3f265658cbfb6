package io.strategyminer.data.store;

import java.time.Instant;
import java.util.Objects;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.MarketCalendar;
import io.strategyminer.data.suspect.Cleaning;

/**
 * What is known about a dataset without loading its candles: what {@code peer data list} shows.
 *
 * @param id               the dataset id
 * @param name             its name
 * @param symbol           its market, e.g. "BTC-USD"
 * @param timeframeSeconds its candle length
 * @param candles          how many candles
 * @param firstTime        the open time of the first candle (unix seconds), 0 if empty
 * @param lastTime         the open time of the last candle (unix seconds), 0 if empty
 * @param source           where the candles came from (file, URL, bundled resource)
 * @param importedAt       when it was stored, null for a bundled dataset
 * @param bundled          true for the datasets shipped with the jar
 * @param cleaning         what was done to its suspect candles ({@link Cleaning#NONE} if nothing); part of the id
 * @param calendar         when its market trades, as its candles show (detected when it was stored)
 */
public record DatasetInfo(DatasetId id, String name, String symbol, long timeframeSeconds, int candles,
                          long firstTime, long lastTime, String source, Instant importedAt, boolean bundled,
                          Cleaning cleaning, MarketCalendar calendar) {
    public DatasetInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cleaning, "cleaning");
        Objects.requireNonNull(calendar, "calendar");
    }

    /** The description of {@code dataset}, its calendar detected from its candles. */
    public static DatasetInfo of(Dataset dataset, String source, Instant importedAt, boolean bundled) {
        long[] time = dataset.candles().time();
        return new DatasetInfo(dataset.id(), dataset.name(), dataset.symbol(), dataset.timeframeSeconds(),
                dataset.size(), time.length == 0 ? 0 : time[0], time.length == 0 ? 0 : time[time.length - 1], source,
                importedAt, bundled, dataset.cleaning(), MarketCalendar.detect(dataset.candles(),
                dataset.timeframeSeconds()));
    }

    /** The close time of the last candle: the end of the covered range. */
    public long endTime() {
        return candles == 0 ? 0 : lastTime + timeframeSeconds;
    }
}
