package io.strategyminer.data.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.strategyminer.data.Excerpt;

/**
 * Which column of a CSV file plays which {@link CandleField}, and how a row's time is read when a file
 * has several time columns (the 2011 Bitstamp file has {@code timestamp} and {@code unix_timestamp}):
 * the one holding a plain number is used, and every other one must agree with it.
 */
final class CsvColumns {
    private final String[] header;
    private final String headerLocation;
    private final Map<CandleField, Integer> index = new EnumMap<>(CandleField.class);
    private final List<Integer> timeColumns = new ArrayList<>();
    private int primaryTime = -1;

    CsvColumns(String[] header, String headerLocation, Problems problems) {
        this.header = header;
        this.headerLocation = headerLocation;
        for (int i = 0; i < header.length; i++) {
            int column = i;
            CandleField.forName(header[i]).ifPresent(field -> {
                if (field == CandleField.TIME) {
                    timeColumns.add(column);
                } else if (index.putIfAbsent(field, column) != null) {
                    problems.add(headerLocation, header[column], "the file has two " + field.label()
                            + " columns ('" + Excerpt.of(header[index.get(field)]) + "' and '"
                            + Excerpt.of(header[column]) + "')");
                }
            });
        }
        timeColumns.sort(Comparator.comparingInt(i -> CandleField.TIME.rank(header[i])));
    }

    boolean has(CandleField field) {
        return field == CandleField.TIME ? !timeColumns.isEmpty() : index.containsKey(field);
    }

    int indexOf(CandleField field) {
        return index.getOrDefault(field, -1);
    }

    String name(int column) {
        return header[column];
    }

    /** Reports the fields in {@code required} that no column plays; true if all are there. */
    boolean require(List<CandleField> required, Problems problems) {
        List<String> missing = new ArrayList<>();
        for (CandleField field : required) {
            if (!has(field)) {
                missing.add(field.label());
            }
        }
        if (!missing.isEmpty()) {
            problems.add(headerLocation, "", "missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (header: " + Excerpt.of(String.join(",", header), 120) + ")");
        }
        return missing.isEmpty();
    }

    /** The name of the column a row's time is read from (after {@link #timeMillis} has seen a row). */
    String timeName() {
        return header[primaryTime >= 0 ? primaryTime : timeColumns.get(0)];
    }

    /**
     * A row's time in epoch milliseconds, or {@code Long.MIN_VALUE} after reporting why it has none.
     * The first row decides the primary time column: the most preferred one holding a plain number. Every
     * other time column must agree with it (each number read by its magnitude).
     *
     * @param times the candle time column (its unit decided later, see {@link TimeColumn}), or null to read
     *              each number by its magnitude (trades, which have no regular spacing to judge by)
     * @param row   the index the row will have among the rows kept
     */
    long timeMillis(String[] fields, String location, Problems problems, TimeColumn times, int row) {
        if (primaryTime < 0) {
            primaryTime = timeColumns.stream()
                    .filter(c -> c < fields.length && Decimals.isDecimal(fields[c]))
                    .findFirst().orElse(timeColumns.get(0));
        }
        long time = timeIn(fields, primaryTime, location, problems, times, row);
        if (time == Long.MIN_VALUE || timeColumns.size() == 1) {
            return time;
        }
        long primary = Timestamps.parseMillis(fields[primaryTime]);
        for (int column : timeColumns) {
            if (column != primaryTime) {
                long other = timeIn(fields, column, location, problems, null, row);
                if (other == Long.MIN_VALUE) {
                    return other;
                }
                if (other != primary) {
                    problems.add(location, header[column], "'" + Excerpt.of(fields[column]) + "' disagrees with "
                            + Excerpt.of(header[primaryTime]) + " '" + Excerpt.of(fields[primaryTime]) + "' by "
                            + (other - primary) / 1000.0 + " s");
                    return Long.MIN_VALUE;
                }
            }
        }
        return time;
    }

    /** The value in {@code column}, or null after reporting a short row. */
    String value(String[] row, int column, String location, Problems problems) {
        if (column >= row.length) {
            problems.add(location, header[column], "missing: the line has " + row.length + " fields, the header "
                    + header.length);
            return null;
        }
        return row[column];
    }

    /** The number in {@code column}, or NaN after reporting why it is not one. */
    double number(String[] row, int column, String location, Problems problems) {
        String text = value(row, column, location, problems);
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Decimals.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(location, header[column], e.getMessage());
            return Double.NaN;
        }
    }

    /**
     * The time in {@code column} in epoch milliseconds, or {@code Long.MIN_VALUE} after reporting why not.
     *
     * @param times the column to read it into (see {@link #timeMillis}), or null to read a number by magnitude
     */
    long timeIn(String[] fields, int column, String location, Problems problems, TimeColumn times, int row) {
        String text = value(fields, column, location, problems);
        if (text == null) {
            return Long.MIN_VALUE;
        }
        try {
            return times == null ? Timestamps.parseMillis(text) : times.read(text, row);
        } catch (IllegalArgumentException e) {
            problems.add(location, header[column], e.getMessage());
            return Long.MIN_VALUE;
        }
    }
}
