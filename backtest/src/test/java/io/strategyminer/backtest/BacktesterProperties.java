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
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties of the engine over random GA-like genomes, random ranges and costs, on slices of real
 * data: it equals the slow reference, the fast path equals the full path bit for bit, no decision
 * looks ahead, and the metrics obey their invariants.
 */
class BacktesterProperties {
    /** 6,000 real 5-minute candles (autumn 2011, volatile and flat stretches) and 6,000 real 4-hour ones. */
    private static final List<Dataset> DATA = List.of(
            slice(SharedData.btc2011(), 10_000, 16_000),
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
        assertEquals(reference.metrics(), ours.metrics(), c::toString);
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
        for (long bits : bits(m)) {
            assertTrue(Double.isFinite(Double.longBitsToDouble(bits)) || bits == m.trades(), () -> "not finite: " + m);
        }
        assertTrue(m.winRate() >= 0 && m.winRate() <= 1, m::toString);
        assertTrue(m.maxDrawdownPct() >= 0 && m.maxDrawdownPct() <= 100, m::toString);
        assertTrue(m.exposurePct() >= 0 && m.exposurePct() <= 100, m::toString);
        assertTrue(m.profitFactor() >= 0 && m.profitFactor() <= MetricsAccumulator.RATIO_CAP, m::toString);
        assertEquals(r.trades().size(), m.trades());
        for (double e : r.equity()) {
            assertTrue(e > 0, "equity must stay positive: " + e);
        }
        double last = r.equity().length == 0 ? c.config().initialCapital() : r.equity()[r.equity().length - 1];
        assertEquals(c.config().initialCapital() + m.netPnl(), last, 1e-9 * last);
        double pnl = r.trades().stream().mapToDouble(Trade::pnl).sum();
        assertEquals(m.netPnl(), pnl, 1e-9 * c.config().initialCapital());
        if (m.trades() == 0) {
            assertEquals(new Metrics(0, 0, 0, 0, 0, 0, 0, 0, 0), m);
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

    static long[] bits(Metrics m) {
        return new long[] {Double.doubleToLongBits(m.netPnl()), Double.doubleToLongBits(m.returnPct()), m.trades(),
                Double.doubleToLongBits(m.winRate()), Double.doubleToLongBits(m.sharpe()),
                Double.doubleToLongBits(m.sortino()), Double.doubleToLongBits(m.maxDrawdownPct()),
                Double.doubleToLongBits(m.profitFactor()), Double.doubleToLongBits(m.exposurePct())};
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
