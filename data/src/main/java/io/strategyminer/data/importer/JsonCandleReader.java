package io.strategyminer.data.importer;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;
import io.strategyminer.data.Excerpt;

/**
 * Reads the JSON candle shapes with a streaming parser, so a large file never becomes a tree in memory:
 * <ul>
 *   <li>a top-level array of {@code [time, low, high, open, close, volume]} (Coinbase Exchange);</li>
 *   <li>a top-level array of candle objects, e.g. {@code [{"Date": <ms>, "Open": …, "High": …, "Low": …,
 *       "Close": …, "Volume": …}]} (a Yahoo Finance download saved by pandas);</li>
 *   <li>an object with a {@code "candles"} array of objects (Coinbase Advanced Trade; values may be strings);</li>
 *   <li>an object with an {@code "ohlc"} array of objects keyed {@code endTime}, {@code openPrice}, … and an
 *       optional {@code "name"};</li>
 *   <li>Yahoo's chart API: {@code {"chart":{"result":[{"meta":{"symbol":…},"timestamp":[…],
 *       "indicators":{"quote":[{"open":[…],"high":[…],"low":[…],"close":[…],"volume":[…]}]}}]}}}, columns
 *       of values; an index whose values are all null (Yahoo's "no trading") is skipped.</li>
 * </ul>
 * Keys of candle objects are matched through {@link CandleField}, the same table as CSV headers. Strings,
 * numbers and keys are bounded by {@link ImportLimits#maxFieldChars()}, nesting to {@value #MAX_DEPTH} levels
 * and the candles to {@link ImportLimits#maxCandles()}, all checked while streaming.
 */
final class JsonCandleReader {
    /** Candle JSON is shallow (the chart API's values are 6 levels deep). */
    static final int MAX_DEPTH = 32;
    /** Positions in a Coinbase Exchange candle array. */
    private static final CandleField[] EXCHANGE_ORDER = {CandleField.TIME, CandleField.LOW, CandleField.HIGH,
            CandleField.OPEN, CandleField.CLOSE, CandleField.VOLUME};
    private static final CandleField[] PRICES = {CandleField.OPEN, CandleField.HIGH, CandleField.LOW,
            CandleField.CLOSE, CandleField.VOLUME};

    private final ImportLimits limits;
    private final Problems problems;
    private final CandleSeriesBuilder rows = new CandleSeriesBuilder();
    private final IntList locations = new IntList();
    private final List<String> notes = new ArrayList<>();
    private final TimeColumn times = new TimeColumn(TimeColumn.Unit.INFER);
    /** Decided by the first element: whether candles carry open times or end times. */
    private Boolean endTimes;
    private String timeField = CandleField.TIME.label();
    private String declaredSymbol;

    private JsonCandleReader(ImportLimits limits, Problems problems) {
        this.limits = limits;
        this.problems = problems;
    }

    /** The candles, or null when the document holds none it could read (the problem is reported). */
    static RawCandles read(InputStream in, ImportLimits limits, Problems problems) throws IOException {
        JsonCandleReader reader = new JsonCandleReader(limits, problems);
        JsonFactory json = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(limits.maxFieldChars())
                .maxNumberLength(limits.maxFieldChars())
                .maxNameLength(limits.maxFieldChars())
                .maxNestingDepth(MAX_DEPTH)
                .build()).build();
        try (JsonParser parser = json.createParser(in)) {
            return reader.document(parser);
        } catch (StreamConstraintsException e) {
            problems.add(at(e.getLocation()), "", "a JSON value is longer or deeper than the import allows ("
                    + limits.maxFieldChars() + " characters, " + MAX_DEPTH + " levels): "
                    + Excerpt.of(e.getOriginalMessage(), 120));
            return null;
        } catch (JsonProcessingException e) {
            problems.add(at(e.getLocation()), "", "malformed JSON: " + Excerpt.of(e.getOriginalMessage(), 120));
            return null;
        } catch (CharConversionException e) {
            // zero bytes up front make the parser guess UTF-16 or UTF-32, whose decoding then fails: not JSON text
            problems.add("", "", "not JSON text in UTF-8 (or UTF-16/32): " + Excerpt.of(e.getMessage(), 120));
            return null;
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : "line " + location.getLineNr() + " column " + location.getColumnNr();
    }

    private RawCandles document(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            boolean objects = readArray(parser, "");
            return result(objects ? ImportFormat.RECORDS_JSON : ImportFormat.COINBASE_EXCHANGE_JSON, "", null);
        }
        if (first != JsonToken.START_OBJECT) {
            problems.add("", "", first == null ? "the file is empty" : "expected a JSON array or object, found " + first);
            return null;
        }
        ImportFormat format = null;
        String arrayName = null;
        String name = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (format == null && value == JsonToken.START_ARRAY && (key.equals("candles") || key.equals("ohlc"))) {
                format = key.equals("candles") ? ImportFormat.COINBASE_ADVANCED_JSON : ImportFormat.OHLC_JSON;
                arrayName = key;
                readArray(parser, key);
            } else if (format == null && value == JsonToken.START_OBJECT && key.equals("chart")) {
                format = ImportFormat.YAHOO_CHART_JSON;
                arrayName = "timestamp";
                if (!readChart(parser)) {
                    return null;
                }
            } else if (key.equals("name") && value == JsonToken.VALUE_STRING) {
                name = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        if (format == null) {
            problems.add("", "", "no \"candles\", \"ohlc\" or \"chart\" in the JSON object");
            return null;
        }
        return result(format, arrayName, name);
    }

