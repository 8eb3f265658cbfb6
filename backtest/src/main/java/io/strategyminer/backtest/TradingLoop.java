package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.data.CandleSeries;
import java.util.List;

/**
 * The trading logic: the one implementation behind both the fast path (metrics only) and the full
 * path (trades and equity curve, when a {@link TradeLog} is passed). One instance per thread: it
 * owns scratch bitsets and an accumulator, so a backtest allocates nothing on the fast path.
 *
 * <p>Conventions (see backtest/README.md for the full list and the reasons):
 * <ul>
 *   <li>an entry signal on candle {@code i}'s close fills at candle {@code i+1}'s open, so only
 *       signals on {@code [from, to-2]} can enter; exit signals likewise fill at the next open;</li>
 *   <li>stops and targets are checked inside every candle the position is open in, starting with
 *       the entry candle (the fill is at its open, so its whole range comes after the fill): an
 *       open beyond a level fills at the open; otherwise a low at or below the stop fills at the
 *       stop, a high at or above the target at the target; if both could have been hit, the stop
 *       wins (conservative);</li>
 *   <li>the trailing stop trails the highest high since entry (starting at the entry fill); a
 *       candle is checked against the trail as it stood before that candle, and only then does
 *       its high raise the trail (conservative: we do not know whether the high came before the
 *       low);</li>
 *   <li>a position still open on the range's last candle is sold at its close (END_OF_DATA).</li>
 * </ul>
 */
final class TradingLoop {
    private final SignalStore store;
    private final CandleBlocks blocks;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double initialCapital;
    private final double feeRate;
    private final double slippageRate;
    private final double periodsPerYear;
    private final long[] entryScratch;
    private final long[] exitScratch;
    private final MetricsAccumulator metrics = new MetricsAccumulator();
    /** Set by {@link #fixedExit}/{@link #trailingExit}: how the trade they found left, and at what price level. */
    private ExitReason exitReason;
    private double exitLevel;

    TradingLoop(SignalStore store, BacktestConfig config) {
        this.store = store;
        this.blocks = store.blocks();
        CandleSeries candles = store.dataset().candles();
        this.open = candles.open();
        this.high = candles.high();
        this.low = candles.low();
        this.close = candles.close();
        this.initialCapital = config.initialCapital();
        this.feeRate = config.feePct() / 100;
        this.slippageRate = config.slippagePct() / 100;
        this.periodsPerYear = 365.0 * 24 * 3600 / store.dataset().timeframeSeconds();
        this.entryScratch = Bits.forCandles(candles.size());
        this.exitScratch = Bits.forCandles(candles.size());
    }

    /** Backtests {@code genome} over {@code range}; records trades and equity into {@code log} if not null. */
    Metrics run(Genome genome, Range range, TradeLog log) {
        int from = range.from();
        int to = range.to();
        int last = to - 1;
        metrics.start(initialCapital);
        long[] entry = signals(genome.entry(), from, to, entryScratch);
        long[] exit = genome.exit().isEmpty() ? null : signals(genome.exit(), from, to, exitScratch);

        // Level ratios in ta4j's order of operations ((100 - pct) / 100, then times the entry price).
        double stopRatio = (100 - genome.stopLossPct()) / 100;
        double targetRatio = (100 + genome.takeProfitPct()) / 100;
        double trailRatio = (100 - genome.trailingStopPct()) / 100;
        boolean hasStop = genome.stopLossPct() > 0;
        boolean hasTarget = genome.takeProfitPct() > 0;
        boolean hasTrail = genome.trailingStopPct() > 0;
        double positionShare = genome.positionPct() / 100;
        int maxBars = genome.maxBarsHeld();

        double cash = initialCapital;
        int searchFrom = from;
        int flatFrom = from;
        while (true) {
            int signal = Bits.next(entry, searchFrom, last);
            if (signal < 0) {
                break;
            }
            int entryIndex = signal + 1;
            if (log != null) {
                log.flat(flatFrom, entryIndex, cash);
            }
            double fill = open[entryIndex] * (1 + slippageRate);
            // positionShare <= 1, so cost <= cash and nothing can go negative; the fee comes out of cost.
            double cost = cash * positionShare;
            double quantity = cost / (1 + feeRate) / fill;
            double rest = cash - cost;

            int deadline = maxBars > 0 ? Math.min(last, entryIndex + maxBars - 1) : last;
            int signalExit = exit == null ? -1 : Bits.next(exit, entryIndex, Math.min(deadline + 1, last));
            int finalClose = signalExit >= 0 ? signalExit : deadline;

            // Look for an intrabar exit first; only comparisons there, the equity bookkeeping of the
            // held candles happens afterwards in one tight loop.
            double stopLevel = hasStop ? fill * stopRatio : Double.NEGATIVE_INFINITY;
            double target = hasTarget ? fill * targetRatio : Double.POSITIVE_INFINITY;
            int exitIndex = hasTrail
                    ? trailingExit(entryIndex, finalClose, fill, stopLevel, target, trailRatio)
                    : fixedExit(entryIndex, finalClose, stopLevel, target);
            ExitReason reason = exitReason;
            double level = exitLevel;
            int lastHeldClose;
            if (reason != null) {
                lastHeldClose = exitIndex - 1;
            } else if (finalClose == last) {
                reason = ExitReason.END_OF_DATA;
                exitIndex = last;
                level = close[last];
                lastHeldClose = last - 1;
            } else {
                reason = signalExit >= 0 ? ExitReason.SIGNAL : ExitReason.MAX_BARS;
                exitIndex = finalClose + 1;
                level = open[exitIndex];
                lastHeldClose = finalClose;
            }
            metrics.hold(rest, quantity, close, entryIndex, lastHeldClose);
            if (log != null) {
                log.hold(rest, quantity, close, entryIndex, lastHeldClose);
            }
            // Closes that found the position open; END_OF_DATA sells at the last close, which counts.
            int exposed = lastHeldClose - entryIndex + 1 + (reason == ExitReason.END_OF_DATA ? 1 : 0);
            double exitPrice = level * (1 - slippageRate);
            double proceeds = quantity * exitPrice;
            double cashAfter = rest + (proceeds - proceeds * feeRate);
            double pnl = cashAfter - cash;
            metrics.mark(cashAfter);
            metrics.trade(pnl, exposed);
            if (log != null) {
                log.mark(exitIndex, cashAfter);
                log.trade(new Trade(entryIndex, exitIndex, fill, exitPrice, quantity, pnl, pnl / cost * 100, reason));
            }
            cash = cashAfter;
            searchFrom = exitIndex;
            flatFrom = exitIndex + 1;
        }
        if (log != null) {
            log.flat(flatFrom, to, cash);
        }
        return metrics.finish(range.length(), periodsPerYear);
    }

