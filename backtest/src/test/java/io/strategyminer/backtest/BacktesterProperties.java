package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.indicator.Indicators;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the engine over random GA-like genomes, random ranges and costs, on slices of real
 * data: it equals the slow reference, the fast path equals the full path bit for bit, no decision
 * looks ahead, and the metrics obey their invariants.
 */
class BacktesterProperties {
    /**
     * 12,000 real 5-minute candles (autumn 2011, volatile and flat stretches: 42 days, so ranges both shorter and
     * longer than {@link Metrics#MIN_DAYS}) and 6,000 real 4-hour ones (1,000 days).
     */
    private static final List<Dataset> DATA = List.of(
            slice(SharedData.btc2011(), 10_000, 22_000),
            slice(SharedData.eth4h(), 12_000, 18_000));

    private static Dataset slice(Dataset d, int from, int to) {
        return Dataset.of(d.name() + "[" + from + "," + to + ")", d.symbol(), d.timeframeSeconds(),
                d.candles().slice(from, to));
    }

    /** A random case derived from one seed, so that jqwik's reports can be replayed. */
    private record Case(Dataset dataset, Genome genome, Range range, BacktestConfig config) {
        static Case of(long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            Dataset d = DATA.get(rng.nextInt(DATA.size()));
            int from = rng.nextInt(d.size() / 2);
            int to = from + rng.nextInt(d.size() - from + 1);
            BacktestConfig config = switch (rng.nextInt(3)) {
                case 0 -> BacktestConfig.DEFAULT;
                case 1 -> BacktestConfig.FRICTIONLESS;
                default -> new BacktestConfig(rng.nextInt(50) / 100.0, rng.nextInt(50) / 100.0, 1_000 + rng.nextInt(99_000));
            };
            return new Case(d, new RandomGenomes(rng.nextLong()).any(), new Range(from, to), config);
        }
    }

    @Property(tries = 150)
    void engineEqualsTheSlowReference(@ForAll long seed) {
        Case c = Case.of(seed);
        BacktestResult ours = new Backtester(c.dataset(), c.config()).run(c.genome(), c.range());
        BacktestResult reference = new ReferenceBacktest(c.dataset(), c.config()).run(c.genome(), c.range());
        assertEquals(reference.trades(), ours.trades(), c::toString);
        assertArrayEquals(reference.equity(), ours.equity(), c::toString);
        assertArrayEquals(bits(reference.metrics()), bits(ours.metrics()), c::toString);
        assertArrayEquals(bits(reference.buyAndHold()), bits(ours.buyAndHold()), c::toString);
        // The daily statistics must be compared on many ranges where they are defined, not only NaN with NaN.
        Statistics.label("daily statistics").collect(ours.metrics().hasDailyStatistics() ? "defined" : "undefined");
        Statistics.label("daily statistics").coverage(coverage -> {
            coverage.check("defined").percentage(p -> p >= 25);
            coverage.check("undefined").percentage(p -> p >= 10);
        });
    }

    @Property(tries = 100)
    void buyAndHoldIsTheSameFiguresWhicheverWayItIsAskedFor(@ForAll long seed) {
        Case c = Case.of(seed);
        Backtester backtester = new Backtester(c.dataset(), c.config());
        BacktestResult full = backtester.run(c.genome(), c.range());
        Metrics direct = new Backtester(c.dataset(), c.config()).buyAndHold(c.range());
        assertArrayEquals(bits(direct), bits(full.buyAndHold()), c::toString);
        assertEquals(full.metrics().returnPct() - direct.returnPct(), full.excessReturnPct());
        if (c.range().length() > 0) {
            assertEquals(1, direct.trades(), c::toString);
            assertEquals(100, direct.exposurePct(), c::toString);
        }
    }

    @Property(tries = 150)
    void metricsEqualRunMetricsBitForBit(@ForAll long seed) {
        Case c = Case.of(seed);
        Backtester backtester = new Backtester(c.dataset(), c.config());
        Metrics fast = backtester.metrics(c.genome(), c.range());
        Metrics full = backtester.run(c.genome(), c.range()).metrics();
        assertArrayEquals(bits(full), bits(fast), c::toString);
    }

