package io.strategyminer.backtest;

import static io.strategyminer.backtest.BacktesterProperties.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A walk-forward's stitched record ({@link Backtester#stitch}): one segment is exactly an ordinary backtest, several
 * are backtests chained by capital whose figures are those of the stitched equity curve by first principles, and a
 * segment without a strategy holds cash.
 */
class StitchingProperties {
    /** 12,000 real 5-minute candles: 42 days, so stitched records both shorter and longer than a month. */
    private static final Dataset DATA = Dataset.of("btc-2011-slice", "BTC-USD", 300,
            SharedData.btc2011().candles().slice(10_000, 22_000));

    @Property(tries = 60)
    void oneSegmentIsExactlyAnOrdinaryBacktest(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Genome genome = new RandomGenomes(rng.nextLong()).any();
        int from = rng.nextInt(DATA.size() / 2);
        Range range = new Range(from, from + 1 + rng.nextInt(DATA.size() - from));
        Backtester backtester = new Backtester(DATA, BacktestConfig.DEFAULT);
        BacktestResult single = backtester.run(genome, range);
        BacktestResult stitched = backtester.stitch(List.of(new Segment(Optional.of(genome), range)));
        assertEquals(single.trades(), stitched.trades());
        assertArrayEquals(single.equity(), stitched.equity());
        assertArrayEquals(bits(single.metrics()), bits(stitched.metrics()), "the engine's own figures, bit for bit");
        assertArrayEquals(bits(single.buyAndHold()), bits(stitched.buyAndHold()));
    }

    @Property(tries = 60)
    void segmentsChainTheirCapitalAndTheWholeIsMeasuredLikeAnyEquityCurve(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int cuts = 1 + rng.nextInt(6);
        int from = rng.nextInt(DATA.size() / 4);
        List<Integer> bounds = new ArrayList<>(List.of(from));
        for (int i = 0; i < cuts; i++) {
            int previous = bounds.get(bounds.size() - 1);
            bounds.add(previous + 2 + rng.nextInt((DATA.size() - previous - 2) / (cuts - i)));
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 1; i < bounds.size(); i++) {
            // now and then a window with no strategy: the account stays in cash through it
            Optional<Genome> genome = rng.nextInt(5) == 0 ? Optional.empty()
                    : Optional.of(new RandomGenomes(rng.nextLong()).any());
            segments.add(new Segment(genome, new Range(bounds.get(i - 1), bounds.get(i))));
        }
        BacktestConfig config = new BacktestConfig(0.1, 0.05, 1_000 + rng.nextInt(99_000));
        Backtester backtester = new Backtester(DATA, config);
        BacktestResult stitched = backtester.stitch(segments);

        double capital = config.initialCapital();
        int at = 0;
        List<Trade> trades = new ArrayList<>();
        for (Segment segment : segments) {
            Range range = segment.range();
            double[] expected;
            if (segment.genome().isPresent()) {
                BacktestResult alone = new Backtester(DATA, new BacktestConfig(0.1, 0.05, capital))
                        .run(segment.genome().get(), range);
                expected = alone.equity();
                trades.addAll(alone.trades());
            } else {
                expected = new double[range.length()];
                java.util.Arrays.fill(expected, capital);
            }
            for (int k = 0; k < range.length(); k++) {
                assertEquals(expected[k], stitched.equity()[at + k], "candle " + (range.from() + k));
            }
            at += range.length();
            capital = expected[expected.length - 1];
        }
        Range whole = new Range(bounds.get(0), bounds.get(bounds.size() - 1));
        assertEquals(whole, stitched.range());
        assertEquals(trades, stitched.trades());
        Metrics reference = new ReferenceBacktest(DATA, config).metrics(stitched.equity(), trades, whole);
        assertArrayEquals(bits(reference), bits(stitched.metrics()), "figures of the stitched curve");
        assertArrayEquals(bits(backtester.buyAndHold(whole)), bits(stitched.buyAndHold()),
                "buy-and-hold through every segment");
    }

    @Test
    void segmentsMustFollowEachOtherWithoutGapOrOverlap() {
        Backtester backtester = new Backtester(DATA, BacktestConfig.DEFAULT);
        Optional<Genome> cash = Optional.empty();
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> backtester.stitch(List.of(
                new Segment(cash, new Range(0, 100)), new Segment(cash, new Range(101, 200)))));
        assertEquals("segment 1 starts at candle 101, not where segment 0 ends (100)", gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backtester.stitch(List.of()));
        assertThrows(IllegalArgumentException.class, () -> backtester.stitch(List.of(
                new Segment(cash, new Range(0, 0)))));
        assertThrows(IllegalArgumentException.class, () -> backtester.stitch(List.of(
                new Segment(cash, new Range(0, DATA.size() + 1)))));
    }
}
