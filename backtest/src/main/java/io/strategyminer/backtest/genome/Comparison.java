package io.strategyminer.backtest.genome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a condition compares its two sides at a candle {@code i} (evaluated on that candle's close):
 * <ul>
 *   <li>{@code >}, {@code <}: strictly greater / smaller at {@code i};</li>
 *   <li>crosses above: {@code left[i] > right[i]}, and on the most recent earlier candle where the
 *       two sides differed, {@code left < right};</li>
 *   <li>crosses below: {@code left[i] < right[i]}, and on the most recent earlier candle where they
 *       differed, {@code left > right}.</li>
 * </ul>
 * Candles where both sides are equal are looked through (ta4j's definition): touching a line and
 * turning back is not a crossing, crossing it over several candles counts once. A condition is
 * false wherever either side is undefined (during an indicator's warm-up, or NaN), and an undefined
 * candle also forgets the earlier relation, so a crossing is never true on the first defined candle.
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