    @Property(tries = 100)
    void noDecisionDependsOnLaterCandles(@ForAll long seed) {
        Case c = Case.of(seed);
        Range range = new Range(0, c.dataset().size());
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int cut = rng.nextInt(range.to());
        Dataset changed = perturbAfter(c.dataset(), cut, rng);
        BacktestResult before = new Backtester(c.dataset(), c.config()).run(c.genome(), range);
        BacktestResult after = new Backtester(changed, c.config()).run(c.genome(), range);

        // Everything decided and filled by candle `cut` is the same: trades closed by then, the entry
        // of a trade open at `cut`, and the equity at every close up to `cut`.
        List<Trade> closedBefore = before.trades().stream().filter(t -> t.exitIndex() <= cut).toList();
        List<Trade> closedAfter = after.trades().stream().filter(t -> t.exitIndex() <= cut).toList();
        assertEquals(closedBefore, closedAfter, () -> c + " cut at " + cut);
        before.trades().stream().filter(t -> t.entryIndex() <= cut && t.exitIndex() > cut).findFirst()
                .ifPresent(open -> assertTrue(after.trades().stream().anyMatch(t -> t.entryIndex() == open.entryIndex()
                        && t.entryPrice() == open.entryPrice() && t.quantity() == open.quantity()), () -> c + " cut " + cut));
        for (int i = 0; i <= cut; i++) {
            assertEquals(before.equity()[i], after.equity()[i], "equity at " + i + " with cut " + cut);
        }
    }

    @Property(tries = 200)
    void indicatorsOnlyLookBack(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Dataset d = DATA.get(rng.nextInt(DATA.size()));
        IndicatorKind kind = IndicatorKind.values()[rng.nextInt(IndicatorKind.values().length)];
        Indicator indicator = switch (kind.parameterCount()) {
            case 0 -> Indicator.price();
            case 1 -> Indicator.of(kind, 2 + rng.nextInt(199));
            default -> kind.isBollinger() ? Indicator.of(kind, 2 + rng.nextInt(199), 10 + rng.nextInt(31))
                    : kind == IndicatorKind.MACD ? Indicator.of(kind, 5, 30) : Indicator.of(kind, 5, 30, 2 + rng.nextInt(20));
        };
        int cut = rng.nextInt(d.size());
        double[] original = Indicators.compute(indicator, d.candles()).values();
        double[] changed = Indicators.compute(indicator, perturbAfter(d, cut, rng).candles()).values();
        for (int i = 0; i <= cut; i++) {
            assertEquals(Double.doubleToLongBits(original[i]), Double.doubleToLongBits(changed[i]),
                    indicator + " at " + i + " with candles changed after " + cut);
        }
    }

    @Property(tries = 150)
    void metricsRespectTheirInvariants(@ForAll long seed) {
        Case c = Case.of(seed);
        BacktestResult r = new Backtester(c.dataset(), c.config()).run(c.genome(), c.range());
        Metrics m = r.metrics();
        assertTrue(Double.isFinite(m.netPnl()) && Double.isFinite(m.returnPct()), m::toString);
        assertEquals(m.days() < Metrics.MIN_DAYS, Double.isNaN(m.cagrPct()), m::toString);
        boolean undefined = m.days() < Metrics.MIN_DAYS || m.trades() == 0;
        for (double daily : new double[] {m.sharpe(), m.sortino(), m.dailySkewness(), m.dailyKurtosis()}) {
            assertTrue(undefined ? Double.isNaN(daily) : Double.isFinite(daily), m::toString);
        }
        assertEquals(!undefined, m.hasDailyStatistics(), m::toString);
        if (!undefined) {
            assertTrue(m.dailyKurtosis() >= 1, () -> "raw kurtosis is at least 1: " + m);
            assertEquals(m.sharpe() / Math.sqrt(365), m.dailySharpe(), 1e-12 * Math.abs(m.sharpe()), m::toString);
        }
        Range range = c.range();
        long dates = range.length() == 0 ? 0 : IntStream.range(range.from(), range.to())
                .mapToLong(i -> Math.floorDiv(c.dataset().candles().time()[i], 86_400L)).distinct().count();
        assertEquals(dates, m.days(), "one daily return per UTC date the range touches");
        assertTrue(m.winRate() >= 0 && m.winRate() <= 1, m::toString);
        assertTrue(m.maxDrawdownPct() >= 0 && m.maxDrawdownPct() <= 100, m::toString);
        assertTrue(m.exposurePct() >= 0 && m.exposurePct() <= 100, m::toString);
        assertTrue(m.profitFactor() >= 0 && m.profitFactor() <= MetricsAccumulator.RATIO_CAP, m::toString);
        assertEquals(r.trades().size(), m.trades());
        for (double e : r.equity()) {
            assertTrue(e > 0, "equity must stay positive: " + e);
        }
        double last = r.equity().length == 0 ? c.config().initialCapital() : r.equity()[r.equity().length - 1];
        // rounding accrues on the scale of the capital traded, not of what is left (2,342 costly trades can
        // leave 5e-9 of 76,883)
        assertEquals(c.config().initialCapital() + m.netPnl(), last, 1e-9 * c.config().initialCapital());
        double pnl = r.trades().stream().mapToDouble(Trade::pnl).sum();
        assertEquals(m.netPnl(), pnl, 1e-9 * c.config().initialCapital());
        if (m.trades() == 0) {
            double cagr = m.days() < Metrics.MIN_DAYS ? Double.NaN : 0;
            assertEquals(new Metrics(0, 0, cagr, 0, 0, 0, 0, 0, m.days(), Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN), m);
        }
        int previousExit = c.range().from();
        for (Trade t : r.trades()) {
            assertTrue(t.entryIndex() > previousExit || (t == r.trades().get(0) && t.entryIndex() > c.range().from()),
                    () -> "trades overlap or enter without a signal candle: " + r.trades());
            assertTrue(t.exitIndex() >= t.entryIndex() && t.exitIndex() < c.range().to(), t::toString);
            previousExit = t.exitIndex();
        }
    }

