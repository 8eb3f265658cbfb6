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
    private final ExitSearch exits;
    private final double[] open;
    private final double[] close;
    private final double initialCapital;
    private final double feeRate;
    private final double slippageRate;
    private final long[] entryScratch;
    private final long[] exitScratch;
    private final MetricsAccumulator metrics;
    /** The open position, set by {@link #enter}. */
    private double fill;
    private double cost;
    private double quantity;
    private double rest;

    TradingLoop(SignalStore store, BacktestConfig config) {
        this.store = store;
        CandleSeries candles = store.dataset().candles();
        this.exits = new ExitSearch(candles, store.links());
        this.open = candles.open();
        this.close = candles.close();
        this.initialCapital = config.initialCapital();
        this.feeRate = PositionSizing.feeRate(config);
        this.slippageRate = config.slippagePct() / 100;
        this.entryScratch = Bits.forCandles(candles.size());
        this.exitScratch = Bits.forCandles(candles.size());
        this.metrics = new MetricsAccumulator(store.days(), store.links(), candles.close());
    }

    /**
     * Backtests {@code genome} over {@code range}; records trades and equity into {@code log} if not null. Entries
     * come from the genome's entry rule, or from {@code schedule} if not null (its exits stay the genome's).
     */
    Metrics run(Genome genome, Range range, TradeLog log, EntrySchedule schedule) {
        int from = range.from();
        int to = range.to();
        int last = to - 1;
        metrics.start(initialCapital, range);
        long[] entry = schedule == null ? signals(genome.entry(), from, to, entryScratch) : null;
        long[] exit = genome.exit().isEmpty() ? null : signals(genome.exit(), from, to, exitScratch);

        // Level ratios in ta4j's order of operations ((100 - pct) / 100, then times the entry price).
        double stopRatio = (100 - genome.stopLossPct()) / 100;
        double targetRatio = (100 + genome.takeProfitPct()) / 100;
        double trailRatio = (100 - genome.trailingStopPct()) / 100;
        boolean hasStop = genome.stopLossPct() > 0;
        boolean hasTarget = genome.takeProfitPct() > 0;
        boolean hasTrail = genome.trailingStopPct() > 0;
        double positionShare = PositionSizing.share(genome);
        int maxBars = genome.maxBarsHeld();

        double cash = initialCapital;
        int searchFrom = from;
        int flatFrom = from;
        // The first exit signal at or after the latest entry (none: MAX_VALUE). Trades only move forward, so it
        // stays valid until an entry passes it: the exit bitset is scanned about once per backtest, not once per
        // trade (which costs a scan to the far end of the data per trade when exit signals are rare).
        int nextExitSignal = -1;
        for (int trades = 0; ; trades++) {
            int signal = schedule == null ? Bits.next(entry, searchFrom, last)
                    : scheduledSignal(schedule, trades, searchFrom, last);
            if (signal < 0) {
                break;
            }
            int entryIndex = signal + 1;
            if (log != null) {
                log.flat(flatFrom, entryIndex, cash);
            }
            enter(entryIndex, cash, positionShare);
            int deadline = maxBars > 0 ? Math.min(last, entryIndex + maxBars - 1) : last;
            if (exit != null && nextExitSignal < entryIndex) {
                int next = Bits.next(exit, entryIndex, last);
                nextExitSignal = next < 0 ? Integer.MAX_VALUE : next;
            }
            int signalExit = exit != null && nextExitSignal <= deadline ? nextExitSignal : -1;
            int finalClose = signalExit >= 0 ? signalExit : deadline;

            // Look for an intrabar exit first; the equity bookkeeping of the held candles follows from where it is.
            double stopLevel = hasStop ? fill * stopRatio : Double.NEGATIVE_INFINITY;
            double target = hasTarget ? fill * targetRatio : Double.POSITIVE_INFINITY;
            int exitIndex = hasTrail
                    ? exits.trailing(entryIndex, finalClose, fill, stopLevel, target, trailRatio)
                    : exits.fixed(entryIndex, finalClose, stopLevel, target);
            ExitReason reason = exits.reason();
            double level = exits.level();
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
            cash = settle(log, cash, entryIndex, lastHeldClose, exitIndex, reason, level);
            searchFrom = exitIndex;
            flatFrom = exitIndex + 1;
        }
        if (log != null) {
            log.flat(flatFrom, to, cash);
        }
        return metrics.finish();
    }

    /**
     * The candle of the {@code k}-th scheduled entry's signal: its own, or {@code searchFrom} (the candle the last
     * position was sold on) if that came later; -1 when the schedule is done or the signal is too late to enter.
     */
    private static int scheduledSignal(EntrySchedule schedule, int k, int searchFrom, int last) {
        if (k >= schedule.size()) {
            return -1;
        }
        int signal = Math.max(schedule.signal(k), searchFrom);
        return signal < last ? signal : -1;
    }

    /**
     * Buy-and-hold over {@code range}: all the capital buys at the first candle's open and the position is sold
     * at the last candle's close, with the same slippage and fees and the same bookkeeping as a strategy's trade.
     */
    Metrics buyAndHold(Range range) {
        metrics.start(initialCapital, range);
        if (range.length() > 0) {
            int last = range.to() - 1;
            enter(range.from(), initialCapital, 1);
            settle(null, initialCapital, range.from(), last - 1, last, ExitReason.END_OF_DATA, close[last]);
        }
        return metrics.finish();
    }

    /** Opens a position at candle {@code entryIndex}'s open, committing {@code share} of {@code cash}, fee included. */
    private void enter(int entryIndex, double cash, double share) {
        fill = open[entryIndex] * (1 + slippageRate);
        // share <= 1, so cost <= cash and nothing can go negative; the fee comes out of cost.
        cost = cash * share;
        quantity = PositionSizing.quantity(cost, feeRate, fill);
        rest = cash - cost;
    }

    /**
     * Books the open position: held through the close of {@code lastHeldClose}, sold at {@code level} on candle
     * {@code exitIndex}. Returns the cash after the sale.
     */
    private double settle(TradeLog log, double cash, int entryIndex, int lastHeldClose, int exitIndex, ExitReason reason,
                        double level) {
        metrics.hold(rest, quantity, entryIndex, lastHeldClose);
        if (log != null) {
            log.hold(rest, quantity, close, entryIndex, lastHeldClose);
        }
        // Closes that found the position open; END_OF_DATA sells at the last close, which counts.
        int exposed = lastHeldClose - entryIndex + 1 + (reason == ExitReason.END_OF_DATA ? 1 : 0);
        double exitPrice = level * (1 - slippageRate);
        double cashAfter = PositionSizing.cashAfter(rest, quantity, exitPrice, feeRate);
        double pnl = cashAfter - cash;
        metrics.mark(exitIndex, cashAfter);
        metrics.trade(pnl, exposed);
        if (log != null) {
            log.mark(exitIndex, cashAfter);
            log.trade(new Trade(entryIndex, exitIndex, fill, exitPrice, quantity, pnl, pnl / cost * 100, reason));
        }
        return cashAfter;
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
