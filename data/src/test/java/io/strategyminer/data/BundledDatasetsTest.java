package io.strategyminer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The default datasets, built from the trades in org.ta4j:ta4j-examples. */
class BundledDatasetsTest {
    @Test
    void fiveMinuteCandlesOfTheBundledTrades() {
        Dataset d = BundledDatasets.btcUsd5m();
        assertEquals("bundled-btcusd-5m", d.name());
        assertEquals("BTC-USD", d.symbol());
        assertEquals(300, d.timeframeSeconds());
        // 1,917 distinct 5-minute buckets among the 100,000 trades (counted with awk over the file).
        assertEquals(1_917, d.size());
        assertEquals(1_385_337_600L, d.candles().time()[0], "2013-11-25T00:00:00Z");
        assertEquals(800.01, d.candles().open()[0], "the first trade's price");
        assertEquals(1_385_913_600L, d.candles().time()[d.size() - 1]);
        assertEquals(999.0, d.candles().close()[d.size() - 1], "the last trade's price");
        assertSame(d, BundledDatasets.btcUsd5m(), "built once");
    }

    @Test
    void oneMinuteCandlesOfTheBundledTrades() {
        Dataset d = BundledDatasets.btcUsd1m();
        assertEquals("bundled-btcusd-1m", d.name());
        assertEquals(60, d.timeframeSeconds());
        assertEquals(9_399, d.size());
        for (int i = 1; i < d.size(); i++) {
            assertTrue(d.candles().time()[i] > d.candles().time()[i - 1]);
            assertEquals(0, d.candles().time()[i] % 60);
        }
    }

    /**
     * Every peer must derive the same ids from the same jar, or a search on "the default dataset" would
     * mean different candles on different machines. A change here is a change of the canonical data.
     */
    @Test
    void idsArePinned() {
        assertEquals("04f40eae92855ac7d913ac067625ced03a2e13a8851b33f62e989763189827ba", BundledDatasets.btcUsd1m().id().hex());
        assertEquals("b2ef7c0c688de797c9395b83259b5557636804ee309209edfa96200d747fa31b", BundledDatasets.btcUsd5m().id().hex());
    }

    @Test
    void lookUpByName() {
        assertEquals(List.of(BundledDatasets.btcUsd1m(), BundledDatasets.btcUsd5m()), BundledDatasets.all());
        assertEquals(Optional.of(BundledDatasets.btcUsd5m()), BundledDatasets.byName(BundledDatasets.BTC_USD_5M));
        assertEquals(Optional.empty(), BundledDatasets.byName("nope"));
    }
}
