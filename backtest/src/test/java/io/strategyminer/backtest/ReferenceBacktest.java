package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.backtest.indicator.Indicators;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The conventions of backtest/README.md written the slow, obvious way: one candle at a time, every
 * condition evaluated on the spot (a crossing by looking back for the last candle where the sides
 * differed), every stop checked on every candle, equity recorded per candle, metrics from the
 * equity curve, daily returns from the equity at each UTC date's last close. The engine's bitsets, block
 * skipping, segment-wise sums and day lookups must give exactly this.
 */
final class ReferenceBacktest {
    private final CandleSeries c;
    private final Map<Indicator, double[]> columns = new HashMap<>();
    private final BacktestConfig config;
    private final long timeframeSeconds;

    ReferenceBacktest(Dataset dataset, BacktestConfig config) {
        this.c = dataset.candles();
        this.config = config;
        this.timeframeSeconds = dataset.timeframeSeconds();
    }

    BacktestResult run(Genome g, Range range) {
        return run(g, range, null);
    }

    /**
     * With {@code schedule} not null, its signals replace the entry rule: at each close without a position, the next
     * signal not yet taken enters if it is on this candle or an earlier one.
     */
    BacktestResult run(Genome g, Range range, EntrySchedule schedule) {
        int taken = 0;
        double fee = config.feePct() / 100;
        double slip = config.slippagePct() / 100;
        double cash = config.initialCapital();
        double[] equity = new double[range.length()];
        List<Trade> trades = new ArrayList<>();
        boolean holding = false;
        int entryIndex = -1;
        double fill = 0;
        double cost = 0;
        double quantity = 0;
        double rest = 0;
        double highest = 0;
        boolean enterAtOpen = false;
        ExitReason exitAtOpen = null;
        for (int i = range.from(); i < range.to(); i++) {
            ExitReason reason = null;
            double level = 0;
            if (exitAtOpen != null) {
                reason = exitAtOpen;
                level = c.open()[i];
                exitAtOpen = null;
            } else if (enterAtOpen) {
                enterAtOpen = false;
                holding = true;
                entryIndex = i;
                fill = c.open()[i] * (1 + slip);
                cost = cash * (g.positionPct() / 100);
                quantity = cost / (1 + fee) / fill;
                rest = cash - cost;
                highest = fill;
            }
            if (holding && reason == null) {
                double stop = g.stopLossPct() > 0 ? fill * ((100 - g.stopLossPct()) / 100) : Double.NEGATIVE_INFINITY;
                double trail = g.trailingStopPct() > 0 ? highest * ((100 - g.trailingStopPct()) / 100)
                        : Double.NEGATIVE_INFINITY;
                double target = g.takeProfitPct() > 0 ? fill * ((100 + g.takeProfitPct()) / 100)
                        : Double.POSITIVE_INFINITY;
                double worst = Math.max(stop, trail);
                if (c.open()[i] >= target) {
                    reason = ExitReason.TAKE_PROFIT;
                    level = c.open()[i];
                } else if (c.open()[i] <= worst) {
                    reason = trail > stop ? ExitReason.TRAILING_STOP : ExitReason.STOP_LOSS;
                    level = c.open()[i];
                } else if (c.low()[i] <= worst) {
                    reason = trail > stop ? ExitReason.TRAILING_STOP : ExitReason.STOP_LOSS;
                    level = worst;
                } else if (c.high()[i] >= target) {
                    reason = ExitReason.TAKE_PROFIT;
                    level = target;
                }
                highest = Math.max(highest, c.high()[i]);
            }
            if (holding && reason == null && i == range.to() - 1) {
                reason = ExitReason.END_OF_DATA;
                level = c.close()[i];
            }
            if (reason != null) {
                double price = level * (1 - slip);
                double proceeds = quantity * price;
                double after = rest + (proceeds - proceeds * fee);
                trades.add(new Trade(entryIndex, i, fill, price, quantity, after - cash, (after - cash) / cost * 100,
                        reason));
                cash = after;
                holding = false;
            }
            equity[i - range.from()] = holding ? rest + quantity * c.close()[i] : cash;
            if (holding) {
                if (i < range.to() - 1 && !g.exit().isEmpty() && holds(g.exit(), i)) {
                    exitAtOpen = ExitReason.SIGNAL;
                } else if (i < range.to() - 1 && g.maxBarsHeld() > 0 && i - entryIndex + 1 >= g.maxBarsHeld()) {
                    exitAtOpen = ExitReason.MAX_BARS;
                }
            } else if (i < range.to() - 1 && (schedule == null ? holds(g.entry(), i)
                    : taken < schedule.size() && schedule.signal(taken) <= i)) {
                enterAtOpen = true;
                taken++;
            }
        }
        return new BacktestResult(range, metrics(equity, trades, range), trades, equity, buyAndHold(range));
    }