    @Property(tries = 100)
    void feesAndSlippageOnlyLowerEachTradesReturn(@ForAll long seed) {
        Case c = Case.of(seed);
        Genome g = c.genome();
        // Without price levels, costs cannot move an exit, so the same trades happen and can be compared.
        Genome signalsOnly = new Genome(g.entry(), g.exit(), 0, 0, 0, g.exit().isEmpty() ? 24 : g.maxBarsHeld(),
                Math.max(RiskLevel.HIGH.minPositionPct(), g.positionPct()), RiskLevel.HIGH);
        BacktestConfig free = BacktestConfig.FRICTIONLESS;
        BacktestConfig costly = new BacktestConfig(Math.max(0.01, c.config().feePct()), Math.max(0.01,
                c.config().slippagePct()), free.initialCapital());
        List<Trade> without = new Backtester(c.dataset(), free).run(signalsOnly, c.range()).trades();
        List<Trade> with = new Backtester(c.dataset(), costly).run(signalsOnly, c.range()).trades();
        assertEquals(without.size(), with.size());
        for (int i = 0; i < with.size(); i++) {
            assertEquals(without.get(i).entryIndex(), with.get(i).entryIndex());
            assertEquals(without.get(i).exitIndex(), with.get(i).exitIndex());
            assertTrue(with.get(i).returnPct() < without.get(i).returnPct(), with.get(i) + " vs " + without.get(i));
        }
        Metrics mWithout = new Backtester(c.dataset(), free).metrics(signalsOnly, c.range());
        Metrics mWith = new Backtester(c.dataset(), costly).metrics(signalsOnly, c.range());
        assertTrue(mWith.netPnl() <= mWithout.netPnl(), mWith + " vs " + mWithout);
    }

    /** Every component of {@code m} as raw bits (ints as they are), found reflectively so none is forgotten. */
    static long[] bits(Metrics m) {
        RecordComponent[] components = Metrics.class.getRecordComponents();
        long[] bits = new long[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value;
            try {
                value = components[i].getAccessor().invoke(m);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            bits[i] = value instanceof Double d ? Double.doubleToLongBits(d) : ((Integer) value).longValue();
        }
        return bits;
    }

    /** The same candles up to {@code cut}; after it every candle rescaled by a random factor and new volumes. */
    static Dataset perturbAfter(Dataset d, int cut, SplittableRandom rng) {
        CandleSeries s = d.candles();
        double[] open = s.open().clone();
        double[] high = s.high().clone();
        double[] low = s.low().clone();
        double[] close = s.close().clone();
        double[] volume = s.volume().clone();
        for (int i = cut + 1; i < s.size(); i++) {
            double f = 0.5 + rng.nextDouble();
            open[i] *= f;
            high[i] *= f;
            low[i] *= f;
            close[i] *= f;
            volume[i] = rng.nextInt(4) == 0 ? 0 : rng.nextDouble() * 100;
        }
        return Dataset.of(d.name() + "~", d.symbol(), d.timeframeSeconds(),
                new CandleSeries(s.time().clone(), open, high, low, close, volume));
    }
}
