package io.strategyminer.data.importer;

import java.util.List;

import io.strategyminer.data.CandleSeries;

/**
 * Candles as a reader found them, before validation: in file order, times in epoch MILLISECONDS (open
 * times, or end times when {@code endTimes}), with where each came from.
 *
 * @param format         the format they were read as
 * @param rows           the parsed values; {@code time} holds epoch milliseconds here, not seconds
 * @param locations      per row, its line number (CSV) or index in its JSON array (from 0)
 * @param arrayName      null for CSV; for JSON the array the candles are in ("candles", "ohlc", "timestamp", or
 *                       "" for a top-level array), so locations read like {@code candles[17]}
 * @param timeField      the name of the field the times came from, for messages
 * @param endTimes       true when times are each candle's end (last millisecond or exclusive end)
 * @param declaredSymbol a symbol the content states (a Yahoo chart's {@code meta.symbol}), or null
 * @param symbolHint     text the symbol can be guessed from (e.g. a JSON "name"), or null
 * @param notes          what the reader decided that the user should know (how times were read, rows skipped)
 */
record RawCandles(ImportFormat format, CandleSeries rows, int[] locations, String arrayName, String timeField,
                  boolean endTimes, String declaredSymbol, String symbolHint, List<String> notes) {
    RawCandles {
        notes = List.copyOf(notes);
    }

    int size() {
        return rows.size();
    }

    String location(int row) {
        return location(arrayName, locations[row]);
    }

    /** "line 17" for CSV, "candles[17]" for an element of a JSON array. */
    static String location(String arrayName, int position) {
        return arrayName == null ? "line " + position : arrayName + "[" + position + "]";
    }
}