    /** All the capital in at the first open, out at the last close, slippage and fees on both sides. */
    Metrics buyAndHold(Range range) {
        double fee = config.feePct() / 100;
        double slip = config.slippagePct() / 100;
        double[] equity = new double[range.length()];
        List<Trade> trades = new ArrayList<>();
        if (range.length() > 0) {
            int last = range.to() - 1;
            double fill = c.open()[range.from()] * (1 + slip);
            double quantity = config.initialCapital() / (1 + fee) / fill;
            for (int i = range.from(); i < last; i++) {
                equity[i - range.from()] = quantity * c.close()[i];
            }
            double price = c.close()[last] * (1 - slip);
            double proceeds = quantity * price;
            double after = proceeds - proceeds * fee;
            equity[last - range.from()] = after;
            double pnl = after - config.initialCapital();
            trades.add(new Trade(range.from(), last, fill, price, quantity, pnl, pnl / config.initialCapital() * 100,
                    ExitReason.END_OF_DATA));
        }
        return metrics(equity, trades, range);
    }

    /** The metrics of an equity curve over {@code range} with its trades, from first principles. */
    Metrics metrics(double[] equity, List<Trade> trades, Range range) {
        int n = equity.length;
        double previous = config.initialCapital();
        double peak = previous;
        double maxDrawdown = 0;
        List<Double> daily = new ArrayList<>();
        double dayClose = previous;
        for (int i = 0; i < n; i++) {
            double e = equity[i];
            peak = Math.max(peak, e);
            maxDrawdown = Math.max(maxDrawdown, (peak - e) / peak);
            previous = e;
            // A day closes on the range's last candle of each UTC date.
            int candle = range.from() + i;
            if (i == n - 1 || utcDate(c.time()[candle + 1]) != utcDate(c.time()[candle])) {
                daily.add((e - dayClose) / dayClose);
                dayClose = e;
            }
        }
        int wins = 0;
        double profit = 0;
        double loss = 0;
        long exposed = 0;
        for (Trade t : trades) {
            if (t.pnl() > 0) {
                wins++;
                profit += t.pnl();
            } else if (t.pnl() < 0) {
                loss -= t.pnl();
            }
            exposed += t.exitIndex() - t.entryIndex() + (t.exitReason() == ExitReason.END_OF_DATA ? 1 : 0);
        }
        double net = previous - config.initialCapital();
        int days = daily.size();
        double cagr = Double.NaN;
        double sharpe = Double.NaN;
        double sortino = Double.NaN;
        double skewness = Double.NaN;
        double kurtosis = Double.NaN;
        if (days >= 30) {
            double calendarDays = (c.time()[range.to() - 1] + timeframeSeconds - c.time()[range.from()]) / 86_400.0;
            cagr = (StrictMath.pow(previous / config.initialCapital(), 365 / calendarDays) - 1) * 100;
            double mean = daily.stream().reduce(0.0, Double::sum) / days;
            double m2 = 0;
            double m3 = 0;
            double m4 = 0;
            double downside = 0;
            for (double r : daily) {
                double d = r - mean;
                m2 += d * d;
                m3 += d * d * d;
                m4 += d * d * (d * d);
                downside += r < 0 ? r * r : 0;
            }
            double variance = m2 / days;
            if (variance > 0) {
                sharpe = mean / Math.sqrt(m2 / (days - 1)) * Math.sqrt(365);
                double down = Math.sqrt(downside / days);
                sortino = down > 0 ? mean / down * Math.sqrt(365) : mean > 0 ? 100 : 0;
                skewness = m3 / days / (variance * Math.sqrt(variance));
                kurtosis = m4 / days / (variance * variance);
            }
        }
        return new Metrics(net, net / config.initialCapital() * 100, cagr, trades.size(),
                trades.isEmpty() ? 0 : (double) wins / trades.size(),
                loss > 0 ? Math.min(profit / loss, 100) : profit > 0 ? 100 : 0, n == 0 ? 0 : 100.0 * exposed / n,
                maxDrawdown * 100, days, sharpe, sortino, skewness, kurtosis);
    }

    private static long utcDate(long epochSeconds) {
        return Math.floorDiv(epochSeconds, 86_400L);
    }

    private boolean holds(Rule rule, int i) {
        boolean and = rule.combiner() == Combiner.AND;
        for (Condition condition : rule.conditions()) {
            boolean h = holds(condition, i);
            if (and && !h) {
                return false;
            }
            if (!and && h) {
                return true;
            }
        }
        return and;
    }

    private boolean holds(Condition cond, int i) {
        double l = left(cond, i);
        double r = right(cond, i);
        if (Double.isNaN(l) || Double.isNaN(r)) {
            return false;
        }
        return switch (cond.comparison()) {
            case ABOVE -> l > r;
            case BELOW -> l < r;
            case CROSSES_ABOVE -> l > r && lastDifference(cond, i) < 0;
            case CROSSES_BELOW -> l < r && lastDifference(cond, i) > 0;
        };
    }

    /** Sign of left - right on the latest candle before {@code i} where they differ; 0 if a NaN comes first. */
    private int lastDifference(Condition cond, int i) {
        for (int j = i - 1; j >= 0; j--) {
            double l = left(cond, j);
            double r = right(cond, j);
            if (Double.isNaN(l) || Double.isNaN(r)) {
                return 0;
            }
            if (l != r) {
                return l > r ? 1 : -1;
            }
        }
        return 0;
    }

    private double left(Condition cond, int i) {
        return column(cond.left())[i];
    }

    private double right(Condition cond, int i) {
        return cond.right() instanceof Indicator ind ? column(ind)[i] : ((Constant) cond.right()).value();
    }

    private double[] column(Indicator indicator) {
        return columns.computeIfAbsent(indicator, ind -> Indicators.compute(ind, c).values());
    }
}
