package io.strategyminer.backtest;

import java.util.Arrays;

/**
 * Accumulates a backtest's metrics as the trading loop goes, without keeping the equity curve.
 *
 * <p>The loop reports the closing equity of every candle on which it changes (candles in a position and the
 * candle a position is closed on); every other candle of the range is flat at the last reported equity. So
 * the equity at a day's close (the last candle of the range opening on that UTC date) is either reported
 * (a day end inside a position or an exit) or the last reported equity: the accumulator records a daily
 * return when a reported candle ends a day, and on the first reported candle after flat days it closes the
 * earliest of them at the equity they were flat at (the later ones returned exactly 0). Daily returns go into
 * a scratch array zeroed per backtest, so flat stretches cost nothing and nothing is allocated; the daily
 * statistics are then computed from the array in day order, the same arithmetic as a per-candle resampling.
 * Equity is always positive (positions never exceed the cash, prices are positive), so returns are defined.
 *
 * <p>A held range costs two link walks ({@link ExtremeLinks}), not a visit per candle: see {@link #hold}.
 */
final class MetricsAccumulator {
    /** Reported when a ratio is undefined in the trader's favour (no downside, no losing trade). */
    static final double RATIO_CAP = 100;

    /** 1 + 2⁻⁴⁰: see {@link #withinDrawdown}. */
    private static final double DRAWDOWN_MARGIN = 1 + 0x1p-40;
    /** Below this many candles a held range is visited candle by candle (cheaper than two link walks). */
    private static final int SHORT_HOLD = 16;

    private final TradingDays calendar;
    private final ExtremeLinks links;
    private final double[] close;
    /** Daily returns of the current range, by day ordinal minus {@link #firstDay}. */
    private final double[] daily;

    private Range range;
    private int firstDay;
    /** Ordinal of the earliest day whose close is not recorded yet. */
    private int nextDay;
    /** The candle that closes day {@link #nextDay}. */
    private int dayEnd;
    /** Equity at the latest recorded day close (the initial capital before the first). */
    private double dayClose;

    private double initialCapital;
    private double equity;
    private double peak;
    /** Lowest equity since {@link #peak} was set. */
    private double trough;
    private double maxDrawdown;
    private int trades;
    private int wins;
    private double grossProfit;
    private double grossLoss;
    private long exposedCandles;

    MetricsAccumulator(TradingDays calendar, ExtremeLinks links, double[] close) {
        this.calendar = calendar;
        this.links = links;
        this.close = close;
        this.daily = new double[calendar.count()];
    }

    void start(double capital, Range range) {
        this.range = range;
        initialCapital = capital;
        equity = capital;
        peak = capital;
        trough = capital;
        maxDrawdown = 0;
        trades = 0;
        wins = 0;
        grossProfit = 0;
        grossLoss = 0;
        exposedCandles = 0;
        dayClose = capital;
        if (range.length() > 0) {
            firstDay = calendar.dayOf(range.from());
            startDay(firstDay);
            Arrays.fill(daily, 0, calendar.days(range), 0.0);
        }
    }

    /**
     * Candles {@code [first, last]} closed with a position of {@code quantity} units besides {@code rest} in cash:
     * their equity is {@code rest + quantity * close[k]}. {@code last} is always before the range's last candle
     * (that one is closed by an exit). A long range is settled from its extremes ({@link #walk}), a short one
     * candle by candle; the day closes inside are looked up, one per day.
     */
    void hold(double rest, double quantity, int first, int last) {
        closeFlatDays(first);
        if (first > last) {
            return;
        }
        if (last - first < SHORT_HOLD - 1) {
            for (int k = first; k <= last; k++) {
                close(rest + quantity * close[k]);
            }
        } else {
            walk(rest, quantity, first, last);
        }
        // The same expression as above (and TradeLog.hold), so the equity and day closes are those candles' equity.
        equity = rest + quantity * close[last];
        for (int end = dayEnd; end <= last; end = dayEnd) {
            closeDay(rest + quantity * close[end]);
        }
    }

    /**
     * What visiting every candle of {@code [first, last]} would do to the drawdown, from the dataset's
     * {@link ExtremeLinks}. A long position's equity {@code rest + quantity · close} never falls when the close rises
     * (IEEE rounding is monotone), so the range's lowest and highest equity are those of its lowest and highest
     * close. If the highest does not pass the peak, only the trough can fall, to the lowest.
     *
     * <p>If it does, and every fall from a peak inside the range (at most its highest equity) to a trough inside it
     * (at least the lower of the old trough and its lowest equity) stays within the largest drawdown so far, none of
     * the drawdowns the range closes matters, and the peak becomes its highest equity. The trough is then set to
     * that peak too, although a candle walk would keep the lowest equity after it: a trough {@code T} between the
     * walk's {@code T*} and the peak gives the same result, because the walk's fall {@code (peak − T*) / peak} is
     * within the largest drawdown (just checked), and a later fall to {@code min(T, F)} equals the walk's
     * {@code min(T*, F)} when {@code F ≤ T*}, and is at most {@code (peak − T*) / peak} otherwise (rounding is
     * monotone). So the result is the walk's, bit for bit, and the range costs two link walks.
     *
     * <p>Otherwise the candles that set a new highest close are the only possible new peaks, and between two of them
     * only the lowest close matters: the range costs a link walk per new highest close.
     */
    private void walk(double rest, double quantity, int first, int last) {
        int highestAt = links.highestClose(first, last);
        int lowestAt = links.lowestClose(first, last);
        double highest = rest + quantity * close[highestAt];
        double lowest = rest + quantity * close[lowestAt];
        if (highest <= peak) {
            if (lowest < trough) {
                trough = lowest;
            }
        } else if (withinDrawdown(highest, Math.min(trough, lowest))) {
            peak = highest;
            trough = highest;
        } else {
            for (int r = first; r <= last; r = links.nextHigherClose(r)) {
                close(rest + quantity * close[r]);
                int end = Math.min(links.nextHigherClose(r) - 1, last);
                if (end > r) {
                    close(rest + quantity * close[links.lowestClose(r + 1, end)]);
                }
            }
        }
    }

