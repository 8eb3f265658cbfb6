package io.strategyminer.data.suspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.DatasetId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The repair rule case by case, drop, and what the cleaning record commits the dataset id to. */
class SuspectCleanerTest {
    private static final CandleSeries CALM = Walks.walk(40, 3, 100, 0.002);

    private static SuspectCleaner.Cleaned clean(SuspectPolicy policy, CandleSeries s) {
        return SuspectCleaner.apply(policy, s, SuspectDetector.find(s, i -> "line " + (i + 2)));
    }

    private static CandleValues repaired(CandleSeries s, int i) {
        SuspectCleaner.Cleaned cleaned = clean(SuspectPolicy.REPAIR, s);
        assertEquals(1, cleaned.cleaning().candles().size());
        return CandleValues.of(cleaned.candles(), i);
    }

    @Test
    void impossiblePricesTakeTheNeighbouringCloseAndTheRangeFollows() {
        double prev = CALM.close()[19];
        // The README's example: open = low = 0.06, high 1,185, close 1,178.85 after a close of 1,180.20, scaled.
        CandleSeries tick = Walks.with(CALM, 20, 0.06, prev * 1.004, 0.06, prev * 0.9989, 10);
        assertEquals(new CandleValues(prev, prev * 1.004, prev * 0.9989, prev * 0.9989, 10), repaired(tick, 20));
        CandleSeries zeroClose = Walks.with(CALM, 20, prev, prev * 1.01, prev * 0.99, 0, 10);
        assertEquals(new CandleValues(prev, prev * 1.01, prev * 0.99, prev, 10), repaired(zeroClose, 20));
        CandleSeries highSpike = Walks.with(CALM, 20, prev, prev * 50, prev * 0.99, prev * 1.002, 10);
        assertEquals(new CandleValues(prev, prev * 1.002, prev * 0.99, prev * 1.002, 10), repaired(highSpike, 20),
                "a replaced high is raised to cover open and close");
    }

    @Test
    void anInvertedRangeIsSwappedAndOpenAndCloseAreClamped() {
        double p = CALM.close()[19];
        CandleSeries inverted = Walks.with(CALM, 20, p, p - 1, p + 1, p, 10);
        assertEquals(new CandleValues(p, p + 1, p - 1, p, 10), repaired(inverted, 20));
        CandleSeries openAbove = Walks.with(CALM, 20, p + 2, p + 1, p - 1, p, 10);
        assertEquals(new CandleValues(p + 1, p + 1, p - 1, p, 10), repaired(openAbove, 20));
        CandleSeries closeBelow = Walks.with(CALM, 20, p, p + 1, p - 1, p - 3, 10);
        assertEquals(new CandleValues(p, p + 1, p - 1, p - 1, 10), repaired(closeBelow, 20));
    }

    @Test
    void aBadVolumeTakesTheMedianOfItsNeighbours() {
        double p = CALM.close()[19];
        CandleValues v = repaired(Walks.with(CALM, 20, p, p + 1, p - 1, p, -3), 20);
        assertEquals(SuspectDetector.volumeNorm(CALM, 20), v.volume());
        assertTrue(v.volume() >= 10 && v.volume() <= 20, "the walk's volumes are 10–20: " + v.volume());
    }

    @Test
    void theFirstCandleTakesTheOpenOfTheFirstTrustworthyLaterOne() {
        double p = CALM.open()[1];
        CandleSeries first = Walks.with(CALM, 0, 0, p * 1.001, 0, p, 10);
        assertEquals(p, repaired(first, 0).open());
        CandleSeries allBad = Walks.with(Walks.with(CALM.slice(0, 2), 0, 0, 0, 0, 0, 1), 1, 0, 0, 0, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> clean(SuspectPolicy.REPAIR, allBad));
        assertTrue(e.getMessage().contains("drop the suspects instead"), e.getMessage());
    }

