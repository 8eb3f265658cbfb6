package io.strategyminer.data.importer;

import java.io.IOException;
import java.util.List;

import io.strategyminer.data.CandleSeries;

/**
 * Reads a trades CSV (header already read) straight into a {@link TradeAggregator}. A trade priced at or
 * below zero, or with a negative amount, is a bad row (a hard error, like an unreadable number: there is no
 * candle yet to choose about); the candles built from the trades then go through the suspect check like any
 * others, located by the lines of their trades.
 */
final class TradesCsvReader {
    private TradesCsvReader() {
    }

    /**
     * Candles built from trades, with where each came from.
     *
     * @param firstLine per candle, the line of its first trade
     * @param lastLine  per candle, the line of its last trade
     */
    record Trades(CandleSeries candles, int[] firstLine, int[] lastLine) {
        /** "lines 120–135", or "line 120" for a candle of one trade. */
        String location(int candle) {
            int first = firstLine[candle];
            int last = lastLine[candle];
            return first == last ? "line " + first : "lines " + first + "–" + last;
        }
    }

    /** The candles, or null when required columns are missing (the problem is reported). */
    static Trades read(CsvLines lines, CsvColumns columns, long timeframeSeconds, ImportLimits limits,
                       Problems problems) throws IOException {
        // Many trade exports call the size "volume"; accept that when there is no amount column.
        CandleField amountField = !columns.has(CandleField.AMOUNT) && columns.has(CandleField.VOLUME)
                ? CandleField.VOLUME : CandleField.AMOUNT;
        if (!columns.require(List.of(CandleField.TIME, CandleField.PRICE, amountField), problems)) {
            return null;
        }
        int priceColumn = columns.indexOf(CandleField.PRICE);
        int amountColumn = columns.indexOf(amountField);
        TradeAggregator aggregator = new TradeAggregator(timeframeSeconds);
        IntList firstLines = new IntList();
        IntList lastLines = new IntList();
        int candles = 0;
        long bucket = Long.MIN_VALUE;
        long previousTime = Long.MIN_VALUE;
        int previousLine = 0;
        for (String[] row = lines.next(); row != null; row = lines.next()) {
            String location = "line " + lines.lineNumber();
            long millis = columns.timeMillis(row, location, problems, null, 0);
            double price = columns.number(row, priceColumn, location, problems);
            double amount = columns.number(row, amountColumn, location, problems);
            if (millis == Long.MIN_VALUE || Double.isNaN(price) || Double.isNaN(amount)) {
                continue;
            }
            long time = Math.floorDiv(millis, 1000);
            boolean ok = true;
            if (time < previousTime) {
                problems.add(location, columns.timeName(), Timestamps.describe(time) + " is earlier than the trade on line "
                        + previousLine + " (" + Timestamps.describe(previousTime) + "): trades must be oldest first");
                ok = false;
            }
            if (!(price > 0)) {
                problems.add(location, columns.name(priceColumn), "price " + price + " is not positive");
                ok = false;
            }
            if (amount < 0) {
                problems.add(location, columns.name(amountColumn), "amount " + amount + " is negative");
                ok = false;
            }
            if (ok) {
                long tradeBucket = Math.floorDiv(time, timeframeSeconds) * timeframeSeconds;
                if (tradeBucket != bucket) {
                    if (++candles > limits.maxCandles()) {
                        throw problems.fail(location, "", "more than " + limits.maxCandles() + " candles, the import's"
                                + " limit: aggregate into a longer timeframe or split the file");
                    }
                    bucket = tradeBucket;
                    firstLines.add(lines.lineNumber());
                    lastLines.add(lines.lineNumber());
                } else {
                    lastLines.set(candles - 1, lines.lineNumber());
                }
                aggregator.add(time, price, amount);
                previousTime = time;
                previousLine = lines.lineNumber();
            }
        }
        return new Trades(aggregator.finish(), firstLines.toArray(), lastLines.toArray());
    }
}
