package io.strategyminer.backtest.genome;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One indicator with its parameters, e.g. EMA(21) or MACD_SIGNAL(12,26,9). Unused parameters are 0.
 * Its text form ({@link #toString()}) is also its JSON form and is parsed back by {@link #parse}.
 * The backtester computes each distinct indicator once per dataset and shares the column between
 * every genome that uses it, so this record is also the cache key.
 */
public record Indicator(IndicatorKind kind, int p1, int p2, int p3) implements Operand {
    private static final Pattern TEXT = Pattern.compile("\\s*([A-Za-z_]+)\\s*(?:\\(([^)]*)\\))?\\s*");

    public Indicator {
        if (kind == null) {
            throw new IllegalArgumentException("indicator kind is required");
        }
        int[] p = {p1, p2, p3};
        for (int i = kind.parameterCount(); i < 3; i++) {
            if (p[i] != 0) {
                throw new IllegalArgumentException(kind + " takes " + kind.parameterCount() + " parameter(s)");
            }
        }
        switch (kind) {
            case PRICE -> { }
            case MACD, MACD_SIGNAL, MACD_HIST -> {
                checkPeriod(kind, "fast", p1);
                checkPeriod(kind, "slow", p2);
                if (p1 >= p2) {
                    throw new IllegalArgumentException(kind + ": fast period " + p1 + " must be below slow " + p2);
                }
                if (kind != IndicatorKind.MACD) {
                    checkPeriod(kind, "signal", p3);
                }
            }
            case BB_UPPER, BB_LOWER, BB_PCTB -> {
                checkPeriod(kind, "period", p1);
                if (p2 < IndicatorKind.MIN_BAND_TENTHS || p2 > IndicatorKind.MAX_BAND_TENTHS) {
                    throw new IllegalArgumentException(kind + ": band width " + p2 + " tenths of σ outside ["
                            + IndicatorKind.MIN_BAND_TENTHS + ", " + IndicatorKind.MAX_BAND_TENTHS + "]");
                }
            }
            default -> checkPeriod(kind, "period", p1);
        }
    }

    private static void checkPeriod(IndicatorKind kind, String what, int value) {
        if (value < IndicatorKind.MIN_PERIOD || value > IndicatorKind.MAX_PERIOD) {
            throw new IllegalArgumentException(kind + ": " + what + " period " + value + " outside ["
                    + IndicatorKind.MIN_PERIOD + ", " + IndicatorKind.MAX_PERIOD + "]");
        }
    }

    public static Indicator price() {
        return new Indicator(IndicatorKind.PRICE, 0, 0, 0);
    }

    public static Indicator of(IndicatorKind kind, int... params) {
        if (params.length != kind.parameterCount()) {
            throw new IllegalArgumentException(kind + " takes " + kind.parameterCount() + " parameter(s), got "
                    + params.length);
        }
        return new Indicator(kind, params.length > 0 ? params[0] : 0, params.length > 1 ? params[1] : 0,
                params.length > 2 ? params[2] : 0);
    }

    public Scale scale() {
        return kind.scale();
    }

    /** Bollinger band width as a multiple of the standard deviation. */
    public double bandWidth() {
        if (!kind.isBollinger()) {
            throw new IllegalStateException(kind + " has no band width");
        }
        return p2 / 10.0;
    }

    /** Parses the text form, e.g. "RSI(14)", "macd_hist(12, 26, 9)", "PRICE". */
    @JsonCreator
    public static Indicator parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an indicator: '" + text + "' (expected e.g. EMA(21))");
        }
        IndicatorKind kind = IndicatorKind.parse(m.group(1));
        String args = m.group(2);
        int[] params = args == null || args.isBlank() ? new int[0] : parseInts(text, args.split(","));
        return of(kind, params);
    }

    private static int[] parseInts(String text, String[] parts) {
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("indicator '" + text + "': '" + parts[i].trim()
                        + "' is not a whole number");
            }
        }
        return out;
    }

    @JsonValue
    @Override
    public String toString() {
        return switch (kind.parameterCount()) {
            case 0 -> kind.name();
            case 1 -> kind + "(" + p1 + ")";
            case 2 -> kind + "(" + p1 + "," + p2 + ")";
            default -> kind + "(" + p1 + "," + p2 + "," + p3 + ")";
        };
    }
}
