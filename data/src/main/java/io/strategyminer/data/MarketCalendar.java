package io.strategyminer.data;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * When a market trades, as its own candles show: the stretches of the week in which a series never has a
 * candle (a stock market's nights and weekends) are closures, not gaps. Detected from the data alone, never
 * from a list of exchanges; holidays are not closures (they happen once a year, so they stay visible as
 * missing trading days).
 *
 * <p>Rules: the series must span at least {@value #MIN_SPAN_DAYS} days, hold on average at least
 * {@value #MIN_CANDLES_PER_SLOT} candles in each slot of the week it uses, and its timeframe must divide a week.
 * Every slot of the week (at the timeframe, aligned with the candles, from Monday 00:00 UTC) that holds no
 * candle anywhere in the series is closed, when the run of such slots lasts at least an hour (for daily and
 * longer candles: at least one candle). Daylight-saving time moves an intraday session by an hour in UTC
 * twice a year, so a missing run that reaches into a closure also forgives the hour on either side of it
 * ({@value #DST_TOLERANCE_SECONDS} s); a missing run inside trading hours is always a gap.
 *
 * @param label  what people read: "every day, around the clock", "weekdays only (Mon–Fri)",
 *               "weekdays only (Mon–Fri), 13:30–21:00 UTC", or "not detected (…)"
 * @param closed the closed stretches in seconds of the week since Monday 00:00 UTC, each within
 *               [0, 604,800), sorted, not overlapping; empty when the market never closes or nothing was
 *               detected
 */
public record MarketCalendar(String label, List<ClosedSpan> closed) {
    /** The least data to tell closures from chance: two weeks, so every slot of the week comes twice. */
    public static final int MIN_SPAN_DAYS = 14;
    /** Slots of the week that hold candles must hold this many on average: closures need evidence. */
    public static final int MIN_CANDLES_PER_SLOT = 2;
    /** How far an intraday session may move at a daylight-saving change. */
    public static final long DST_TOLERANCE_SECONDS = 3_600;
    static final long DAY = 86_400;
    static final long WEEK = 7 * DAY;
    /** 1970-01-05T00:00:00Z, a Monday: the origin of seconds of the week. */
    private static final long MONDAY = 4 * DAY;
    /** Daily candles are dated by their open time plus this: local midnights east of UTC (22:00/23:00 UTC for
     *  Europe) count for the next day, market opens west of it (13:30/14:30 UTC for New York) for their own. */
    private static final long DAILY_DATE_SHIFT = 6 * 3_600;

    /** A closed stretch {@code [from, to)} in seconds of the week since Monday 00:00 UTC. */
    public record ClosedSpan(long from, long to) {
        public ClosedSpan {
            if (from < 0 || to > WEEK || from >= to) {
                throw new IllegalArgumentException("closed span [" + from + ", " + to + ") is not within a week");
            }
        }

        @Override
        public String toString() {
            return weekTime(from) + " → " + weekTime(to);
        }
    }

    public MarketCalendar {
        Objects.requireNonNull(label, "label");
        closed = List.copyOf(closed);
        for (int i = 1; i < closed.size(); i++) {
            if (closed.get(i).from() < closed.get(i - 1).to()) {
                throw new IllegalArgumentException("closed spans overlap or are not sorted: " + closed);
            }
        }
    }

    /** No calendar: every slot counts as trading time (what gap reports did before calendars). */
    public static final MarketCalendar NONE = new MarketCalendar("none (every slot is trading time)", List.of());

    /** A calendar that could not be detected: every slot counts as trading time. */
    public static MarketCalendar notDetected(String why) {
        return new MarketCalendar("not detected (" + why + ")", List.of());
    }

    /** True when the market has closures. */
    public boolean closes() {
        return !closed.isEmpty();
    }

    /** The calendar of a series of {@code timeframeSeconds} candles, oldest first. */
    public static MarketCalendar detect(CandleSeries candles, long timeframeSeconds) {
        long[] time = candles.time();
        if (time.length < 2 || time[time.length - 1] - time[0] < MIN_SPAN_DAYS * DAY) {
            return notDetected("less than " + MIN_SPAN_DAYS + " days of data");
        }
        if (timeframeSeconds == WEEK) {
            return new MarketCalendar("every week", List.of());
        }
        if (timeframeSeconds <= 0 || WEEK % timeframeSeconds != 0) {
            return notDetected("the timeframe does not divide a week");
        }
        return new Detection(time, timeframeSeconds).calendar();
    }

    /**
     * How many candles are really missing between two consecutive candles: the slots after {@code after} and
     * before {@code before} that fall in trading time (with the daylight-saving tolerance of a run that reaches
     * into a closure). Without closures this is {@code (before - after - 1) / timeframe}.
     */
    public long missingCandles(long after, long before, long timeframeSeconds) {
        long total = (before - after - 1) / timeframeSeconds;
        if (closed.isEmpty() || total <= 0) {
            return Math.max(0, total);
        }
        long from = after + timeframeSeconds;
        long inClosures = count(from, before, after, timeframeSeconds, closed);
        if (inClosures == 0) {
            return total;
        }
        List<ClosedSpan> forgiven = timeframeSeconds < DAY ? widened(closed, DST_TOLERANCE_SECONDS) : closed;
        return total - count(from, before, after, timeframeSeconds, forgiven);
    }

    /** Slots {@code origin + k·tf} in {@code [from, to)} whose time of the week is in {@code spans}. */
    private static long count(long from, long to, long origin, long tf, List<ClosedSpan> spans) {
        // The slot grid repeats every week (tf divides a week), so whole weeks are counted once and multiplied.
        long weeks = (to - from) / WEEK;
        long rest = (to - from) % WEEK;
        long perWeek = weeks == 0 ? 0 : countWithinWeek(from, from + WEEK, origin, tf, spans);
        return weeks * perWeek + countWithinWeek(from, from + rest, origin, tf, spans);
    }

    /** As {@link #count} for a range of at most a week. */
    private static long countWithinWeek(long from, long to, long origin, long tf, List<ClosedSpan> spans) {
        long result = 0;
        for (long week = Math.floorDiv(from - MONDAY, WEEK); MONDAY + week * WEEK < to; week++) {
            long weekStart = MONDAY + week * WEEK;
            for (ClosedSpan span : spans) {
                long x = Math.max(from, weekStart + span.from());
                long y = Math.min(to, weekStart + span.to());
                if (x < y) {
                    result += ceilDiv(y - origin, tf) - ceilDiv(x - origin, tf);
                }
            }
        }
        return result;
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }

    /** The spans grown by {@code seconds} on each side, wrapped into the week and merged. */
    static List<ClosedSpan> widened(List<ClosedSpan> spans, long seconds) {
        List<long[]> pieces = new ArrayList<>();
        for (ClosedSpan s : spans) {
            long from = s.from() - seconds;
            long to = s.to() + seconds;
            if (to - from >= WEEK) {
                return List.of(new ClosedSpan(0, WEEK));
            }
            addWrapped(pieces, from, to);
        }
        return merged(pieces);
    }

    /** Adds {@code [from, to)} (less than a week long, any offset) as one or two pieces within the week. */
    private static void addWrapped(List<long[]> pieces, long from, long to) {
        long start = Math.floorMod(from, WEEK);
        long end = start + (to - from);
        if (end <= WEEK) {
            pieces.add(new long[] {start, end});
        } else {
            pieces.add(new long[] {start, WEEK});
            pieces.add(new long[] {0, end - WEEK});
        }
    }

    private static List<ClosedSpan> merged(List<long[]> pieces) {
        pieces.sort((a, b) -> Long.compare(a[0], b[0]));
        List<ClosedSpan> out = new ArrayList<>();
        long[] current = null;
        for (long[] p : pieces) {
            if (current != null && p[0] <= current[1]) {
                current[1] = Math.max(current[1], p[1]);
            } else {
                if (current != null) {
                    out.add(new ClosedSpan(current[0], current[1]));
                }
                current = p.clone();
            }
        }
        if (current != null) {
            out.add(new ClosedSpan(current[0], current[1]));
        }
        return out;
    }

    /** "Sat 00:00" for a second of the week. */
    static String weekTime(long secondOfWeek) {
        DayOfWeek day = DayOfWeek.MONDAY.plus(secondOfWeek / DAY);
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT) + " " + dayTime(secondOfWeek % DAY);
    }

    /** "13:30" for a second of the day. */
    static String dayTime(long secondOfDay) {
        return String.format(Locale.ROOT, "%02d:%02d", secondOfDay / 3_600, secondOfDay % 3_600 / 60);
    }

    /** The detection over one series. */
    private static final class Detection {
        private final long[] time;
        private final long tf;
        /** Where the slot grid starts: the first candle's offset within its timeframe. */
        private final long origin;

        Detection(long[] time, long tf) {
            this.time = time;
            this.tf = tf;
            this.origin = Math.floorMod(time[0], tf);
        }

        MarketCalendar calendar() {
            int slotsPerWeek = (int) (WEEK / tf);
            boolean[] used = new boolean[slotsPerWeek];
            int usedSlots = 0;
            for (long t : time) {
                int slot = (int) (Math.floorMod(t - MONDAY - origin, WEEK) / tf);
                usedSlots += used[slot] ? 0 : 1;
                used[slot] = true;
            }
            if (time.length < MIN_CANDLES_PER_SLOT * usedSlots) {
                return notDetected("too few candles to tell closures from gaps");
            }
            int minRun = tf < DAY ? (int) ((3_600 + tf - 1) / tf) : 1;
            List<long[]> pieces = new ArrayList<>();
            for (int[] run : unusedRuns(used, minRun)) {
                addWrapped(pieces, origin + (long) run[0] * tf, origin + (long) (run[0] + run[1]) * tf);
            }
            List<ClosedSpan> closed = merged(pieces);
            return new MarketCalendar(label(closed), closed);
        }

        private String label(List<ClosedSpan> closed) {
            String hours = "";
            long dateShift = DAILY_DATE_SHIFT;
            boolean sessions = false;
            if (tf < DAY) {
                hours = ", around the clock";
                dateShift = 0;
                if (DAY % tf == 0) {
                    boolean[] used = new boolean[(int) (DAY / tf)];
                    for (long t : time) {
                        used[(int) (Math.floorMod(t - origin, DAY) / tf)] = true;
                    }
                    int[] closure = longest(unusedRuns(used, (int) ((3_600 + tf - 1) / tf)));
                    if (closure != null) {
                        sessions = true;
                        long closes = origin + (long) closure[0] * tf;
                        long opens = closes + (long) closure[1] * tf;
                        hours = ", " + dayTime(Math.floorMod(opens, DAY)) + "–" + dayTime(Math.floorMod(closes, DAY))
                                + " UTC";
                        // A trading day runs from the middle of one night's closure to the next.
                        dateShift = -Math.floorMod(closes + (opens - closes) / 2 + DAY / 2, DAY) + DAY / 2;
                    }
                }
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (long t : time) {
                days.add(Instant.ofEpochSecond(t + dateShift).atOffset(ZoneOffset.UTC).getDayOfWeek());
            }
            String label = days(days) + hours;
            if (!closed.isEmpty() && days.size() == 7 && !sessions) {
                label += "; closed " + closed.get(0) + (closed.size() > 1 ? " and " + (closed.size() - 1) + " more" : "");
            }
            return label;
        }

        private static int[] longest(List<int[]> runs) {
            int[] best = null;
            for (int[] run : runs) {
                if (best == null || run[1] > best[1]) {
                    best = run;
                }
            }
            return best;
        }
    }

    /** Runs {start, length} of false slots on a circle, at least {@code minRun} long; none if all are false. */
    private static List<int[]> unusedRuns(boolean[] used, int minRun) {
        int n = used.length;
        int firstUsed = -1;
        for (int i = 0; i < n && firstUsed < 0; i++) {
            if (used[i]) {
                firstUsed = i;
            }
        }
        List<int[]> runs = new ArrayList<>();
        if (firstUsed < 0) {
            return runs;
        }
        // Walk once around the circle starting at a used slot, so a run across the end is one run.
        int start = -1;
        for (int k = 1; k <= n; k++) {
            int i = (firstUsed + k) % n;
            if (!used[i] && start < 0) {
                start = i;
            } else if (used[i] && start >= 0) {
                int length = Math.floorMod(i - start, n);
                if (length >= minRun) {
                    runs.add(new int[] {start, length});
                }
                start = -1;
            }
        }
        return runs;
    }

    private static String days(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "every day";
        }
        if (days.equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
            return "weekdays only (Mon–Fri)";
        }
        // A circular range such as Sun–Fri reads better than a list.
        for (DayOfWeek start : days) {
            if (!days.contains(start.minus(1))) {
                int length = 0;
                while (length < 7 && days.contains(start.plus(length))) {
                    length++;
                }
                if (length == days.size()) {
                    return "trading " + name(start) + (length > 1 ? "–" + name(start.plus(length - 1L)) : " only");
                }
            }
        }
        List<String> names = new ArrayList<>();
        days.forEach(d -> names.add(name(d)));
        return "trading " + String.join(", ", names);
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }
}
