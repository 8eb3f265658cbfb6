package io.strategyminer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.Test;

import io.strategyminer.data.importer.GapReport;

/** Closures the data itself shows are not gaps; real gaps inside trading time still are. */
class MarketCalendarTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Six weeks across the US switch to summer time on 2024-03-10. */
    private static final CandleSeries NYSE_5M = LocalTimeSeries.session(LocalDate.of(2024, 2, 19),
            LocalDate.of(2024, 4, 1), LocalTime.of(9, 30), 390, 5, NEW_YORK, LocalTimeSeries.WEEKDAYS);

    private static CandleSeries without(CandleSeries s, LongPredicate drop) {
        CandleSeriesBuilder b = new CandleSeriesBuilder();
        for (int i = 0; i < s.size(); i++) {
            if (!drop.test(s.time()[i])) {
                b.add(s, i);
            }
        }
        return b.build();
    }

    private static long at(int year, int month, int day, int hour, int minute) {
        return LocalDate.of(year, month, day).atTime(hour, minute).atZone(NEW_YORK).toEpochSecond();
    }

    @Test
    void aStockSessionAcrossADaylightSavingChangeHasNoGaps() {
        MarketCalendar calendar = MarketCalendar.detect(NYSE_5M, 300);
        assertEquals("weekdays only (Mon–Fri), 13:30–21:00 UTC", calendar.label());
        assertTrue(calendar.closes());
        GapReport gaps = GapReport.of(NYSE_5M, 300, calendar);
        assertEquals(0, gaps.count(), gaps.summary());
        assertEquals(6 * 5 - 1, GapReport.of(NYSE_5M, 300).count(), "without the calendar every night is a gap");
    }

    @Test
    void realGapsInsideTradingTimeAreStillReported() {
        // 11:00–11:25 on a Tuesday in winter, and 14:30–14:55 in summer: the last half hour before the close at
        // 20:00 UTC, more than the daylight-saving hour away from the closure (21:00 UTC in winter).
        CandleSeries holes = without(NYSE_5M, t -> t >= at(2024, 2, 27, 11, 0) && t < at(2024, 2, 27, 11, 30)
                || t >= at(2024, 3, 19, 15, 0) && t < at(2024, 3, 19, 15, 30));
        GapReport gaps = GapReport.of(holes, 300, MarketCalendar.detect(holes, 300));
        assertEquals(2, gaps.count(), gaps.summary());
        assertEquals(12, gaps.missingCandles());

        // A whole Wednesday missing (a holiday or an outage: the data cannot tell) is a gap. Its session has 78
        // candles; the hour next to each closure is forgiven (it is trading time only half the year), so 66 count.
        CandleSeries noWednesday = without(NYSE_5M, t -> t >= at(2024, 3, 13, 0, 0) && t < at(2024, 3, 14, 0, 0));
        GapReport day = GapReport.of(noWednesday, 300, MarketCalendar.detect(noWednesday, 300));
        assertEquals(1, day.count(), day.summary());
        assertEquals(78 - 12, day.missingCandles());
    }

    @Test
    void weekdayOnlyDailyCandlesHaveWeekendsOffButAMissingDayIsAGap() {
        CandleSeries daily = LocalTimeSeries.daily(LocalDate.of(2023, 1, 2), LocalDate.of(2024, 1, 1), LocalTime.MIDNIGHT,
                ZoneOffset.UTC, LocalTimeSeries.WEEKDAYS);
        MarketCalendar calendar = MarketCalendar.detect(daily, 86_400);
        assertEquals("weekdays only (Mon–Fri)", calendar.label());
        assertEquals(List.of(new MarketCalendar.ClosedSpan(5 * 86_400, 7 * 86_400)), calendar.closed());
        assertEquals("Sat 00:00 → Mon 00:00", calendar.closed().get(0).toString());
        assertEquals(0, GapReport.of(daily, 86_400, calendar).count());

        long friday = LocalDate.of(2023, 6, 9).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        GapReport noFriday = GapReport.of(without(daily, t -> t == friday), 86_400, calendar);
        assertEquals(1, noFriday.count());
        assertEquals(1, noFriday.missingCandles(), "the Friday, not the weekend after it");
        assertEquals(friday - 86_400, noFriday.largest().after());
    }

    @Test
    void europeanMidnightStampsAreNamedByTheirLocalDay() {
        CandleSeries berlin = LocalTimeSeries.daily(LocalDate.of(2023, 1, 2), LocalDate.of(2023, 3, 1),
                LocalTime.MIDNIGHT, ZoneId.of("Europe/Berlin"), LocalTimeSeries.WEEKDAYS);
        assertEquals("weekdays only (Mon–Fri)", MarketCalendar.detect(berlin, 86_400).label(),
                "stamped 23:00 UTC the day before");
    }

    @Test
    void aMarketThatNeverClosesHasNoClosuresAndGapsAsBefore() {
        CandleSeries crypto = LocalTimeSeries.session(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 22),
                LocalTime.MIDNIGHT, 1_440, 5, ZoneOffset.UTC, d -> true);
        MarketCalendar always = MarketCalendar.detect(crypto, 300);
        assertEquals("every day, around the clock", always.label());
        assertFalse(always.closes());
        CandleSeries outage = without(crypto, t -> t >= 1_704_880_000L && t < 1_704_890_000L);
        GapReport gaps = GapReport.of(outage, 300, MarketCalendar.detect(outage, 300));
        assertEquals(GapReport.of(outage, 300).missingCandles(), gaps.missingCandles());
        assertEquals(33, gaps.missingCandles());

        // Five minutes missing at the same time every day is not a closure (under an hour): a gap a day.
        CandleSeries daily = without(crypto, t -> Math.floorMod(t, 86_400) == 3_600);
        assertEquals(21, GapReport.of(daily, 300, MarketCalendar.detect(daily, 300)).count());
    }

    @Test
    void aMarketClosedOnSaturdaysOnly() {
        CandleSeries forex = LocalTimeSeries.session(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1),
                LocalTime.MIDNIGHT, 1_440, 60, ZoneOffset.UTC, d -> d.getDayOfWeek().getValue() != 6);
        MarketCalendar calendar = MarketCalendar.detect(forex, 3_600);
        assertEquals("trading Sun–Fri, around the clock", calendar.label());
        assertEquals(0, GapReport.of(forex, 3_600, calendar).count());
    }

    @Test
    void tooLittleDataOrAnOddTimeframeIsNotDetected() {
        CandleSeries week = NYSE_5M.slice(0, 78 * 5);
        MarketCalendar calendar = MarketCalendar.detect(week, 300);
        assertEquals("not detected (less than 14 days of data)", calendar.label());
        assertFalse(calendar.closes());
        assertTrue(GapReport.of(week, 300, calendar).count() > 0, "nights are gaps when nothing says otherwise");
        assertEquals("not detected (the timeframe does not divide a week)", MarketCalendar.detect(NYSE_5M, 7 * 3_600 + 1)
                .label());
        CandleSeries sparse = new CandleSeriesBuilder().add(1_704_067_200L, 1, 1, 1, 1, 1)
                .add(1_704_067_500L, 1, 1, 1, 1, 1).add(21_720_406_780L, 1, 1, 1, 1, 1).build();
        MarketCalendar unknown = MarketCalendar.detect(sparse, 300);
        assertEquals("not detected (too few candles to tell closures from gaps)", unknown.label());
        assertEquals(1, GapReport.of(sparse, 300, unknown).count(), "630 years missing are a gap, not a closure");
    }
}
