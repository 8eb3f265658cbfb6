package io.strategyminer.backtest.oracle;

import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.backtest.indicator.Indicators;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeExecutionModel;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.BooleanRule;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.StopGainRule;
import org.ta4j.core.rules.StopLossRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * A genome run through ta4j 0.17: ta4j's indicators, ta4j's rules (Over/Under/CrossedUp/CrossedDown,
 * StopLossRule, StopGainRule), ta4j's {@link BarSeriesManager} loop. Only frictionless genomes
 * without a trailing stop or holding limit are mapped (ta4j has no equivalent of our intrabar
 * trailing stop).
 *
 * <p>The mapping of conventions (also in backtest/README.md):
 * <ul>
 *   <li>Fills at the next open: a {@link TradeExecutionModel} like ta4j's TradeOnNextOpenModel.</li>
 *   <li>Flat windows: ta4j's SMA and standard deviation get our flat-window rule (exact average, zero
 *       deviation over identical inputs; see {@link Ta4jSeries#indicator(BarSeries, Indicator, boolean)}).</li>
 *   <li>Warm-up and undefined values: each ta4j condition is AND-ed with "index ≥ our first valid
 *       candle" (one more for a crossing, which needs a valid previous candle) and "both sides are
 *       defined here". ta4j's CrossIndicator reports a crossing on a candle where the indicator is
 *       NaN (e.g. %K over a flat window: {@code 20 >= NaN} is false, so it looks back and finds the
 *       value was below); ours never fires on an undefined value.</li>
 *   <li>Stops: ta4j's StopLossRule/StopGainRule compare a "close price" with the entry price; we
 *       check stops inside the next candle. So the rules are given a ClosePriceIndicator that
 *       returns the <em>next</em> candle's low (stop) or high (target): fired at candle i, they mean
 *       "hit during candle i+1", and the execution model fills at i+1 at the level (at the open if
 *       the open is already beyond it; the stop if both levels were reached). Right after an entry
 *       the model asks the same rules about the entry candle itself, since our stops are live from
 *       the entry fill on.</li>
 *   <li>Range: ta4j runs on {@code [from, to-2]} (the last candles a signal can still fill in the
 *       range); a position ta4j leaves open corresponds to our END_OF_DATA exit at the last close.</li>
 * </ul>
 */
public final class Ta4jBacktest {
    /** One round trip: what the oracle compares (fees and slippage are zero, so these are market prices). */
    public record Fill(int entryIndex, double entryPrice, int exitIndex, double exitPrice) {
    }

    private final BarSeries series;
    private final Map<Indicator, org.ta4j.core.Indicator<Num>> indicators = new HashMap<>();

    public Ta4jBacktest(BarSeries series) {
        this.series = series;
    }

    /** Whether a genome has a ta4j equivalent here. */
    public static boolean mappable(Genome genome) {
        return genome.trailingStopPct() == 0 && genome.maxBarsHeld() == 0;
    }

    public List<Fill> run(Genome genome, Range range) {
        if (!mappable(genome)) {
            throw new IllegalArgumentException("no ta4j mapping for trailing stops or holding limits: " + genome);
        }
        org.ta4j.core.Rule entry = rule(genome.entry());
        org.ta4j.core.Rule signalExit = genome.exit().isEmpty() ? BooleanRule.FALSE : rule(genome.exit());
        org.ta4j.core.Rule stop = genome.stopLossPct() > 0
                ? new StopLossRule(new NextCandle(series, false), genome.stopLossPct()) : BooleanRule.FALSE;
        org.ta4j.core.Rule target = genome.takeProfitPct() > 0
                ? new StopGainRule(new NextCandle(series, true), genome.takeProfitPct()) : BooleanRule.FALSE;
        BaseStrategy strategy = new BaseStrategy(entry, signalExit.or(stop).or(target));
        Execution execution = new Execution(signalExit, stop, target, genome);
        BarSeriesManager manager = new BarSeriesManager(series, execution);
        TradingRecord record = manager.run(strategy, org.ta4j.core.Trade.TradeType.BUY, series.one(),
                range.from(), range.to() - 2);

        List<Fill> fills = new ArrayList<>();
        for (Position p : record.getPositions()) {
            fills.add(new Fill(p.getEntry().getIndex(), p.getEntry().getPricePerAsset().doubleValue(),
                    p.getExit().getIndex(), p.getExit().getPricePerAsset().doubleValue()));
        }
        Position open = record.getCurrentPosition();
        if (open.isOpened()) {
            int last = range.to() - 1;
            fills.add(new Fill(open.getEntry().getIndex(), open.getEntry().getPricePerAsset().doubleValue(), last,
                    series.getBar(last).getClosePrice().doubleValue()));
        }
        return fills;
    }

    private org.ta4j.core.Rule rule(Rule rule) {
        org.ta4j.core.Rule combined = null;
        for (Condition c : rule.conditions()) {
            org.ta4j.core.Rule r = condition(c);
            combined = combined == null ? r : rule.combiner() == Combiner.AND ? combined.and(r) : combined.or(r);
        }
        return combined;
    }

    private org.ta4j.core.Rule condition(Condition c) {
        org.ta4j.core.Indicator<Num> left = indicator(c.left());
        int validFrom = Indicators.warmUp(c.left());
        org.ta4j.core.Rule rule;
        if (c.right() instanceof Indicator other) {
            org.ta4j.core.Indicator<Num> right = indicator(other);
            validFrom = Math.max(validFrom, Indicators.warmUp(other));
            rule = switch (c.comparison()) {
                case ABOVE -> new OverIndicatorRule(left, right);
                case BELOW -> new UnderIndicatorRule(left, right);
                case CROSSES_ABOVE -> new CrossedUpIndicatorRule(left, right);
                case CROSSES_BELOW -> new CrossedDownIndicatorRule(left, right);
            };
        } else {
            double threshold = ((Constant) c.right()).value();
            rule = switch (c.comparison()) {
                case ABOVE -> new OverIndicatorRule(left, threshold);
                case BELOW -> new UnderIndicatorRule(left, threshold);
                case CROSSES_ABOVE -> new CrossedUpIndicatorRule(left, threshold);
                case CROSSES_BELOW -> new CrossedDownIndicatorRule(left, threshold);
            };
        }
        int first = c.comparison().isCross() ? validFrom + 1 : validFrom;
        org.ta4j.core.Indicator<Num> right = c.right() instanceof Indicator other ? indicator(other) : null;
        org.ta4j.core.Rule defined = (index, record) -> index >= first && !left.getValue(index).isNaN()
                && (right == null || !right.getValue(index).isNaN());
        return defined.and(rule);
    }

    private org.ta4j.core.Indicator<Num> indicator(Indicator indicator) {
        return indicators.computeIfAbsent(indicator, i -> Ta4jSeries.indicator(series, i, true));
    }

    /** The next candle's low (or high), posing as the close price that ta4j's stop rules read. */
    private static final class NextCandle extends ClosePriceIndicator {
        private final boolean high;

        NextCandle(BarSeries series, boolean high) {
            super(series);
            this.high = high;
        }

        @Override
        public Num getValue(int index) {
            BarSeries s = getBarSeries();
            if (index + 1 > s.getEndIndex()) {
                return org.ta4j.core.num.NaN.NaN;
            }
            return high ? s.getBar(index + 1).getHighPrice() : s.getBar(index + 1).getLowPrice();
        }
    }

    /** Fills on the next candle: at its open for signals, at the stop or target level for intrabar exits. */
    private static final class Execution implements TradeExecutionModel {
        private final org.ta4j.core.Rule signalExit;
        private final org.ta4j.core.Rule stop;
        private final org.ta4j.core.Rule target;
        private final Genome genome;

        Execution(org.ta4j.core.Rule signalExit, org.ta4j.core.Rule stop, org.ta4j.core.Rule target, Genome genome) {
            this.signalExit = signalExit;
            this.stop = stop;
            this.target = target;
            this.genome = genome;
        }

        @Override
        public void execute(int index, TradingRecord record, BarSeries series, Num amount) {
            int next = index + 1;
            if (next > series.getEndIndex()) {
                return;
            }
            Num open = series.getBar(next).getOpenPrice();
            if (record.getCurrentPosition().isNew()) {
                record.enter(next, open, amount);
                if (stop.isSatisfied(index, record) || target.isSatisfied(index, record)) {
                    record.exit(next, intrabarPrice(index, record, series), amount);
                }
            } else if (signalExit.isSatisfied(index, record)) {
                record.exit(next, open, amount);
            } else {
                record.exit(next, intrabarPrice(index, record, series), amount);
            }
        }

        private Num intrabarPrice(int index, TradingRecord record, BarSeries series) {
            Num entry = record.getCurrentPosition().getEntry().getNetPrice();
            Num hundred = series.hundred();
            Num open = series.getBar(index + 1).getOpenPrice();
            Num targetLevel = entry.multipliedBy(hundred.plus(series.numOf(genome.takeProfitPct())).dividedBy(hundred));
            Num stopLevel = entry.multipliedBy(hundred.minus(series.numOf(genome.stopLossPct())).dividedBy(hundred));
            if (genome.takeProfitPct() > 0 && open.isGreaterThanOrEqual(targetLevel)) {
                return open;
            }
            if (stop.isSatisfied(index, record)) {
                return open.isLessThanOrEqual(stopLevel) ? open : stopLevel;
            }
            return targetLevel;
        }
    }
}
