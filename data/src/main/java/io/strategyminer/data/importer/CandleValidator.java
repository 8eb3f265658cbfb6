package io.strategyminer.data.importer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Timeframe;

/**
 * Checks the times of candles as read and turns them into a {@link CandleSeries} of open times in seconds,
 * oldest first. Every problem is reported with its row's location; nothing is repaired or dropped silently.
 * These are the hard errors (the data cannot be read as a series at all); the values of the candles are
 * judged afterwards, by the suspect check ({@link SuspectScreen}), where the user chooses what to do.
 *
 * <p>Files may list candles oldest first or newest first (the Coinbase Exchange API does the latter);
 * the direction is taken from the first and last rows, and every row must follow it strictly.
 *
 * <p>Daily and weekly exports stamped at local midnight (or a local market open) move by an hour in UTC at
 * each daylight-saving change. For a timeframe of whole days, a candle whose time of day is exactly one
 * hour off the file's most common time of day is moved onto it, so the series is regular; other offsets are
 * left as they are (and reported as overlaps or gaps).
 */
final class CandleValidator {
    private static final long DAY = 86_400;
    private static final long DST_SHIFT = 3_600;

    /**
     * A validated series and the candle length found in (or given for) the data.
     *
     * @param location where candle {@code i} of {@code candles} was in the input
     * @param notes    what was adjusted (times moved onto the daily grid) and what the reader noted
     */
    record Validated(CandleSeries candles, long timeframeSeconds, IntFunction<String> location, List<String> notes) {
    }

    private final RawCandles raw;
    private final Problems problems;

    private CandleValidator(RawCandles raw, Problems problems) {
        this.raw = raw;
        this.problems = problems;
    }

    /**
     * @param timeframeHint an explicit timeframe in seconds, 0 if none (see {@link #timeframe})
     * @return the validated candles, or null when problems were reported
     */
    static Validated validate(RawCandles raw, long timeframeHint, Problems problems) {
        return new CandleValidator(raw, problems).run(timeframeHint);
    }

    private Validated run(long timeframeHint) {
        int n = raw.size();
        if (n == 0) {
            if (problems.isEmpty()) {
                problems.add("", "", "no candles in the file");
            }
            return null;
        }
        long[] millis = raw.rows().time();
        boolean newestFirst = n >= 2 && millis[n - 1] < millis[0];
        for (int i = 1; i < n; i++) {
            checkOrder(millis, i, newestFirst);
        }
        long timeframe = timeframe(millis, timeframeHint);
        if (!problems.isEmpty() || timeframe <= 0) {
            return null;
        }
        long[] openTimes = openTimes(millis, timeframe);
        List<String> notes = new ArrayList<>(raw.notes());
        if (timeframe % DAY == 0 && problems.isEmpty()) {
            long grid = dailyGrid(openTimes);
            int moved = snapToDailyGrid(openTimes, grid);
            if (moved > 0) {
                notes.add(moved + (moved == 1 ? " candle time" : " candle times") + " moved by one hour onto the"
                        + String.format(Locale.ROOT, " file's daily grid at %02d:%02d UTC", grid / 3_600, grid % 3_600 / 60)
                        + " (daylight-saving drift of local-time stamps)");
            }
        }
        checkOverlaps(openTimes, timeframe);
        if (!problems.isEmpty()) {
            return null;
        }
        CandleSeries rows = raw.rows();
        CandleSeries candles = new CandleSeries(openTimes, rows.open(), rows.high(), rows.low(), rows.close(), rows.volume());
        IntFunction<String> location = raw::location;
        if (newestFirst) {
            candles = reversed(candles);
            location = i -> raw.location(n - 1 - i);
        }
        return new Validated(candles, timeframe, location, notes);
    }

    /** The most common time of day of the candles, in seconds (the smallest of equally common ones). */
    private static long dailyGrid(long[] seconds) {
        long[] phases = new long[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            phases[i] = Math.floorMod(seconds[i], DAY);
        }
        Arrays.sort(phases);
        return mostCommon(phases);
    }

    /** Moves every time exactly one hour off the grid's time of day onto it; returns how many moved. */
    private static int snapToDailyGrid(long[] seconds, long grid) {
        int moved = 0;
        for (int i = 0; i < seconds.length; i++) {
            long offset = Math.floorMod(seconds[i] - grid + DAY / 2, DAY) - DAY / 2;
            if (Math.abs(offset) == DST_SHIFT) {
                seconds[i] -= offset;
                moved++;
            }
        }
        return moved;
    }

