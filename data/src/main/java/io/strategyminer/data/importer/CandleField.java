package io.strategyminer.data.importer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The roles a CSV column or JSON field can play, recognised by name whatever the order or case.
 * CSV headers and the keys of JSON candle objects go through the same table, so
 * {@code open_time}, {@code start} and {@code endTime} mean the same thing in every format.
 */
enum CandleField {
    /** A candle's open time or a trade's time. Aliases are listed in order of preference. */
    TIME("unix", "unix_timestamp", "timestamp", "time", "date", "datetime", "start", "open_time", "opentime"),
    /** The candle's last millisecond (or its exclusive end); the open time is derived from it. */
    END_TIME("endtime", "end_time", "close_time", "closetime"),
    OPEN("open", "o", "openprice", "open_price"),
    HIGH("high", "h", "highprice", "high_price"),
    LOW("low", "l", "lowprice", "low_price"),
    CLOSE("close", "c", "closeprice", "close_price"),
    VOLUME("volume", "vol", "v", "base_volume"),
    /** A trade's price (trades files only). */
    PRICE("price", "p"),
    /** A trade's size (trades files only). */
    AMOUNT("amount", "qty", "quantity", "size");

    private static final Map<String, CandleField> BY_ALIAS = new TreeMap<>();

    static {
        for (CandleField field : values()) {
            for (String alias : field.aliases) {
                BY_ALIAS.put(alias, field);
            }
        }
    }

    private final List<String> aliases;

    CandleField(String... aliases) {
        this.aliases = List.of(aliases);
    }

    /** The field a column or key names: case, spaces and dashes do not matter ("Open Time" = open_time). */
    static Optional<CandleField> forName(String name) {
        return Optional.ofNullable(BY_ALIAS.get(normalize(name)));
    }

    /** Lower rank = preferred when several columns play this role (only {@link #TIME} has several). */
    int rank(String name) {
        return aliases.indexOf(normalize(name));
    }

    static String normalize(String name) {
        return name.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    /** The name used in messages. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
