package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.miner.SearchLimits.Limit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one table of limits: inclusive bounds, NaN refused, messages naming the field, readable ranges. */
class SearchLimitsTest {
    @Test
    void wholeNumberLimitsIncludeBothEnds() {
        assertEquals(4, SearchLimits.POPULATION.check(4));
        assertEquals(10_000, SearchLimits.POPULATION.check(10_000));
        InvalidSearchException low = assertThrows(InvalidSearchException.class, () -> SearchLimits.POPULATION.check(3));
        assertEquals("population: 3 is outside 4–10,000", low.getMessage());
        assertEquals("population", low.field());
        assertEquals(SearchLimits.POPULATION, low.limit().orElseThrow());
        InvalidSearchException high = assertThrows(InvalidSearchException.class,
                () -> SearchLimits.POPULATION.check(10_001));
        assertEquals("population: 10001 is outside 4–10,000", high.getMessage());
    }

    @Test
    void decimalLimitsIncludeBothEndsAndRefuseNaN() {
        assertEquals(0.0, SearchLimits.FEE_PCT.check(0.0));
        assertEquals(5.0, SearchLimits.FEE_PCT.check(5.0));
        assertEquals(2.5, SearchLimits.SLIPPAGE_PCT.check(2.5));
        assertEquals("feePct: 5.0001 is outside 0–5",
                assertThrows(InvalidSearchException.class, () -> SearchLimits.FEE_PCT.check(5.0001)).getMessage());
        assertEquals("feePct: -0.5 is outside 0–5",
                assertThrows(InvalidSearchException.class, () -> SearchLimits.FEE_PCT.check(-0.5)).getMessage());
        InvalidSearchException nan = assertThrows(InvalidSearchException.class,
                () -> SearchLimits.SLIPPAGE_PCT.check(Double.NaN));
        assertEquals("slippagePct", nan.field());
        assertEquals(SearchLimits.SLIPPAGE_PCT, nan.limit().orElseThrow());
    }

    @Test
    void rangesAndDefaultsReadAsPeopleWriteThem() {
        assertEquals("10–100", SearchLimits.SPLIT_PERCENT.range());
        assertEquals("1–100,000", SearchLimits.GENERATIONS.range());
        assertEquals("0–1,000,000", SearchLimits.MIN_TRADES.range());
        assertEquals("1–64", SearchLimits.QUORUM.range());
        assertEquals(new Limit("x", "--x", 0.25, 1.5, 1, false, "").range(), "0.25–1.5");
        assertEquals(70, SearchLimits.SPLIT_PERCENT.defaultInt());
        assertEquals(40, SearchLimits.POPULATION.defaultInt());
        assertEquals(30, SearchLimits.GENERATIONS.defaultInt());
        assertEquals(4, SearchLimits.WORK_UNITS.defaultInt());
        assertEquals(2, SearchLimits.QUORUM.defaultInt());
        assertEquals(List.of("splitPercent", "population", "generations", "minTrades", "workUnits", "quorum", "feePct",
                "slippagePct", "walkForward"), SearchLimits.ALL.stream().map(Limit::field).toList());
    }

    @Test
    void aUnitOfAtMostAMillionBacktestsIsAllowedAndOneMoreIsNot() {
        SearchLimits.checkUnitBacktests(1_000, 1_000);
        SearchLimits.checkUnitBacktests(10_000, 100);
        InvalidSearchException e = assertThrows(InvalidSearchException.class,
                () -> SearchLimits.checkUnitBacktests(1_001, 1_000));
        assertEquals("generations", e.field());
        assertEquals("generations: population 1,001 × generations 1,000 = 1,001,000 backtests per work unit, more"
                + " than 1,000,000; use fewer generations or more work units", e.getMessage());
        assertTrue(e.limit().isEmpty());
        // the product is taken in 64 bits: 65,536 × 65,536 = 2^32 must not wrap around to 0 and pass
        assertThrows(InvalidSearchException.class, () -> SearchLimits.checkUnitBacktests(65_536, 65_536));
    }
}
