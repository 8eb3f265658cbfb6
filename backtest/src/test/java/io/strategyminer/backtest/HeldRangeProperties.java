package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The per-trade shortcuts against a plain visit of every candle, on adversarial prices: few distinct values (many
 * ties, flat stretches, equal lows and highs), and positions whose equity rounds distinct closes to the same value
 * (a large cash rest beside a tiny quantity). The exit search must find the candle, reason and level a candle loop
 * finds; the held-range bookkeeping must give the drawdown and equity of a per-candle equity curve, bit for bit.
 */
class HeldRangeProperties {
    private static final int CANDLES = 3_000;

    /** A random walk over a coarse price grid with plateaus: ties everywhere. */
    private static Dataset market(SplittableRandom rng) {
        long[] time = new long[CANDLES];
        double[] open = new double[CANDLES];
        double[] high = new double[CANDLES];
        double[] low = new double[CANDLES];
        double[] close = new double[CANDLES];
        double[] volume = new double[CANDLES];
        double tick = rng.nextBoolean() ? 0.5 : 0.01;
        double price = 100;
        for (int i = 0; i < CANDLES; i++) {
            time[i] = 1_700_000_000L + 300L * i;
            open[i] = price;
            if (rng.nextInt(3) > 0) {
                price = Math.max(tick, price + tick * (rng.nextInt(7) - 3));
            }
            close[i] = price;
            high[i] = Math.max(open[i], close[i]) + tick * rng.nextInt(3);
            low[i] = Math.max(tick / 2, Math.min(open[i], close[i]) - tick * rng.nextInt(3));
            volume[i] = 1;
        }
        return Dataset.of("ties", "TEST-USD", 300, new CandleSeries(time, open, high, low, close, volume));
    }

    @Property(tries = 200)
    void exitSearchFindsWhatACandleLoopFinds(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Dataset d = market(rng);
        CandleSeries c = d.candles();
        ExitSearch search = new ExitSearch(c, new ExtremeLinks(c));
        for (int q = 0; q < 200; q++) {
            int first = rng.nextInt(CANDLES);
            int last = first + rng.nextInt(CANDLES - first);
            double fill = c.open()[first];
            double stop = rng.nextInt(4) == 0 ? Double.NEGATIVE_INFINITY : fill * (100 - rng.nextInt(20) / 2.0) / 100;
            double target = rng.nextInt(4) == 0 ? Double.POSITIVE_INFINITY : fill * (100 + rng.nextInt(20) / 2.0) / 100;
            double trailRatio = (100 - (1 + rng.nextInt(20)) / 2.0) / 100;
            boolean trailing = rng.nextBoolean();
            int found = trailing ? search.trailing(first, last, fill, stop, target, trailRatio)
                    : search.fixed(first, last, stop, target);
            CandleLoops.Exit expected = CandleLoops.exit(c, first, last, fill, stop, target, trailing ? trailRatio : 0);
            String what = (trailing ? "trailing " : "fixed ") + first + ".." + last + " stop " + stop + " target " + target;
            assertEquals(expected.index(), found, what);
            if (found >= 0) {
                assertEquals(expected.reason(), search.reason(), what);
                assertEquals(Double.doubleToLongBits(expected.level()), Double.doubleToLongBits(search.level()), what);
            }
            Statistics.label("exit").collect(found < 0 ? "none" : search.reason());
        }
    }

    @Property(tries = 300)
    void heldRangesGiveThePerCandleDrawdownAndEquity(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Dataset d = market(rng);
        CandleSeries c = d.candles();
        MetricsAccumulator accumulator = new MetricsAccumulator(new TradingDays(d), new ExtremeLinks(c), c.close());
        Range range = new Range(rng.nextInt(CANDLES / 4), CANDLES - rng.nextInt(CANDLES / 4));
        double capital = 10_000;
        accumulator.start(capital, range);
        double[] equity = new double[range.length()];
        double cash = capital;
        int k = range.from();
        while (true) {
            int entry = k + 1 + rng.nextInt(rng.nextBoolean() ? 5 : 300);
            int exit = entry + rng.nextInt(rng.nextBoolean() ? 4 : 800);
            if (exit >= range.to()) {
                break;
            }
            for (int i = k; i < entry; i++) {
                equity[i - range.from()] = cash;
            }
            // Sometimes a tiny position beside a large rest: distinct closes then round to equal equities.
            double share = rng.nextInt(3) == 0 ? 1e-9 * (1 + rng.nextInt(1000)) : (1 + rng.nextInt(100)) / 100.0;
            double cost = cash * share;
            double quantity = cost / c.open()[entry];
            double rest = cash - cost;
            accumulator.hold(rest, quantity, entry, exit - 1);
            for (int i = entry; i < exit; i++) {
                equity[i - range.from()] = rest + quantity * c.close()[i];
            }
            double after = rest + quantity * c.open()[exit] * (1 - rng.nextInt(5) / 1000.0);
            accumulator.mark(exit, after);
            accumulator.trade(after - cash, exit - entry);
            equity[exit - range.from()] = after;
            cash = after;
            k = exit + 1;
        }
        for (int i = k; i < range.to(); i++) {
            equity[i - range.from()] = cash;
        }
        Metrics m = accumulator.finish();
        double drawdown = CandleLoops.maxDrawdown(capital, equity);
        assertEquals(Double.doubleToLongBits(drawdown * 100), Double.doubleToLongBits(m.maxDrawdownPct()),
                () -> "seed " + seed);
        assertEquals(Double.doubleToLongBits(cash - capital), Double.doubleToLongBits(m.netPnl()), () -> "seed " + seed);
    }
}
