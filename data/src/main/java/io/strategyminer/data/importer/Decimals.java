package io.strategyminer.data.importer;

import io.strategyminer.data.Excerpt;

/**
 * Strict decimal parsing for prices and volumes. {@link Double#parseDouble} alone would also accept
 * "NaN", "Infinity", hex floats and a trailing "d", none of which belong in a candle file.
 */
final class Decimals {
    private Decimals() {
    }

    /** True for {@code [+-]digits[.digits][e[+-]digits]} (at least one digit before or after the point). */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * The double nearest to the decimal text (correctly rounded, so the same text gives the same bits
     * from CSV or JSON).
     *
     * @throws IllegalArgumentException with a reason fit for a {@link CandleProblem}
     */
    static double parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (!isDecimal(s)) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("nan") || lower.contains("inf")) {
                throw new IllegalArgumentException("'" + Excerpt.of(s) + "' is not a finite number");
            }
            throw new IllegalArgumentException("'" + Excerpt.of(s) + "' is not a number");
        }
        double value = Double.parseDouble(s);
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("'" + Excerpt.of(s) + "' is too large");
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
