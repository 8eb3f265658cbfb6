package io.strategyminer.backtest;

import io.strategyminer.data.CandleSeries;

/**
 * Finds the candle on which an open position's stop, trailing stop or target is hit, and how it fills (see
 * backtest/README.md, "Execution conventions" 3 and 4). One per {@link TradingLoop}: it keeps the reason and level
 * of the last exit found.
 *
 * <p>The search follows the dataset's {@link ExtremeLinks} instead of visiting every candle: from a candle whose low
 * is above the stop it jumps to the next strictly lower low (no candle in between can reach the stop), and likewise
 * along higher highs for the target and for the rises of a trailing stop. A trade held over {@code n} candles costs
 * about as many steps as it has new lows and highs, not {@code n}. The first {@value #SCAN} candles of a trade are
 * checked one by one.
 */
final class ExitSearch {
    /**
     * Candles checked one by one before the search follows links: most trades end within a few candles, where a
     * plain scan of the lows and highs beats jumps that touch the link arrays as well (on data larger than the CPU
     * caches, each jump may miss them).
     */
    private static final int SCAN = 16;

    private final ExtremeLinks links;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private ExitReason reason;
    private double level;

    ExitSearch(CandleSeries candles, ExtremeLinks links) {
        this.links = links;
        this.open = candles.open();
        this.high = candles.high();
        this.low = candles.low();
    }

    /** How the last exit found leaves: null if the last search found none. */
    ExitReason reason() {
        return reason;
    }

    /** The price level of the last exit found, before slippage. */
    double level() {
        return level;
    }

    /**
     * The first candle in {@code [first, last]} whose low reaches the stop or whose high reaches the target (either
     * may be infinite: none), or -1.
     */
    int fixed(int first, int last, double stop, double target) {
        int scanned = Math.min(last, first + SCAN - 1);
        int k = first;
        while (k <= scanned && low[k] > stop && high[k] < target) {
            k++;
        }
        if (k > scanned) {
            k = reaching(scanned + 1, last, stop, target);
        }
        if (k > last) {
            reason = null;
            return -1;
        }
        intrabar(k, stop, target, ExitReason.STOP_LOSS);
        return k;
    }

    /**
     * As {@link #fixed} with a trailing stop {@code highest · trailRatio} below the highest high since the entry
     * {@code fill}, each candle checked against the trail as it stood before it (only then does its high raise it).
     * After the first candles, checked one by one, it follows links: between two rises of the highest high the stop
     * is one level, so the search alternates: find the next candle whose high passes the highest (the next rise),
     * find the first candle before it that reaches the stop (or the target, if the highest already reached it: only
     * with a target at the fill), and check the rising candle itself against the old trail and the target.
     */
    int trailing(int first, int last, double fill, double stopLevel, double target, double trailRatio) {
        double highest = fill;
        int k = first;
        for (int scanned = Math.min(last, first + SCAN - 1); k <= scanned; k++) {
            double trail = highest * trailRatio;
            double stop = Math.max(stopLevel, trail);
            if (low[k] <= stop || high[k] >= target) {
                intrabar(k, stop, target, trail > stopLevel ? ExitReason.TRAILING_STOP : ExitReason.STOP_LOSS);
                return k;
            }
            highest = Math.max(highest, high[k]);
        }
        while (k <= last) {
            double trail = highest * trailRatio;
            double stop = Math.max(stopLevel, trail);
            ExitReason stopReason = trail > stopLevel ? ExitReason.TRAILING_STOP : ExitReason.STOP_LOSS;
            int rise = links.highReaching(k, last, Math.nextUp(highest));
            int beforeRise = Math.min(rise - 1, last);
            // Before the rise every high is at most the highest, so it reaches the target only if the highest does.
            int hit = target <= highest ? reaching(k, beforeRise, stop, target) : links.lowReaching(k, beforeRise, stop);
            if (hit <= beforeRise) {
                intrabar(hit, stop, target, stopReason);
                return hit;
            }
            if (rise > last) {
                break;
            }
            if (low[rise] <= stop || high[rise] >= target) {
                intrabar(rise, stop, target, stopReason);
                return rise;
            }
            highest = high[rise];
            k = rise + 1;
        }
        reason = null;
        return -1;
    }

    /** The first candle in {@code [first, last]} reaching the stop or the target; a candle after {@code last} if none. */
    private int reaching(int first, int last, double stop, double target) {
        int k = stop == Double.NEGATIVE_INFINITY ? last + 1 : links.lowReaching(first, last, stop);
        if (target != Double.POSITIVE_INFINITY) {
            // Only a target reached before the stop matters.
            int beforeStop = Math.min(k - 1, last);
            int reached = links.highReaching(first, beforeStop, target);
            if (reached <= beforeStop) {
                k = reached;
            }
        }
        return k;
    }

    /**
     * How candle {@code k}, which reached a level, exits. An open beyond a level is a certain fill at the open;
     * inside the candle the order of low and high is unknown, so the stop comes first.
     */
    private void intrabar(int k, double stop, double target, ExitReason stopReason) {
        double o = open[k];
        if (o >= target) {
            reason = ExitReason.TAKE_PROFIT;
            level = o;
        } else if (low[k] <= stop) {
            reason = stopReason;
            level = Math.min(o, stop);
        } else {
            reason = ExitReason.TAKE_PROFIT;
            level = target;
        }
    }
}
