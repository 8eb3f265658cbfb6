package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.indicator.IndicatorColumn;
import io.strategyminer.data.Dataset;
import java.util.List;
import java.util.Objects;

/**
 * Runs genomes over one dataset. Indicator columns and condition signals are computed once per
 * distinct indicator and condition and shared by every genome (within a memory budget, see
 * {@link #Backtester(Dataset, BacktestConfig, long)}); every method is safe to call from many
 * threads at once, and gives bit-identical results whatever the thread.
 *
 * <p>Indicators are computed over the whole dataset (they only look back), so a range's first
 * candles already see indicators warmed up on the candles before it.
 */
public final class Backtester {
    /** Default memory budget of the indicator and signal cache: 128 MiB. */
    public static final long DEFAULT_CACHE_BYTES = SignalStore.DEFAULT_BUDGET_BYTES;
    /** Room for about a thousand ranges' buy-and-hold metrics (a search uses two, a walk-forward a few more). */
    private static final long BUY_AND_HOLD_CACHE_BYTES = 256L << 10;

    private final Dataset dataset;
    private final BacktestConfig config;
    private final SignalStore store;
    /** Each thread gets its own loop: scratch bitsets and accumulator, so a backtest allocates nothing. */
    private final ThreadLocal<TradingLoop> loops;
    /** Buy-and-hold per range: the same for every genome, so computed once (it depends on the costs, not shared). */
    private final BoundedCache<Range, Metrics> buyAndHold = new BoundedCache<>(BUY_AND_HOLD_CACHE_BYTES, m -> 256);

    /** A backtester with its own cache of {@link #DEFAULT_CACHE_BYTES}. */
    public Backtester(Dataset dataset, BacktestConfig config) {
        this(dataset, config, DEFAULT_CACHE_BYTES);
    }

    /**
     * @param cacheBytes memory budget for cached indicator columns and condition bitsets; least
     *                   recently used ones are dropped beyond it (and recomputed identically if needed)
     */
    public Backtester(Dataset dataset, BacktestConfig config, long cacheBytes) {
        this(new SignalStore(Objects.requireNonNull(dataset, "dataset"), cacheBytes), config);
    }

    private Backtester(SignalStore store, BacktestConfig config) {
        this.dataset = store.dataset();
        this.config = Objects.requireNonNull(config, "config");
        this.store = store;
        this.loops = ThreadLocal.withInitial(() -> new TradingLoop(store, config));
    }

    /** The same dataset and cache with other costs (the cache does not depend on costs). */
    public Backtester withConfig(BacktestConfig other) {
        return new Backtester(store, other);
    }

    public Dataset dataset() {
        return dataset;
    }

    public BacktestConfig config() {
        return config;
    }

    /** The fast path for searches: metrics only, no trade list or equity curve kept. */
    public Metrics metrics(Genome genome, Range range) {
        check(range);
        return loops.get().run(genome, range, null, null);
    }

    /**
     * Metrics of {@code genome}'s exits (exit rule, stop, target, trailing stop, holding limit) and position size with
     * entries on the candles of {@code entries} instead of its entry rule: the engine's one trading loop, as
     * {@link #metrics(Genome, Range)} runs it. Every signal must be able to enter: on {@code [from, to − 2]}.
     */
    public Metrics metrics(Genome genome, Range range, EntrySchedule entries) {
        check(range);
        if (entries.size() > 0 && (entries.first() < range.from() || entries.last() > range.to() - 2)) {
            throw new IllegalArgumentException("entry signals on candles " + entries.first() + "–" + entries.last()
                    + " outside [" + range.from() + ", " + (range.to() - 2) + "], where a signal can enter the range ["
                    + range.from() + ", " + range.to() + ")");
        }
        return loops.get().run(genome, range, null, entries);
    }

    /** A full backtest with trades and equity curve; its metrics equal {@link #metrics} bit for bit. */
    public BacktestResult run(Genome genome, Range range) {
        check(range);
        TradeLog log = new TradeLog(range);
        Metrics metrics = loops.get().run(genome, range, log, null);
        return log.result(range, metrics, buyAndHold(range));
    }

    /**
     * One record from consecutive segments, each traded by its own genome (or held in cash) starting with the capital
     * the segments before it left: a walk-forward's out-of-sample record. Its metrics are those of the stitched
     * equity curve by the engine's bookkeeping, its buy-and-hold that of holding through all the segments; a single
     * segment gives exactly {@link #run}'s figures. Segments must be non-empty and each start where the previous
     * one ends.
     */
    public BacktestResult stitch(List<Segment> segments) {
        segments.forEach(segment -> check(segment.range()));
        return Stitching.stitch(this, store, segments);
    }

    /**
     * Holding the asset over {@code range}: all the capital buys at the first candle's open (entry slippage and
     * fee as a strategy's entry) and sells at the last candle's close (exit slippage and fee), every figure
     * computed by the same bookkeeping as a strategy's. Cached per range.
     */
    public Metrics buyAndHold(Range range) {
        check(range);
        return buyAndHold.get(range, r -> loops.get().buyAndHold(r));
    }

    /** In-sample and out-of-sample backtests and the result digests (DESIGN §3): what a verification re-runs. */
    public Evaluation evaluate(Genome genome, Split split) {
        int n = dataset.size();
        BacktestResult inSample = run(genome, split.inSample(n));
        BacktestResult outOfSample = run(genome, split.outOfSample(n));
        String tradesDigest = ResultDigest.trades(inSample.range(), inSample.trades(), outOfSample.range(),
                outOfSample.trades());
        String digest = ResultDigest.of(EngineVersion.CURRENT, dataset.id(), split, config, tradesDigest,
                inSample.metrics(), inSample.buyAndHold(), outOfSample.metrics(), outOfSample.buyAndHold());
        return new Evaluation(split, EngineVersion.CURRENT, inSample, outOfSample, tradesDigest, digest);
    }

    /** An indicator's column over the whole dataset (NaN during its warm-up), e.g. to chart it. */
    public IndicatorColumn indicator(Indicator indicator) {
        return store.column(indicator);
    }

    private void check(Range range) {
        if (range.to() > dataset.size()) {
            throw new IllegalArgumentException("range [" + range.from() + ", " + range.to() + ") outside the "
                    + dataset.size() + " candles of dataset " + dataset.id().shortHex());
        }
    }
}
