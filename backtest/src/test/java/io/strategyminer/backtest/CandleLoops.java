package io.strategyminer.backtest;

import io.strategyminer.data.CandleSeries;

/**
 * The per-candle loops the engine replaced with link walks, written plainly: the judges of {@link HeldRangeProperties}
 * and the baselines of the JMH benchmarks.
 */
final class CandleLoops {
    private CandleLoops() {
    }

    /** Where and how a position exits: candle index (-1 for none), reason and price level. */
    record Exit(int index, ExitReason reason, double level) {
        static final Exit NONE = new Exit(-1, null, 0);
    }

    /**
     * The conventions of backtest/README.md ("Execution conventions" 3 and 4) one candle at a time: the first candle
     * in {@code [first, last]} at which the stop (or the trailing stop, {@code trailRatio > 0}) or the target is hit.
     */
    static Exit exit(CandleSeries c, int first, int last, double fill, double stopLevel, double target,
                     double trailRatio) {
        double highest = fill;
        for (int k = first; k <= last; k++) {
            double trail = trailRatio > 0 ? highest * trailRatio : Double.NEGATIVE_INFINITY;
            double stop = Math.max(stopLevel, trail);
            ExitReason stopReason = trail > stopLevel ? ExitReason.TRAILING_STOP : ExitReason.STOP_LOSS;
            double o = c.open()[k];
            if (o >= target) {
                return new Exit(k, ExitReason.TAKE_PROFIT, o);
            }
            if (c.low()[k] <= stop) {
                return new Exit(k, stopReason, Math.min(o, stop));
            }
            if (c.high()[k] >= target) {
                return new Exit(k, ExitReason.TAKE_PROFIT, target);
            }
            highest = Math.max(highest, c.high()[k]);
        }
        return Exit.NONE;
    }

    /** The largest fall from a running peak (starting at {@code start}) to a later value of {@code equity}, 0–1. */
    static double maxDrawdown(double start, double[] equity) {
        double peak = start;
        double drawdown = 0;
        for (double e : equity) {
            peak = Math.max(peak, e);
            drawdown = Math.max(drawdown, (peak - e) / peak);
        }
        return drawdown;
    }
}
