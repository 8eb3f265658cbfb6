package io.strategyminer.data.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;

/** Reads the rows of a candle CSV (header already read) into {@link RawCandles}. */
final class CsvCandleReader {
    private static final List<CandleField> PRICES =
            List.of(CandleField.OPEN, CandleField.HIGH, CandleField.LOW, CandleField.CLOSE, CandleField.VOLUME);

    private CsvCandleReader() {
    }

    /** Null when required columns are missing (the problem is reported). */
    static RawCandles read(CsvLines lines, CsvColumns columns, ImportLimits limits, Problems problems)
            throws IOException {
        boolean endTimes = !columns.has(CandleField.TIME) && columns.has(CandleField.END_TIME);
        boolean complete = columns.require(endTimes ? withEndTime() : withTime(), problems);
        if (!complete) {
            return null;
        }
        int endTimeColumn = columns.indexOf(CandleField.END_TIME);
        CandleSeriesBuilder rows = new CandleSeriesBuilder();
        IntList locations = new IntList();
        TimeColumn times = new TimeColumn(TimeColumn.Unit.INFER);
        double[] values = new double[PRICES.size()];
        String timeName = endTimes ? columns.name(endTimeColumn) : null;
        for (String[] row = lines.next(); row != null; row = lines.next()) {
            String location = "line " + lines.lineNumber();
            if (rows.size() == limits.maxCandles()) {
                throw problems.fail(location, "", "more than " + limits.maxCandles() + " candles, the import's"
                        + " limit: split the file or resample it first");
            }
            long time = endTimes ? columns.timeIn(row, endTimeColumn, location, problems, times, rows.size())
                    : columns.timeMillis(row, location, problems, times, rows.size());
            boolean ok = time != Long.MIN_VALUE;
            for (int f = 0; f < PRICES.size(); f++) {
                values[f] = columns.number(row, columns.indexOf(PRICES.get(f)), location, problems);
                ok &= !Double.isNaN(values[f]);
            }
            if (ok) {
                rows.add(time, values[0], values[1], values[2], values[3], values[4]);
                locations.add(lines.lineNumber());
            }
        }
        if (timeName == null) {
            timeName = columns.timeName();
        }
        CandleSeries read = rows.build();
        times.resolve(read.time());
        List<String> notes = new ArrayList<>();
        if (times.note() != null) {
            notes.add(times.note());
        }
        return new RawCandles(ImportFormat.CSV, read, locations.toArray(), null, timeName, endTimes, null, null, notes);
    }

    private static List<CandleField> withTime() {
        return List.of(CandleField.TIME, CandleField.OPEN, CandleField.HIGH, CandleField.LOW, CandleField.CLOSE,
                CandleField.VOLUME);
    }

    private static List<CandleField> withEndTime() {
        return List.of(CandleField.END_TIME, CandleField.OPEN, CandleField.HIGH, CandleField.LOW, CandleField.CLOSE,
                CandleField.VOLUME);
    }
}
