package io.strategyminer.data.importer;

import java.io.IOException;
import java.util.List;

import io.strategyminer.data.CandleSeries;

/** Reads a trades CSV (header already read) straight into a {@link TradeAggregator}. */
final class TradesCsvReader {
    private TradesCsvReader() {
    }

    /** The candles, or null when required columns are missing (the problem is reported). */
    static CandleSeries read(CsvLines lines, CsvColumns columns, long timeframeSeconds, Problems problems)
            throws IOException {
        // Many trade exports call the size "volume"; accept that when there is no amount column.
        CandleField amountField = !columns.has(CandleField.AMOUNT) && columns.has(CandleField.VOLUME)
                ? CandleField.VOLUME : CandleField.AMOUNT;
        if (!columns.require(List.of(CandleField.TIME, CandleField.PRICE, amountField), problems)) {
            return null;
        }
        int priceColumn = columns.indexOf(CandleField.PRICE);
        int amountColumn = columns.indexOf(amountField);
        TradeAggregator aggregator = new TradeAggregator(timeframeSeconds);
        long previousTime = Long.MIN_VALUE;
        int previousLine = 0;
        for (String[] row = lines.next(); row != null; row = lines.next()) {
            String location = "line " + lines.lineNumber();
            long millis = columns.timeMillis(row, location, problems);
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
                aggregator.add(time, price, amount);
                previousTime = time;
                previousLine = lines.lineNumber();
            }
        }
        return aggregator.finish();
    }
}
