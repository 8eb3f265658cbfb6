package io.strategyminer.data.importer;

import static io.strategyminer.data.importer.ImportFixtures.read;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.strategyminer.data.CandleSeries;

/** Trades aggregated into candles: a hand-computed example, the rules, and the bad cases. */
class TradesTest {
    // 2024-01-01T00:00:00Z = 1704067200. Trades in minutes 0, 0, 0, 1, 3 (minute 2 has none).
    private static final String TRADES = "timestamp,price,amount\n"
            + "1704067201,100.0,0.5\n"
            + "1704067230,102.5,0.25\n"
            + "1704067259,99.0,1.0\n"
            + "1704067260,101.0,2.0\n"
            + "1704067380,98.5,0.125\n";

    @Test
    void oneMinuteCandlesByHand() throws IOException {
        ImportResult result = read(TRADES, ImportOptions.auto().withTimeframe(60));
        assertEquals(ImportFormat.TRADES_CSV, result.format(), "detected from the price column");
        CandleSeries c = result.candles();
        assertArrayEquals(new long[] {1_704_067_200L, 1_704_067_260L, 1_704_067_380L}, c.time());
        assertArrayEquals(new double[] {100.0, 101.0, 98.5}, c.open());
        assertArrayEquals(new double[] {102.5, 101.0, 98.5}, c.high());
        assertArrayEquals(new double[] {99.0, 101.0, 98.5}, c.low());
        assertArrayEquals(new double[] {99.0, 101.0, 98.5}, c.close());
        assertArrayEquals(new double[] {1.75, 2.0, 0.125}, c.volume());
        assertEquals(1, result.gaps().count(), "minute 2 had no trade: a gap, not an invented candle");
        assertEquals(1, result.gaps().missingCandles());
    }

    @Test
    void fiveMinuteCandlesByDefaultAlignedToTheEpoch() throws IOException {
        ImportResult result = read("time,price,qty\n1704067499,10,1\n1704067500,11,2\n1704067799,9,3\n");
        assertEquals(300, result.timeframeSeconds());
        CandleSeries c = result.candles();
        assertArrayEquals(new long[] {1_704_067_200L, 1_704_067_500L}, c.time());
        assertArrayEquals(new double[] {10, 11}, c.open());
        assertArrayEquals(new double[] {10, 9}, c.close());
        assertArrayEquals(new double[] {10, 11}, c.high());
        assertArrayEquals(new double[] {10, 9}, c.low());
        assertArrayEquals(new double[] {1, 5}, c.volume());
    }

    @Test
    void millisecondTradeTimesAndAVolumeColumnAreAccepted() throws IOException {
        String trades = "time,price,volume\n1704067201500,100,1\n1704067202250,101,1\n";
        ImportResult result = read(trades, ImportOptions.auto().withFormat(ImportFormat.TRADES_CSV).withTimeframe(60));
        assertEquals(1, result.candles().size());
        assertEquals(2.0, result.candles().volume()[0]);
        assertEquals(101.0, result.candles().close()[0]);
    }

    @Test
    void badTradesAreRefused() {
        InvalidCandleDataException e = ValidationTest.rejected("timestamp,price,amount\n1704067260,1,1\n1704067200,1,1\n"
                + "1704067300,0,1\n1704067301,1,-2\n");
        assertEquals(3, e.totalProblems(), e.getMessage());
        assertEquals("line 3", e.problems().get(0).location());
        assertEquals("2024-01-01T00:00:00Z is earlier than the trade on line 2 (2024-01-01T00:01:00Z): trades must be"
                + " oldest first", e.problems().get(0).reason());
        assertEquals("price 0.0 is not positive", e.problems().get(1).reason());
        assertEquals("amount -2.0 is negative", e.problems().get(2).reason());

        assertEquals("missing column amount (header: timestamp,price)",
                ValidationTest.rejected("timestamp,price\n1,1\n", ImportOptions.auto().withFormat(ImportFormat.TRADES_CSV))
                        .problems().get(0).reason());
        assertEquals("no trades in the file", ValidationTest.rejected("timestamp,price,amount\n").problems().get(0).reason());
    }

    @Test
    void theAggregatorRefusesWhatTheReaderWouldReport() {
        TradeAggregator aggregator = new TradeAggregator(60);
        aggregator.add(120, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> aggregator.add(119, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> aggregator.add(121, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> aggregator.add(121, 1, -1));
        assertEquals(1, aggregator.finish().size());
        assertThrows(IllegalStateException.class, () -> aggregator.add(180, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TradeAggregator(0));
    }
}
