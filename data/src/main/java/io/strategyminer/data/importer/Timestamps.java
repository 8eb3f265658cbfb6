package io.strategyminer.data.importer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

import io.strategyminer.data.Excerpt;

/**
 * Reads the timestamps found in candle and trade files: unix seconds, unix milliseconds, ISO-8601 with
 * {@code Z} or an offset, and {@code YYYY-MM-DD HH:MM:SS} (UTC). A single number is told apart by magnitude
 * ({@link #parseMillis}); a column of candle times is decided as a whole by {@link TimeColumn}.
 */
final class Timestamps {
    /**
     * Unix numbers at or above this are milliseconds: as seconds it is the year 5138, as milliseconds
     * 1973, so no real candle file is ambiguous.
     */
    static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private Timestamps() {
    }

    /**
     * Epoch milliseconds of a timestamp. Text without a zone is UTC; fractions below a millisecond are
     * dropped.
     *
     * @throws IllegalArgumentException with a reason fit for a {@link CandleProblem}
     */
    static long parseMillis(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (Decimals.isDecimal(s)) {
            return unixMillis(s);
        }
        long fast = plainUtcMillis(s);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
            if (iso.length() == 10) {
                return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from,
                    LocalDateTime::from);
            Instant instant = parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return instant.toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + Excerpt.of(s) + "' is not a timestamp (unix seconds or"
                    + " milliseconds, ISO-8601 like 2024-01-01T00:00:00Z, or 2024-01-01 00:00:00 UTC)");
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + Excerpt.of(s) + "' is not a valid date and time: "
                    + Excerpt.of(String.valueOf(e.getMessage()), 120));
        }
    }

    /**
     * A unix number read as seconds, in milliseconds (fractions below a millisecond dropped).
     *
     * @throws IllegalArgumentException when out of range
     */
    static long secondsAsMillis(BigDecimal value, String text) {
        try {
            return value.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + Excerpt.of(text) + "' is out of range for a timestamp");
        }
    }

    /** "2011-08-18T12:35:00Z": how a time in unix seconds is shown in messages. */
    static String describe(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /**
     * A unix number, refused when its magnitude or its digits after the point are absurd: BigDecimal arithmetic
     * on "1e67200000" would build a number of 67 million digits, minutes of work for one field.
     *
     * @throws IllegalArgumentException when out of range
     */
    static BigDecimal unixNumber(String s) {
        BigDecimal value = new BigDecimal(s);
        if (value.signum() != 0 && (value.precision() - value.scale() > 19 || value.scale() > 18)) {
            throw new IllegalArgumentException("'" + Excerpt.of(s) + "' is out of range for a timestamp");
        }
        return value;
    }

    private static long unixMillis(String s) {
        BigDecimal value = unixNumber(s);
        BigDecimal millis = value.abs().compareTo(BigDecimal.valueOf(MILLIS_THRESHOLD)) >= 0
                ? value : value.movePointRight(3);
        try {
            return millis.setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + Excerpt.of(s) + "' is out of range for a timestamp");
        }
    }

    /**
     * The common "YYYY-MM-DD HH:MM:SS" (or with a T) without the general parser, which is several times
     * slower; {@code Long.MIN_VALUE} when the text has another shape.
     */
    private static long plainUtcMillis(String s) {
        if (s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC) * 1000;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + s + "' is not a valid date and time: " + e.getMessage());
        }
    }

    /** The non-negative number in {@code s[from, to)}, or -1 if a character is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
