package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.indicator.IndicatorColumn;
import io.strategyminer.backtest.indicator.Indicators;
import io.strategyminer.data.Dataset;

/**
 * The indicator columns and condition bitsets of one dataset, each computed once and shared by
 * every genome and thread, within a memory budget.
 *
 * <p>A GA population reuses the same conditions over and over (thresholds and periods live on
 * grids), so caching the bitset per condition, not only the column per indicator, is what lets a
 * backtest skip the indicator arithmetic entirely.
 *
 * <p>Budget: {@link #DEFAULT_BUDGET_BYTES} by default: five eighths for indicator columns, a quarter
 * for condition bitsets (a bitset is 1/64 of a column), one eighth for Bollinger deviations.
 * On 39,017 candles a column is 312 KB and a bitset 4.9 KB, so the default keeps about 250 columns
 * and 6,700 conditions (a 200 × 300 work unit meets about 200 indicators and 15,000 conditions,
 * a few thousand of them at a time); least recently used entries are dropped beyond that and
 * recomputed (identically) if needed again.
 */
final class SignalStore {
    /** 128 MiB: well inside a peer's 512 MB at 100,000 candles (DESIGN §10). */
    static final long DEFAULT_BUDGET_BYTES = 128L << 20;

    private final Dataset dataset;
    private final ExtremeLinks links;
    private final TradingDays days;
    private final BoundedCache<Indicator, IndicatorColumn> columns;
    private final BoundedCache<Condition, long[]> signals;
    /** Bollinger σ per period: shared by every band and width of that period. */
    private final BoundedCache<Integer, double[]> deviations;

    SignalStore(Dataset dataset, long budgetBytes) {
        this.dataset = dataset;
        this.links = new ExtremeLinks(dataset.candles());
        this.days = new TradingDays(dataset);
        long eighth = Math.max(1, budgetBytes / 8);
        this.columns = new BoundedCache<>(Math.max(1, budgetBytes - 3 * eighth), IndicatorColumn::bytes);
        this.signals = new BoundedCache<>(2 * eighth, bits -> 16L + 8L * bits.length);
        this.deviations = new BoundedCache<>(eighth, values -> 16L + 8L * values.length);
    }

    Dataset dataset() {
        return dataset;
    }

    ExtremeLinks links() {
        return links;
    }

    TradingDays days() {
        return days;
    }

    IndicatorColumn column(Indicator indicator) {
        return columns.get(indicator, i -> Indicators.compute(i, dataset.candles(),
                p -> deviations.get(p, period -> Indicators.deviation(dataset.candles().close(), period))));
    }

    /** Bit {@code i} is set when the condition holds on candle {@code i}'s close. */
    long[] signal(Condition condition) {
        return signals.get(condition, this::computeSignal);
    }

    private long[] computeSignal(Condition c) {
        double[] left = column(c.left()).values();
        if (c.right() instanceof Indicator right) {
            return ConditionSignal.compute(c.comparison(), left, column(right).values(), 0);
        }
        return ConditionSignal.compute(c.comparison(), left, null, ((Constant) c.right()).value());
    }
}