    /** A candle closed at {@code value}: a new peak closes the drawdown from the previous one, or the trough falls. */
    private void close(double value) {
        if (value > peak) {
            closeDrawdown(peak, trough);
            peak = value;
            trough = value;
        } else if (value < trough) {
            trough = value;
        }
    }

    /**
     * Whether every fall from a peak of at most {@code highest} to a trough of at least {@code lowest} stays at or
     * below the largest drawdown so far. The exact ratio (highest − lowest) / highest bounds every such fall; each
     * fall and the bound are rounded twice (relative error under 2⁻⁵² each), so a margin of 2⁻⁴⁰ keeps the test safe.
     */
    private boolean withinDrawdown(double highest, double lowest) {
        return (highest - lowest) / highest * DRAWDOWN_MARGIN <= maxDrawdown;
    }

    /** Candle {@code candle}'s closing equity (the candle a position was closed on). */
    void mark(int candle, double closingEquity) {
        closeFlatDays(candle);
        close(closingEquity);
        equity = closingEquity;
        // The range's last candle closes its day in finish(), whatever happened on it.
        if (candle == dayEnd && candle < range.to() - 1) {
            closeDay(closingEquity);
        }
    }

    /** Closes the earliest unclosed day before {@code candle}'s at the current equity, if any: those days were flat. */
    private void closeFlatDays(int candle) {
        if (candle > dayEnd) {
            daily[nextDay - firstDay] = (equity - dayClose) / dayClose;
            dayClose = equity;
            startDay(calendar.dayOf(candle));
        }
    }

    private void closeDay(double value) {
        daily[nextDay - firstDay] = (value - dayClose) / dayClose;
        dayClose = value;
        startDay(nextDay + 1);
    }

    /** The earliest unclosed day is now {@code day}; it ends on {@link #dayEnd} (past the dataset: never). */
    private void startDay(int day) {
        nextDay = day;
        dayEnd = day < calendar.count() ? calendar.lastCandle(day) : Integer.MAX_VALUE;
    }

    /**
     * The fall from a peak to the lowest equity before the next higher peak. Computed once per peak
     * instead of per candle: (peak - x) / peak only grows as x falls, so its maximum is at the trough.
     */
    private void closeDrawdown(double top, double bottom) {
        double drawdown = (top - bottom) / top;
        if (drawdown > maxDrawdown) {
            maxDrawdown = drawdown;
        }
    }

    /**
     * A closed round trip.
     *
     * @param exposed candles whose close found this position open
     */
    void trade(double pnl, int exposed) {
        trades++;
        if (pnl > 0) {
            wins++;
            grossProfit += pnl;
        } else if (pnl < 0) {
            grossLoss -= pnl;
        }
        exposedCandles += exposed;
    }

    Metrics finish() {
        closeDrawdown(peak, trough);
        int candles = range.length();
        int days = 0;
        double cagr = Double.NaN;
        if (candles > 0) {
            closeFlatDays(range.to() - 1);
            closeDay(equity);
            days = calendar.days(range);
            if (days >= Metrics.MIN_DAYS) {
                cagr = cagrPct(equity / initialCapital, calendar.calendarDays(range));
            }
        }
        double netPnl = equity - initialCapital;
        double profitFactor = grossLoss > 0 ? Math.min(grossProfit / grossLoss, RATIO_CAP)
                : (grossProfit > 0 ? RATIO_CAP : 0);
        DailyStatistics stats = days >= Metrics.MIN_DAYS ? DailyStatistics.of(daily, days) : DailyStatistics.UNDEFINED;
        return new Metrics(netPnl, netPnl / initialCapital * 100, cagr, trades,
                trades == 0 ? 0 : (double) wins / trades, profitFactor,
                candles == 0 ? 0 : 100.0 * exposedCandles / candles, maxDrawdown * 100, days,
                stats.sharpe(), stats.sortino(), stats.skewness(), stats.kurtosis());
    }

    /** (growth)^(365 / calendar days) − 1 in percent; NaN if it overflows a double (an absurd growth). */
    static double cagrPct(double growth, double calendarDays) {
        double cagr = (StrictMath.pow(growth, 365 / calendarDays) - 1) * 100;
        return Double.isFinite(cagr) ? cagr : Double.NaN;
    }
}