    /**
     * The candle in {@code [first, last]} on which a fixed stop or target is hit, with
     * {@link #exitReason} and {@link #exitLevel} set; or -1 (reason null) if neither is.
     */
    private int fixedExit(int first, int last, double stop, double target) {
        exitReason = null;
        for (int k = first; k <= last; k++) {
            if (k + CandleBlocks.SIZE - 1 <= last && (k & (CandleBlocks.SIZE - 1)) == 0) {
                // A whole block ahead whose extremes stay inside the levels: no candle in it can exit.
                int b = k >>> CandleBlocks.SHIFT;
                if (blocks.lowest(b) > stop && blocks.highest(b) < target) {
                    k += CandleBlocks.SIZE - 1;
                    continue;
                }
            }
            if (low[k] <= stop || high[k] >= target) {
                intrabar(k, stop, target, ExitReason.STOP_LOSS);
                return k;
            }
        }
        return -1;
    }

    /** As {@link #fixedExit} with a trailing stop below the highest high since the entry fill. */
    private int trailingExit(int first, int last, double fill, double stopLevel, double target, double trailRatio) {
        exitReason = null;
        double highest = fill;
        for (int k = first; k <= last; k++) {
            if (k + CandleBlocks.SIZE - 1 <= last && (k & (CandleBlocks.SIZE - 1)) == 0) {
                // The trail can rise inside the block at most to the block's highest high.
                int b = k >>> CandleBlocks.SHIFT;
                double blockHigh = blocks.highest(b);
                double stopBound = Math.max(stopLevel, Math.max(highest, blockHigh) * trailRatio);
                if (blocks.lowest(b) > stopBound && blockHigh < target) {
                    highest = Math.max(highest, blockHigh);
                    k += CandleBlocks.SIZE - 1;
                    continue;
                }
            }
            // Checked against the trail as it stood before this candle; its high raises it afterwards.
            double trail = highest * trailRatio;
            double stop = Math.max(stopLevel, trail);
            if (low[k] <= stop || high[k] >= target) {
                intrabar(k, stop, target, trail > stopLevel ? ExitReason.TRAILING_STOP : ExitReason.STOP_LOSS);
                return k;
            }
            highest = Math.max(highest, high[k]);
        }
        return -1;
    }

    /**
     * How candle {@code k}, which reached a level, exits. An open beyond a level is a certain fill at
     * the open; inside the candle the order of low and high is unknown, so the stop comes first.
     */
    private void intrabar(int k, double stop, double target, ExitReason stopReason) {
        double o = open[k];
        if (o >= target) {
            exitReason = ExitReason.TAKE_PROFIT;
            exitLevel = o;
        } else if (low[k] <= stop) {
            exitReason = stopReason;
            exitLevel = Math.min(o, stop);
        } else {
            exitReason = ExitReason.TAKE_PROFIT;
            exitLevel = target;
        }
    }

    /** The candles where a rule holds, valid at least over {@code [from, to)}; may be a shared cached array. */
    private long[] signals(Rule rule, int from, int to, long[] scratch) {
        List<Condition> conditions = rule.conditions();
        long[] first = store.signal(conditions.get(0));
        if (conditions.size() == 1 || from >= to) {
            return first;
        }
        boolean and = rule.combiner() == Combiner.AND;
        Bits.combine(first, store.signal(conditions.get(1)), and, scratch, from, to);
        for (int c = 2; c < conditions.size(); c++) {
            Bits.combine(scratch, store.signal(conditions.get(c)), and, scratch, from, to);
        }
        return scratch;
    }
}
