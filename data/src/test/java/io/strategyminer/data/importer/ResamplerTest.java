package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Resampling, checked against aggregating the same trades directly. */
class ResamplerTest {
    record Trade(long time, double price, double amount) {
    }

    @Provide
    Arbitrary<List<Trade>> trades() {
        Arbitrary<Trade> trade = Combinators.combine(
                Arbitraries.longs().between(0, 1_800),
                Arbitraries.integers().between(1, 100_000),
                Arbitraries.integers().between(0, 1_000_000)).as((step, cents, micros) ->
                new Trade(step, cents / 100.0, micros / 1e6));
        return trade.list().ofMinSize(1).ofMaxSize(300).map(steps -> {
            // Steps are gaps between trades; accumulating them gives sorted times with clusters and holes.
            long time = 1_700_000_000L;
            List<Trade> sorted = new java.util.ArrayList<>();
            for (Trade t : steps) {
                time += t.time() < 1_200 ? t.time() % 90 : t.time() * 7;
                sorted.add(new Trade(time, t.price(), t.amount()));
            }
            return sorted;
        });
    }

    @Property(tries = 300)
    void resamplingOneMinuteEqualsAggregatingTradesAtTheCoarserTimeframe(
            @ForAll("trades") List<Trade> trades, @ForAll @IntRange(min = 2, max = 60) int factor) {
        CandleSeries direct = aggregate(trades, 60L * factor);
        CandleSeries resampled = Resampler.resample(aggregate(trades, 60), 60, 60L * factor);
        assertSameCandles(direct, resampled);
    }

    @Test
    void bundledOneMinuteResampledIsTheBundledFiveMinute() {
        CandleSeries resampled = Resampler.resample(BundledDatasets.btcUsd1m().candles(), 60, 300);
        assertSameCandles(BundledDatasets.btcUsd5m().candles(), resampled);
    }

    @Test
    void partialBucketsAtTheEdgesAreKept() {
        CandleSeries oneMinute = new CandleSeriesBuilder()
                .add(240, 10, 11, 9, 10.5, 1)     // last minute of bucket [0, 300)
                .add(300, 10.5, 12, 10, 11, 2)    // bucket [300, 600), minutes 0, 1, 4
                .add(360, 11, 11.5, 8, 9, 3)
                .add(540, 9, 9.5, 8.5, 9.25, 4)
                .add(900, 9.25, 9.25, 9.25, 9.25, 0) // after an empty bucket [600, 900)
                .build();
        CandleSeries five = Resampler.resample(oneMinute, 60, 300);
        assertArrayEquals(new long[] {0, 300, 900}, five.time());
        assertArrayEquals(new double[] {10, 10.5, 9.25}, five.open());
        assertArrayEquals(new double[] {11, 12, 9.25}, five.high());
        assertArrayEquals(new double[] {9, 8, 9.25}, five.low());
        assertArrayEquals(new double[] {10.5, 9.25, 9.25}, five.close());
        assertArrayEquals(new double[] {1, 9, 0}, five.volume());
    }

    @Test
    void refusesTargetsThatAreNotMultiplesAndMisalignedCandles() {
        CandleSeries c = new CandleSeriesBuilder().add(0, 1, 1, 1, 1, 1).add(300, 1, 1, 1, 1, 1).build();
        assertEquals("7m candles cannot be made from 5m candles: the timeframe must be a multiple of 5m",
                assertThrows(IllegalArgumentException.class, () -> Resampler.resample(c, 300, 420)).getMessage());
        CandleSeries shifted = new CandleSeriesBuilder().add(3_000, 1, 1, 1, 1, 1).add(6_600, 1, 1, 1, 1, 1).build();
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(shifted, 3_600, 7_200));
        assertEquals(c, Resampler.resample(c, 300, 300));
    }

    private static CandleSeries aggregate(List<Trade> trades, long timeframe) {
        TradeAggregator aggregator = new TradeAggregator(timeframe);
        for (Trade t : trades) {
            aggregator.add(t.time(), t.price(), t.amount());
        }
        return aggregator.finish();
    }

    /**
     * Times and prices exactly; volumes to 1e-12 relative, because a sum of per-minute sums groups the
     * additions differently from one running sum, and floating-point addition is not associative.
     */
    static void assertSameCandles(CandleSeries expected, CandleSeries actual) {
        assertArrayEquals(expected.time(), actual.time());
        assertArrayEquals(expected.open(), actual.open());
        assertArrayEquals(expected.high(), actual.high());
        assertArrayEquals(expected.low(), actual.low());
        assertArrayEquals(expected.close(), actual.close());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.volume()[i], actual.volume()[i], 1e-12 * Math.max(1, expected.volume()[i]), "volume " + i);
        }
    }
}
