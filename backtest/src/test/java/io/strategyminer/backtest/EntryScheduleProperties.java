package io.strategyminer.backtest;

import static io.strategyminer.backtest.BacktesterProperties.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.data.Dataset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Entries on given candles ({@link EntrySchedule}, for the random-entry test) run through the engine's one trading
 * loop: the slow reference with the same schedule gives the same figures, and a genome's own entries as a schedule
 * give exactly its backtest.
 */
class EntryScheduleProperties {
    /** 8,000 real 5-minute candles of autumn 2011 (28 days). */
    private static final Dataset DATA = Dataset.of("btc 2011 slice", "BTC-USD", 300,
            SharedData.btc2011().candles().slice(10_000, 18_000));

    private record Case(Genome genome, Range range, BacktestConfig config, EntrySchedule schedule) {
        static Case of(long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            int from = rng.nextInt(DATA.size() / 2);
            int to = from + 2 + rng.nextInt(DATA.size() - from - 1);
            BacktestConfig config = rng.nextBoolean() ? BacktestConfig.DEFAULT
                    : new BacktestConfig(rng.nextInt(50) / 100.0, rng.nextInt(50) / 100.0, 1_000 + rng.nextInt(99_000));
            int entries = Math.min(rng.nextInt(60), to - 1 - from);
            int[] signals = IntStream.range(from, to - 1).toArray();
            for (int i = 0; i < entries; i++) { // a partial shuffle: the first `entries` are a uniform sample
                int j = i + rng.nextInt(signals.length - i);
                int swap = signals[i];
                signals[i] = signals[j];
                signals[j] = swap;
            }
            EntrySchedule schedule = EntrySchedule.of(IntStream.of(signals).limit(entries).sorted().toArray());
            return new Case(new RandomGenomes(rng.nextLong()).any(), new Range(from, to), config, schedule);
        }
    }

    @Property(tries = 150)
    void scheduledEntriesEqualTheSlowReference(@ForAll long seed) {
        Case c = Case.of(seed);
        Metrics ours = new Backtester(DATA, c.config()).metrics(c.genome(), c.range(), c.schedule());
        BacktestResult reference = new ReferenceBacktest(DATA, c.config()).run(c.genome(), c.range(), c.schedule());
        assertArrayEquals(bits(reference.metrics()), bits(ours), c::toString);
        assertTrue(ours.trades() <= c.schedule().size(), c::toString);
    }

    @Property(tries = 100)
    void aGenomesOwnEntriesAsAScheduleGiveItsBacktest(@ForAll long seed) {
        Case c = Case.of(seed);
        Backtester backtester = new Backtester(DATA, c.config());
        BacktestResult own = backtester.run(c.genome(), c.range());
        EntrySchedule entries = EntrySchedule.of(own.trades().stream().mapToInt(t -> t.entryIndex() - 1).toArray());
        assertArrayEquals(bits(own.metrics()), bits(backtester.metrics(c.genome(), c.range(), entries)), c::toString);
    }

    /** An entry whose signal comes while a position is open waits for the candle that position is sold on. */
    @Example
    void anEntryDuringAPositionWaitsForItsExit() {
        Genome holdTwo = TestCandles.genome(Rule.none(), 0, 0, 0, 2);
        Dataset flat = TestCandles.of(IntStream.range(0, 12).mapToObj(i -> TestCandles.bar(100, 100))
                .toArray(double[][]::new));
        Backtester backtester = new Backtester(flat, BacktestConfig.FRICTIONLESS);
        // signals on 1 and 2: the first enters on 2 and is held through 3's close (2 candles), sold at 4's open;
        // the second enters on 4's close, at 5's open (not on 3, while the first position was open)
        Metrics m = backtester.metrics(holdTwo, new Range(0, 12), EntrySchedule.of(1, 2));
        assertEquals(2, m.trades());
        BacktestResult reference = new ReferenceBacktest(flat, BacktestConfig.FRICTIONLESS)
                .run(holdTwo, new Range(0, 12), EntrySchedule.of(1, 2));
        assertEquals(List.of(2, 5), reference.trades().stream().map(Trade::entryIndex).toList());
        assertArrayEquals(bits(reference.metrics()), bits(m));
    }

    @Example
    void badSchedulesAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EntrySchedule.of(5, 5)).getMessage()
                .contains("strictly increasing"));
        assertThrows(IllegalArgumentException.class, () -> EntrySchedule.of(-1));
        Backtester backtester = new Backtester(DATA, BacktestConfig.DEFAULT);
        Genome genome = new RandomGenomes(1).any();
        String message = assertThrows(IllegalArgumentException.class,
                () -> backtester.metrics(genome, new Range(100, 200), EntrySchedule.of(150, 199))).getMessage();
        assertTrue(message.contains("[100, 198]"), message);
        assertThrows(IllegalArgumentException.class,
                () -> backtester.metrics(genome, new Range(100, 200), EntrySchedule.of(99)));
    }
}
