package io.strategyminer.data;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.Predicate;

/**
 * Candles stamped in a market's local time, as exchanges and Yahoo exports stamp them: daylight-saving time
 * moves them by an hour in UTC twice a year.
 */
public final class LocalTimeSeries {
    private LocalTimeSeries() {
    }

    /** Weekday predicate: Monday to Friday. */
    public static final Predicate<LocalDate> WEEKDAYS = d -> d.getDayOfWeek().getValue() <= 5;

    /**
     * One candle a day at {@code time} in {@code zone} from {@code from} (inclusive) to {@code to} (exclusive), on
     * the days {@code trading} accepts, prices a gentle seeded walk.
     */
    public static CandleSeries daily(LocalDate from, LocalDate to, LocalTime time, ZoneId zone,
                                     Predicate<LocalDate> trading) {
        CandleSeriesBuilder b = new CandleSeriesBuilder();
        double close = 100;
        int k = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            if (trading.test(d)) {
                double open = close;
                close = open * (1 + 0.01 * StrictMath.sin(k++));
                b.add(d.atTime(time).atZone(zone).toEpochSecond(), open, Math.max(open, close) + 0.5,
                        Math.min(open, close) - 0.5, close, 1_000 + k);
            }
        }
        return b.build();
    }

    /** One candle a week at {@code time} on {@code day} in {@code zone}. */
    public static CandleSeries weekly(LocalDate from, LocalDate to, DayOfWeek day, LocalTime time, ZoneId zone) {
        return daily(from, to, time, zone, d -> d.getDayOfWeek() == day);
    }

    /**
     * Intraday candles of {@code minutes} during a session opening at {@code open} local time and lasting
     * {@code sessionMinutes} (1,440 for a market that never closes), on the days {@code trading} accepts.
     */
    public static CandleSeries session(LocalDate from, LocalDate to, LocalTime open, int sessionMinutes, int minutes,
                                       ZoneId zone, Predicate<LocalDate> trading) {
        CandleSeriesBuilder b = new CandleSeriesBuilder();
        double price = 100;
        int k = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            if (!trading.test(d)) {
                continue;
            }
            for (int m = 0; m < sessionMinutes; m += minutes) {
                double next = price * (1 + 0.001 * StrictMath.sin(k++));
                b.add(d.atTime(open).atZone(zone).toEpochSecond() + 60L * m, price, Math.max(price, next) + 0.01,
                        Math.min(price, next) - 0.01, next, 10 + k % 7);
                price = next;
            }
        }
        return b.build();
    }
}
