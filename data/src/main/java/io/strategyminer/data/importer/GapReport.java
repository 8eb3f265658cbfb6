package io.strategyminer.data.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.MarketCalendar;
import io.strategyminer.data.Timeframe;

/**
 * Where candles are missing at the series' timeframe. Gaps are reported so that the user knows, never
 * filled: an invented candle would be a price nobody traded at. The closures of the market's own
 * {@link MarketCalendar} (nights and weekends of a stock market) are not gaps.
 *
 * @param timeframeSeconds the candle length the gaps are measured in
 * @param count            how many gaps (runs of missing candles)
 * @param missingCandles   how many candles are missing in all
 * @param largest          the gap with the most missing candles (the first of equal ones), null if none
 * @param first            the first few gaps, oldest first
 * @param calendar         the calendar the gaps were measured against
 */
public record GapReport(long timeframeSeconds, int count, long missingCandles, Gap largest, List<Gap> first,
                        MarketCalendar calendar) {
    /** How many gaps {@link #first} keeps. */
    public static final int KEPT = 5;

    /**
     * @param after  the open time of the candle before the gap
     * @param before the open time of the candle after it
     * @param missingCandles how many candles would fit between them
     */
    public record Gap(long after, long before, long missingCandles) {
        @Override
        public String toString() {
            return Timestamps.describe(after) + " → " + Timestamps.describe(before) + " (" + missingCandles
                    + " missing)";
        }
    }

    public GapReport {
        first = List.copyOf(first);
        Objects.requireNonNull(calendar, "calendar");
    }

    /** The gaps in {@code candles} (oldest first) at {@code timeframeSeconds}, every slot counting as trading time. */
    public static GapReport of(CandleSeries candles, long timeframeSeconds) {
        return of(candles, timeframeSeconds, MarketCalendar.NONE);
    }

    /** The gaps in {@code candles} (oldest first) at {@code timeframeSeconds}, outside the calendar's closures. */
    public static GapReport of(CandleSeries candles, long timeframeSeconds, MarketCalendar calendar) {
        long[] time = candles.time();
        int count = 0;
        long missing = 0;
        Gap largest = null;
        List<Gap> first = new ArrayList<>();
        for (int i = 1; i < time.length; i++) {
            // A spacing that is not a whole number of candles still hides at least one partial candle.
            long missingHere = time[i] - time[i - 1] > timeframeSeconds
                    ? calendar.missingCandles(time[i - 1], time[i], timeframeSeconds) : 0;
            if (missingHere > 0) {
                Gap gap = new Gap(time[i - 1], time[i], missingHere);
                count++;
                missing += gap.missingCandles();
                if (largest == null || gap.missingCandles() > largest.missingCandles()) {
                    largest = gap;
                }
                if (first.size() < KEPT) {
                    first.add(gap);
                }
            }
        }
        return new GapReport(timeframeSeconds, count, missing, largest, first, calendar);
    }

    /**
     * "no gaps" or "12 gaps, 340 candles missing at 5m; largest: … ", followed by " (outside the market's
     * closures)" when the calendar has some.
     */
    public String summary() {
        String closures = calendar.closes() ? " (outside the market's closures)" : "";
        if (count == 0) {
            return "no gaps" + closures;
        }
        return count + (count == 1 ? " gap, " : " gaps, ") + missingCandles
                + (missingCandles == 1 ? " candle" : " candles") + " missing at "
                + Timeframe.label(timeframeSeconds) + closures + "; largest: " + largest;
    }
}
