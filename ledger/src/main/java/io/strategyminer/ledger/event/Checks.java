package io.strategyminer.ledger.event;

import java.util.regex.Pattern;

/**
 * Field checks shared by the payload records. Each throws {@link IllegalArgumentException} naming
 * the field and why, so a rejected event can be explained in one line.
 */
final class Checks {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Checks() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** Non-blank text of at most {@code maxChars} characters without control characters. */
    static String text(String field, String value, int maxChars) {
        required(field, value);
        if (value.isBlank() || value.length() > maxChars) {
            throw new IllegalArgumentException(field + " must be 1 to " + maxChars + " characters, got "
                    + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " contains a control character at " + i);
            }
        }
        return value;
    }

    static String matches(String field, String value, Pattern pattern) {
        required(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + abbreviate(value) + "' does not match " + pattern);
        }
        return value;
    }

    static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " " + value + " outside [" + min + ", " + max + "]");
        }
        return value;
    }

    static double finiteRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) { // also false for NaN
            throw new IllegalArgumentException(field + " " + value + " outside [" + min + ", " + max + "]");
        }
        return value;
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
        return value;
    }

    /** A finite number, or NaN for a statistic that is undefined; never infinite. */
    static double finiteOrUndefined(String field, double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number or undefined, got " + value);
        }
        return value;
    }

    private static String abbreviate(String value) {
        return value.length() <= 70 ? value : value.substring(0, 67) + "...";
    }
}