    @Test
    void dropRemovesTheCandlesAndRecordsThem() {
        double p = CALM.close()[19];
        CandleSeries tick = Walks.with(Walks.with(CALM, 20, 0.06, p, 0.06, p, 10), 30, p, p, p, p, -1);
        SuspectCleaner.Cleaned dropped = clean(SuspectPolicy.DROP, tick);
        assertEquals(CALM.size() - 2, dropped.candles().size());
        assertEquals(List.of(tick.time()[20], tick.time()[30]),
                dropped.cleaning().candles().stream().map(CleanedCandle::time).toList());
        assertTrue(dropped.cleaning().candles().stream().allMatch(CleanedCandle::dropped));
        assertEquals("dropped 2 suspect candles", dropped.cleaning().summary());
        assertThrows(IllegalArgumentException.class, () -> clean(SuspectPolicy.REFUSE, tick));
    }

    @Test
    void theIdCoversPolicyTimesKindsAndValuesButNotTheWording() {
        assertArrayEquals(new byte[0], Cleaning.NONE.canonicalBytes());
        assertEquals(DatasetId.of(CALM), DatasetId.of(CALM, Cleaning.NONE));
        double p = CALM.close()[19];
        CandleSeries tick = Walks.with(CALM, 20, 0.06, p, 0.06, p, 10);
        SuspectCleaner.Cleaned repaired = clean(SuspectPolicy.REPAIR, tick);
        CleanedCandle c = repaired.cleaning().candles().get(0);
        DatasetId id = DatasetId.of(repaired.candles(), repaired.cleaning());

        CleanedCandle reworded = new CleanedCandle(c.time(), "candles[20]", c.kinds(), "said otherwise", c.before(),
                c.after());
        assertEquals(id, DatasetId.of(repaired.candles(), new Cleaning(SuspectPolicy.REPAIR, List.of(reworded))));
        CleanedCandle otherBefore = new CleanedCandle(c.time(), c.location(), c.kinds(), c.why(),
                new CandleValues(0.07, p, 0.06, p, 10), c.after());
        assertNotEquals(id, DatasetId.of(repaired.candles(), new Cleaning(SuspectPolicy.REPAIR, List.of(otherBefore))));
        CleanedCandle otherKinds = new CleanedCandle(c.time(), c.location(), List.of(SuspectKind.NON_POSITIVE_PRICE),
                c.why(), c.before(), c.after());
        assertNotEquals(id, DatasetId.of(repaired.candles(), new Cleaning(SuspectPolicy.REPAIR, List.of(otherKinds))));
        CleanedCandle otherTime = new CleanedCandle(c.time() + 300, c.location(), c.kinds(), c.why(), c.before(),
                c.after());
        assertNotEquals(id, DatasetId.of(repaired.candles(), new Cleaning(SuspectPolicy.REPAIR, List.of(otherTime))));
    }

    @Test
    void aCleaningIsConsistentWithItsPolicy() {
        CandleValues v = new CandleValues(1, 1, 1, 1, 1);
        CleanedCandle droppedOne = new CleanedCandle(1, "line 2", List.of(SuspectKind.SPIKE), "why", v, null);
        assertThrows(IllegalArgumentException.class, () -> new Cleaning(SuspectPolicy.REPAIR, List.of(droppedOne)));
        assertThrows(IllegalArgumentException.class, () -> new Cleaning(SuspectPolicy.DROP, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Cleaning(SuspectPolicy.REFUSE, List.of(droppedOne)));
        assertEquals("suspect policy 'keep' is not one of: refuse, drop, repair",
                assertThrows(IllegalArgumentException.class, () -> SuspectPolicy.parse("keep")).getMessage());
        assertEquals(SuspectPolicy.REPAIR, SuspectPolicy.parse(" Repair "));
    }

    /** After drop or repair, the same rules find nothing left to suspect. */
    @Property(tries = 300)
    void nothingSuspectRemainsAfterCleaning(@ForAll @LongRange(min = 0, max = 10_000) long seed,
                                            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 79) Integer> bad,
                                            @ForAll @IntRange(min = -3, max = 3) int exponent) {
        CandleSeries s = Walks.walk(80, seed, 1_000, 0.003);
        for (int i : bad) {
            double p = s.close()[Math.max(0, i - 1)];
            s = Walks.with(s, i, p * StrictMath.pow(10, exponent == 0 ? -4 : exponent), p, p * 0.999, p, 15);
        }
        for (SuspectPolicy policy : List.of(SuspectPolicy.DROP, SuspectPolicy.REPAIR)) {
            CandleSeries cleaned = clean(policy, s).candles();
            assertEquals(List.of(), SuspectDetector.find(cleaned, i -> "x"), policy.label());
        }
    }
}