    private void checkOrder(long[] millis, int i, boolean newestFirst) {
        long previous = millis[i - 1];
        long current = millis[i];
        if (current == previous) {
            problems.add(raw.location(i), raw.timeField(), "duplicate time " + describe(current)
                    + " (also at " + raw.location(i - 1) + ")");
        } else if ((current < previous) != newestFirst) {
            problems.add(raw.location(i), raw.timeField(), describe(current) + " is "
                    + (newestFirst ? "later" : "earlier") + " than " + describe(previous) + " at "
                    + raw.location(i - 1) + ": candles must be sorted "
                    + (newestFirst ? "newest first, like the rest of the file" : "oldest first"));
        }
    }

    /**
     * The candle length in seconds, or 0 after reporting a problem. Without a hint it is the most common
     * spacing between candles (the smallest of equally common ones). A hint (an explicit timeframe) wins
     * when the data is consistent with it: a single candle, or candles whose every spacing is a multiple of
     * it (candles of that length with gaps, as a sparse page from an exchange is). A hint coarser than the
     * data's spacing is left to the importer, which resamples.
     */
    private long timeframe(long[] millis, long hint) {
        if (millis.length < 2) {
            // When other rows were refused, the real problem is those rows, not the missing timeframe.
            if (hint <= 0 && problems.isEmpty()) {
                problems.add("", "", "cannot infer the timeframe from a single candle: give it (e.g. --timeframe 5m)");
            }
            return hint;
        }
        // Duplicates are reported elsewhere; a zero spacing says nothing about the candle length.
        long[] spacing = new long[millis.length - 1];
        int count = 0;
        for (int i = 1; i < millis.length; i++) {
            long s = Math.abs(millis[i] - millis[i - 1]);
            if (s > 0) {
                spacing[count++] = s;
            }
        }
        if (count == 0) {
            return hint;
        }
        spacing = Arrays.copyOf(spacing, count);
        Arrays.sort(spacing);
        long common = mostCommon(spacing);
        if (hint > 0 && common > hint * 1000) {
            for (long s : spacing) {
                if (s % (hint * 1000) != 0) {
                    problems.add("", raw.timeField(), "candles " + s / 1000.0 + " s apart do not fit the given "
                            + Timeframe.label(hint) + " timeframe");
                    return 0;
                }
            }
            return hint;
        }
        if (common <= 0 || common % 1000 != 0) {
            problems.add("", raw.timeField(), "the most common spacing between candles, " + common
                    + " ms, is not a whole number of seconds");
            return 0;
        }
        return common / 1000;
    }

    /** The most frequent value of a sorted array, the smallest of equally frequent ones. */
    private static long mostCommon(long[] sorted) {
        long best = sorted[0];
        int bestCount = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestCount) {
                best = sorted[i];
                bestCount = j - i;
            }
            i = j;
        }
        return best;
    }

    /** Open times in seconds; end times become open times by subtracting the timeframe. */
    private long[] openTimes(long[] millis, long timeframe) {
        long[] seconds = new long[millis.length];
        for (int i = 0; i < millis.length; i++) {
            long ms = millis[i];
            long remainder = Math.floorMod(ms, 1000L);
            if (raw.endTimes() && remainder == 999) {
                // The candle's last millisecond, as Binance-style "endTime"/"close_time" columns give it.
                seconds[i] = (ms + 1) / 1000 - timeframe;
            } else if (remainder == 0) {
                seconds[i] = ms / 1000 - (raw.endTimes() ? timeframe : 0);
            } else {
                problems.add(raw.location(i), raw.timeField(), describe(ms) + " is not on a whole second"
                        + (raw.endTimes() ? " nor the last millisecond of one" : ""));
            }
        }
        return seconds;
    }

    private void checkOverlaps(long[] seconds, long timeframe) {
        for (int i = 1; i < seconds.length; i++) {
            long spacing = Math.abs(seconds[i] - seconds[i - 1]);
            if (spacing < timeframe) {
                problems.add(raw.location(i), raw.timeField(), "only " + spacing + " s after the candle at "
                        + raw.location(i - 1) + " although the candles are " + Timeframe.label(timeframe)
                        + " long: candles overlap");
            }
        }
    }

    private static CandleSeries reversed(CandleSeries s) {
        int n = s.size();
        long[] time = new long[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        for (int i = 0; i < n; i++) {
            int j = n - 1 - i;
            time[i] = s.time()[j];
            open[i] = s.open()[j];
            high[i] = s.high()[j];
            low[i] = s.low()[j];
            close[i] = s.close()[j];
            volume[i] = s.volume()[j];
        }
        return new CandleSeries(time, open, high, low, close, volume);
    }

    private static String describe(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
