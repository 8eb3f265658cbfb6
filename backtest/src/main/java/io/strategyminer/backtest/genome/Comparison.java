package io.strategyminer.backtest.genome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a condition compares its two sides at a candle {@code i} (evaluated on that candle's close):
 * <ul>
 *   <li>{@code >}, {@code <}: strictly greater / smaller at {@code i};</li>
 *   <li>crosses above: {@code left[i] > right[i]} and {@code left[i-1] <= right[i-1]};</li>
 *   <li>crosses below: {@code left[i] < right[i]} and {@code left[i-1] >= right[i-1]}.</li>
 * </ul>
 * A crossing needs both candles to have a value, so it is never true on the first valid candle.
 */
public enum Comparison {
    ABOVE(">", ">"),
    BELOW("<", "<"),
    CROSSES_ABOVE("crosses_above", "crosses above"),
    CROSSES_BELOW("crosses_below", "crosses below");

    private final String json;
    private final String words;

    Comparison(String json, String words) {
        this.json = json;
        this.words = words;
    }

    @JsonValue
    public String json() {
        return json;
    }

    /** As written in the readable sentence. */
    public String words() {
        return words;
    }

    public boolean isCross() {
        return this == CROSSES_ABOVE || this == CROSSES_BELOW;
    }

    @JsonCreator
    public static Comparison parse(String text) {
        for (Comparison c : values()) {
            if (c.json.equalsIgnoreCase(text.trim()) || c.name().equalsIgnoreCase(text.trim())
                    || c.words.equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown comparison '" + text
                + "'; use one of >, <, crosses_above, crosses_below");
    }
}
