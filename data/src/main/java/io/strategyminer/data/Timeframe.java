package io.strategyminer.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Candle lengths as people write them ("1m", "5m", "4h", "1d") and as the code keeps them (seconds).
 */
public final class Timeframe {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})\\s*([smhdw]?)");

    private Timeframe() {
    }

    /**
     * Parses "300", "300s", "5m", "1h", "4h", "1d" or "1w" into seconds.
     *
     * @throws IllegalArgumentException if the text is not a positive duration in one of those forms
     */
    public static long parseSeconds(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("timeframe '" + text + "' is not like 1m, 5m, 15m, 1h, 4h, 1d or 300s");
        }
        long amount = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "", "s" -> 1;
            case "m" -> 60;
            case "h" -> 3_600;
            case "d" -> 86_400;
            case "w" -> 604_800;
            default -> throw new AssertionError(m.group(2));
        };
        if (amount <= 0) {
            throw new IllegalArgumentException("timeframe '" + text + "' must be positive");
        }
        return amount * unit;
    }

    /** The shortest exact label: 300 → "5m", 14400 → "4h", 90 → "90s". */
    public static String label(long seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("timeframe must be positive, got " + seconds + " s");
        }
        if (seconds % 604_800 == 0) {
            return seconds / 604_800 + "w";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