    private RawCandles result(ImportFormat format, String arrayName, String symbolHint) {
        CandleSeries read = rows.build();
        times.resolve(read.time());
        if (times.note() != null) {
            notes.add(times.note());
        }
        return new RawCandles(format, read, locations.toArray(), arrayName, timeField, Boolean.TRUE.equals(endTimes),
                declaredSymbol, symbolHint, notes);
    }

    /** Reads the elements of the array the parser is at the start of; true when they are objects. */
    private boolean readArray(JsonParser parser, String arrayName) throws IOException {
        int index = 0;
        Boolean objects = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), index++) {
            String location = RawCandles.location(arrayName, index);
            checkCount(index, location);
            if (objects == null) {
                objects = token == JsonToken.START_OBJECT;
            }
            Map<CandleField, String> values = new EnumMap<>(CandleField.class);
            Map<CandleField, String> keys = new EnumMap<>(CandleField.class);
            if (token == JsonToken.START_ARRAY) {
                if (!readPositional(parser, location, values, keys)) {
                    continue;
                }
            } else if (token == JsonToken.START_OBJECT) {
                readKeyed(parser, values, keys);
            } else {
                problems.add(location, "", "expected a candle (array or object), found " + Excerpt.of(parser.getText()));
                continue;
            }
            addRow(index, location, values, keys);
        }
        return Boolean.TRUE.equals(objects);
    }

    private void checkCount(int index, String location) {
        if (index >= limits.maxCandles()) {
            throw problems.fail(location, "", "more than " + limits.maxCandles() + " candles, the import's limit:"
                    + " split the file or resample it first");
        }
    }

    /** False (after reporting it) when the array is too short to be a candle. */
    private boolean readPositional(JsonParser parser, String location, Map<CandleField, String> values,
                                   Map<CandleField, String> keys) throws IOException {
        int position = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), position++) {
            if (position < EXCHANGE_ORDER.length && token.isScalarValue()) {
                values.put(EXCHANGE_ORDER[position], parser.getText());
                keys.put(EXCHANGE_ORDER[position], EXCHANGE_ORDER[position].label());
            } else {
                parser.skipChildren();
            }
        }
        if (position < EXCHANGE_ORDER.length) {
            problems.add(location, "", "has " + position + " values, expected 6: [time, low, high, open, close, volume]");
            return false;
        }
        return true;
    }

    private static void readKeyed(JsonParser parser, Map<CandleField, String> values, Map<CandleField, String> keys)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            Optional<CandleField> field = CandleField.forName(key);
            if (field.isPresent() && value.isScalarValue() && !values.containsKey(field.get())) {
                values.put(field.get(), parser.getText());
                keys.put(field.get(), key);
            } else {
                parser.skipChildren();
            }
        }
    }

    private void addRow(int index, String location, Map<CandleField, String> values, Map<CandleField, String> keys) {
        if (endTimes == null && (values.containsKey(CandleField.TIME) || values.containsKey(CandleField.END_TIME))) {
            endTimes = !values.containsKey(CandleField.TIME);
            timeField = keys.get(endTimes ? CandleField.END_TIME : CandleField.TIME);
        }
        CandleField timeRole = Boolean.TRUE.equals(endTimes) ? CandleField.END_TIME : CandleField.TIME;
        long time = Long.MIN_VALUE;
        boolean ok = true;
        String timeText = values.get(timeRole);
        if (timeText == null) {
            problems.add(location, timeField, "missing");
            ok = false;
        } else {
            try {
                time = times.read(timeText, rows.size());
            } catch (IllegalArgumentException e) {
                problems.add(location, keys.get(timeRole), e.getMessage());
                ok = false;
            }
        }
        double[] prices = new double[PRICES.length];
        for (int f = 0; f < PRICES.length; f++) {
            String text = values.get(PRICES[f]);
            if (text == null) {
                problems.add(location, PRICES[f].label(), "missing");
                ok = false;
                continue;
            }
            try {
                prices[f] = Decimals.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(location, keys.get(PRICES[f]), e.getMessage());
                ok = false;
            }
        }
        if (ok) {
            rows.add(time, prices[0], prices[1], prices[2], prices[3], prices[4]);
            locations.add(index);
        }
    }

    /** Reads Yahoo's {@code "chart"} object; false (after reporting why) when it holds no candles. */
    private boolean readChart(JsonParser parser) throws IOException {
        timeField = "timestamp";
        ChartColumns chart = null;
        String error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (key.equals("result") && value == JsonToken.START_ARRAY) {
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    if (chart == null && t == JsonToken.START_OBJECT) {
                        chart = readChartResult(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (key.equals("error") && value == JsonToken.START_OBJECT) {
                error = errorDescription(parser);
            } else {
                parser.skipChildren();
            }
        }
        if (chart == null) {
            problems.add("", "chart", error != null ? "the chart holds no result but an error: " + error
                    : "no \"result\" in the chart");
            return false;
        }
        chart.zip();
        return true;
    }

    private static String errorDescription(JsonParser parser) throws IOException {
        String description = "(no description)";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (key.equals("description") && value == JsonToken.VALUE_STRING) {
                description = Excerpt.of(parser.getText(), 120);
            } else {
                parser.skipChildren();
            }
        }
        return description;
    }

    private ChartColumns readChartResult(JsonParser parser) throws IOException {
        ChartColumns chart = new ChartColumns();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (key.equals("meta") && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String metaKey = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_STRING && metaKey.equals("symbol")) {
                        declaredSymbol = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (key.equals("timestamp") && value == JsonToken.START_ARRAY) {
                chart.time = column(parser, "timestamp", true);
            } else if (key.equals("indicators") && value == JsonToken.START_OBJECT) {
                readIndicators(parser, chart);
            } else {
                parser.skipChildren();
            }
        }
        return chart;
    }

    private void readIndicators(JsonParser parser, ChartColumns chart) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!key.equals("quote") || value != JsonToken.START_ARRAY) {
                parser.skipChildren();
                continue;
            }
            boolean firstQuote = true;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                if (firstQuote && t == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        int column = ChartColumns.NAMES.indexOf(parser.currentName());
                        if (parser.nextToken() == JsonToken.START_ARRAY && column >= 0) {
                            chart.prices[column] = column(parser, ChartColumns.NAMES.get(column), false);
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
                firstQuote = false;
            }
        }
    }

    /**
     * The values of an array of numbers as doubles, or for {@code times} the epoch milliseconds of unix seconds
     * (the chart API's unit; exact in a double up to 2^53 ms, some 285,000 years); NaN for null. Problems are
     * reported at their index.
     */
    private double[] column(JsonParser parser, String name, boolean times) throws IOException {
        double[] values = new double[64];
        int size = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken(), size++) {
            String location = RawCandles.location("timestamp", size);
            checkCount(size, location);
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.min(limits.maxCandles(), 2 * size));
            }
            values[size] = Double.NaN;
            if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
                String text = parser.getText();
                try {
                    values[size] = times ? seconds(text) : Decimals.parse(text);
                } catch (IllegalArgumentException e) {
                    problems.add(location, name, e.getMessage());
                }
            } else if (t != JsonToken.VALUE_NULL) {
                problems.add(location, name, "expected a number, found " + t);
                parser.skipChildren();
            }
        }
        return Arrays.copyOf(values, size);
    }

    private static double seconds(String text) {
        String s = text.trim();
        if (!Decimals.isDecimal(s)) {
            throw new IllegalArgumentException("'" + Excerpt.of(s) + "' is not a number of seconds");
        }
        long millis = Timestamps.secondsAsMillis(Timestamps.unixNumber(s), s);
        if (Math.abs(millis) > 1L << 53) {
            throw new IllegalArgumentException("'" + Excerpt.of(s) + "' is out of range for a timestamp");
        }
        return millis;
    }

    /** The columns of a chart result, zipped into rows once all are read. */
    private final class ChartColumns {
        static final List<String> NAMES = List.of("open", "high", "low", "close", "volume");
        double[] time;
        final double[][] prices = new double[NAMES.size()][];

        void zip() {
            if (time == null) {
                problems.add("", "timestamp", "missing: the chart result has no \"timestamp\" array");
                return;
            }
            for (int f = 0; f < prices.length; f++) {
                if (prices[f] == null) {
                    problems.add("", NAMES.get(f), "missing: the chart result has no indicators.quote[0]."
                            + NAMES.get(f));
                } else if (prices[f].length != time.length) {
                    problems.add("", NAMES.get(f), "indicators.quote[0]." + NAMES.get(f) + " has " + prices[f].length
                            + " values, timestamp " + time.length);
                }
            }
            if (!problems.isEmpty()) {
                return;
            }
            int skipped = 0;
            for (int i = 0; i < time.length; i++) {
                int row = i;
                if (Arrays.stream(prices).allMatch(column -> Double.isNaN(column[row]))) {
                    skipped++; // Yahoo's way of saying nothing traded
                    continue;
                }
                String location = RawCandles.location("timestamp", i);
                boolean ok = !Double.isNaN(time[i]);
                if (!ok) {
                    problems.add(location, "timestamp", "missing (null)");
                }
                for (int f = 0; f < prices.length; f++) {
                    if (Double.isNaN(prices[f][i])) {
                        problems.add(location, NAMES.get(f), "missing (null) while other values are there");
                        ok = false;
                    }
                }
                if (ok) {
                    rows.add((long) time[i], prices[0][i], prices[1][i], prices[2][i],
                            prices[3][i], prices[4][i]);
                    locations.add(i);
                }
            }
            if (skipped > 0) {
                notes.add(skipped + " timestamps with only null values (no trading) skipped");
            }
        }
    }
}
