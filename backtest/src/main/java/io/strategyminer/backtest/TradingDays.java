package io.strategyminer.backtest;

import io.strategyminer.data.Dataset;
import java.util.Arrays;

/**
 * The UTC dates a dataset's candles open on, for daily resampling: each date present gets an ordinal (0, 1, 2,
 * … in time order; dates without candles get none) and the index of its last candle. Computed once per dataset
 * and shared by every backtest, so resampling costs a lookup per day, not a date computation per candle.
 *
 * <p>A range's day closes are the candles where a day ends, and the range's last candle (a range may stop
 * mid-day): {@code min(lastCandle(day), to − 1)}.
 */
final class TradingDays {
    static final long SECONDS_PER_DAY = 86_400;

    private final long[] time;
    private final long timeframeSeconds;
    /** Ordinal of the date of each candle. */
    private final int[] dayOf;
    /** Index of the last candle of each date, by ordinal. */
    private final int[] lastCandle;

    TradingDays(Dataset dataset) {
        time = dataset.candles().time();
        timeframeSeconds = dataset.timeframeSeconds();
        int n = time.length;
        dayOf = new int[n];
        int[] ends = new int[n];
        int days = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || date(time[i]) != date(time[i - 1])) {
                if (i > 0) {
                    ends[days - 1] = i - 1;
                }
                days++;
            }
            dayOf[i] = days - 1;
        }
        if (n > 0) {
            ends[days - 1] = n - 1;
        }
        lastCandle = Arrays.copyOf(ends, days);
    }

    private static long date(long epochSeconds) {
        return Math.floorDiv(epochSeconds, SECONDS_PER_DAY);
    }

    /** Number of dates in the dataset: the most daily returns any range can have. */
    int count() {
        return lastCandle.length;
    }

    /** Ordinal of the date candle {@code i} opens on. */
    int dayOf(int candle) {
        return dayOf[candle];
    }

    /** Index of the last candle opening on the date with this ordinal. */
    int lastCandle(int day) {
        return lastCandle[day];
    }

    /** Number of daily returns of a non-empty range: the dates its candles open on. */
    int days(Range range) {
        return dayOf[range.to() - 1] - dayOf[range.from()] + 1;
    }

    /** Calendar days from the open of a non-empty range's first candle to the close of its last. */
    double calendarDays(Range range) {
        return (double) (time[range.to() - 1] + timeframeSeconds - time[range.from()]) / SECONDS_PER_DAY;
    }
}
