package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleWriters;
import io.strategyminer.data.LocalTimeSeries;

/**
 * Times as Yahoo-style exports write them: milliseconds before 1973 (small enough to look like seconds,
 * negative before 1970), and daily or weekly stamps at a local time that moves by an hour at each
 * daylight-saving change.
 */
class TimesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static LocalDate utcDate(long seconds) {
        return Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** pandas' to_json of a Yahoo download: "Date" in ms at New York midnight, 1969–1972, weekdays. */
    @Test
    void millisecondDatesBefore1973ImportOnTheirDays() throws IOException {
        CandleSeries local = LocalTimeSeries.daily(LocalDate.of(1969, 6, 2), LocalDate.of(1973, 1, 1),
                LocalTime.MIDNIGHT, NEW_YORK, LocalTimeSeries.WEEKDAYS);
        assertTrue(local.time()[0] * 1000 < 0 && local.time()[local.size() - 1] * 1000 < Timestamps.MILLIS_THRESHOLD,
                "every value looks like seconds by magnitude");
        ImportResult result = ImportFixtures.read(CandleWriters.recordsMillis(local));

        assertEquals(ImportFormat.RECORDS_JSON, result.format());
        assertEquals(86_400, result.timeframeSeconds());
        assertEquals(local.size(), result.candles().size());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(Instant.ofEpochSecond(local.time()[i]).atZone(NEW_YORK).toLocalDate(),
                    utcDate(result.candles().time()[i]), "candle " + i);
            assertEquals(4 * 3_600, Math.floorMod(result.candles().time()[i], 86_400), "on the file's grid, 04:00 UTC");
        }
        assertEquals(LocalDate.of(1969, 6, 2).atTime(4, 0).toEpochSecond(ZoneOffset.UTC), result.candles().time()[0]);
        assertEquals("no gaps (outside the market's closures)", result.gaps().summary());
        assertEquals("weekdays only (Mon–Fri)", result.calendar().label());
        assertTrue(result.notes().get(0).startsWith("times read as milliseconds since 1970"), result.notes().toString());
        assertTrue(result.notes().get(1).matches("\\d+ candle times moved by one hour onto the file's daily grid at"
                + " 04:00 UTC \\(daylight-saving drift of local-time stamps\\)"), result.notes().toString());
    }

    @Test
    void millisecondNumbersInACsvAreReadAsMillisecondsToo() throws IOException {
        CandleSeries utc = LocalTimeSeries.daily(LocalDate.of(1970, 1, 1), LocalDate.of(1970, 3, 1),
                LocalTime.MIDNIGHT, ZoneOffset.UTC, d -> true);
        ImportResult asMillis = ImportFixtures.read(CandleWriters.csvMillis(utc));
        assertEquals(utc.time()[5], asMillis.candles().time()[5]);
        assertEquals(86_400, asMillis.timeframeSeconds());

        // The same numbers divided by 1000 are seconds (whole days apart), and stay seconds.
        ImportResult asSeconds = ImportFixtures.read(CandleWriters.csvMillis(utc).replace("000,", ","));
        assertEquals(utc.time()[5], asSeconds.candles().time()[5]);
        assertEquals(86_400, asSeconds.timeframeSeconds());
    }

    /** Yahoo's chart API: unix seconds at the New York open, 09:30 local: 14:30 or 13:30 UTC. */
    @Test
    void theChartApiAtTheMarketOpenBecomesRegularDailyCandles() throws IOException {
        CandleSeries local = LocalTimeSeries.daily(LocalDate.of(1965, 1, 4), LocalDate.of(1972, 12, 30),
                LocalTime.of(9, 30), NEW_YORK, LocalTimeSeries.WEEKDAYS);
        ImportResult result = ImportFixtures.read(CandleWriters.yahooChart(local, "^GSPC"));
        assertEquals(ImportFormat.YAHOO_CHART_JSON, result.format());
        assertEquals("GSPC", result.symbol(), "the chart's meta.symbol, made a valid symbol");
        assertEquals(86_400, result.timeframeSeconds());
        assertEquals(local.size(), result.candles().size());
        assertEquals(0, result.gaps().count());
        assertEquals("weekdays only (Mon–Fri)", result.calendar().label());
        for (int i = 0; i < local.size(); i++) {
            assertEquals(utcDate(local.time()[i]), utcDate(result.candles().time()[i]));
        }
    }

    @Test
    void weeklyCandlesAtBerlinMidnightAreRegularWeeks() throws IOException {
        CandleSeries local = LocalTimeSeries.weekly(LocalDate.of(2015, 1, 5), LocalDate.of(2021, 1, 1),
                DayOfWeek.MONDAY, LocalTime.MIDNIGHT, ZoneId.of("Europe/Berlin"));
        ImportResult result = ImportFixtures.read(CandleWriters.recordsMillis(local));
        assertEquals(604_800, result.timeframeSeconds());
        assertEquals(local.size(), result.candles().size());
        assertEquals("no gaps", result.gaps().summary());
        assertEquals("every week", result.calendar().label());
        for (int i = 1; i < local.size(); i++) {
            assertEquals(604_800, result.candles().time()[i] - result.candles().time()[i - 1]);
        }
    }

    @Test
    void onlyAnHourIsForgivenNotAnyOffset() {
        CandleSeries local = LocalTimeSeries.daily(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1),
                LocalTime.MIDNIGHT, ZoneOffset.UTC, d -> true);
        String csv = CandleWriters.csvMillis(local).replace(String.valueOf(local.time()[10] * 1000),
                String.valueOf((local.time()[10] + 5 * 3_600) * 1000));
        InvalidCandleDataException e = ValidationTest.rejected(csv);
        assertTrue(e.getMessage().contains("only 68400 s after the candle at line 12"), e.getMessage());
    }
}
