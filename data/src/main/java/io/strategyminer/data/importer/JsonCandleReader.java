package io.strategyminer.data.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.strategyminer.data.CandleSeriesBuilder;

/**
 * Reads the JSON candle shapes with a streaming parser, so a large file never becomes a tree in memory:
 * <ul>
 *   <li>a top-level array of {@code [time, low, high, open, close, volume]} (Coinbase Exchange);</li>
 *   <li>an object with a {@code "candles"} array of objects (Coinbase Advanced Trade; values may be strings);</li>
 *   <li>an object with an {@code "ohlc"} array of objects keyed {@code endTime}, {@code openPrice}, … and an
 *       optional {@code "name"}.</li>
 * </ul>
 * Keys of candle objects are matched through {@link CandleField}, the same table as CSV headers.
 */
final class JsonCandleReader {
    /** Positions in a Coinbase Exchange candle array. */
    private static final CandleField[] EXCHANGE_ORDER = {CandleField.TIME, CandleField.LOW, CandleField.HIGH,
            CandleField.OPEN, CandleField.CLOSE, CandleField.VOLUME};
    private static final CandleField[] PRICES = {CandleField.OPEN, CandleField.HIGH, CandleField.LOW,
            CandleField.CLOSE, CandleField.VOLUME};
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Problems problems;
    private final CandleSeriesBuilder rows = new CandleSeriesBuilder();
    private final IntList locations = new IntList();
    /** Decided by the first element: whether candles carry open times or end times. */
    private Boolean endTimes;
    private String timeField = CandleField.TIME.label();

    private JsonCandleReader(Problems problems) {
        this.problems = problems;
    }

    /** The candles, or null when the document holds none it could read (the problem is reported). */
    static RawCandles read(InputStream in, Problems problems) throws IOException {
        JsonCandleReader reader = new JsonCandleReader(problems);
        try (JsonParser parser = JSON.createParser(in)) {
            return reader.document(parser);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null ? "" : "line " + at.getLineNr() + " column " + at.getColumnNr(), "",
                    "malformed JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private RawCandles document(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            readArray(parser, "");
            return result(ImportFormat.COINBASE_EXCHANGE_JSON, "", null);
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
            } else if (key.equals("name") && value == JsonToken.VALUE_STRING) {
                name = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        if (format == null) {
            problems.add("", "", "no \"candles\" or \"ohlc\" array in the JSON object");
            return null;
        }
        return result(format, arrayName, name);
    }

    private RawCandles result(ImportFormat format, String arrayName, String symbolHint) {
        return new RawCandles(format, rows.build(), locations.toArray(), arrayName, timeField,
                Boolean.TRUE.equals(endTimes), symbolHint);
    }

    /** Reads the elements of the array the parser is at the start of. */
    private void readArray(JsonParser parser, String arrayName) throws IOException {
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), index++) {
            String location = RawCandles.location(arrayName, index);
            Map<CandleField, String> values = new EnumMap<>(CandleField.class);
            Map<CandleField, String> keys = new EnumMap<>(CandleField.class);
            if (token == JsonToken.START_ARRAY) {
                if (!readPositional(parser, location, values, keys)) {
                    continue;
                }
            } else if (token == JsonToken.START_OBJECT) {
                readKeyed(parser, values, keys);
            } else {
                problems.add(location, "", "expected a candle (array or object), found " + parser.getText());
                continue;
            }
            addRow(index, location, values, keys);
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
                time = Timestamps.parseMillis(timeText);
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
}
