package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

/**
 * An indicator's neighbours on its parameter ladders: one or two rungs either way, clamped at the ends, and a
 * hand-written parameter off the ladder first snapped to its nearest rung (the lower one on a tie).
 */
class GeneSpaceTest {
    private static final int DRAWS = 1_000;

    @Test
    void onlyThePriceHasNoParameterToMove() {
        assertFalse(GeneSpace.hasParameters(IndicatorKind.PRICE));
        for (IndicatorKind kind : IndicatorKind.values()) {
            if (kind != IndicatorKind.PRICE) {
                assertTrue(GeneSpace.hasParameters(kind), kind.name());
            }
        }
    }

    @Test
    void thePriceIsItsOwnNeighbour() {
        Indicator price = Indicator.price();
        assertSame(price, GeneSpace.neighbour(price, Xoshiro256.seeded(1)));
    }

    @Test
    void aPeriodOnTheLadderMovesOneOrTwoRungs() {
        // ladder 5, 7, 9, 10, 12, 14, 20, 21, 26, 30, 50, 100, 200
        assertEquals(Set.of(12, 14, 21, 26), periodsNextTo(20));
        assertEquals(Set.of(5, 7, 9), periodsNextTo(5), "the bottom rung can only go up (or stay, clamped)");
        assertEquals(Set.of(50, 100, 200), periodsNextTo(200), "the top rung can only go down (or stay, clamped)");
    }

    @Test
    void aPeriodOffTheLadderFirstSnapsToTheNearestRung() {
        assertEquals(Set.of(10, 12, 20, 21), periodsNextTo(16), "16 is nearest to 14");
        assertEquals(Set.of(9, 10, 14, 20), periodsNextTo(13), "13 is as near 12 as 14: the lower rung wins");
        assertEquals(Set.of(5, 7, 9), periodsNextTo(2), "below the ladder: its first rung");
        assertEquals(Set.of(50, 100, 200), periodsNextTo(160), "160 is nearest to the last rung");
        assertEquals(Set.of(26, 30, 100, 200), periodsNextTo(60), "60 is nearest to 50");
    }

    @Test
    void aBollingerBandMovesItsPeriodOrItsWidth() {
        // periods 10, 14, 20, 30, 50; widths 15, 20, 25, 30 tenths of σ
        Indicator band = Indicator.of(IndicatorKind.BB_UPPER, 20, 20);
        Set<String> moved = new TreeSet<>();
        Xoshiro256 rng = Xoshiro256.seeded(2);
        for (int i = 0; i < DRAWS; i++) {
            Indicator n = GeneSpace.neighbour(band, rng);
            assertEquals(IndicatorKind.BB_UPPER, n.kind());
            assertTrue(n.p1() == 20 || n.p2() == 20, "both parameters moved: " + n);
            moved.add(n.p1() + "/" + n.p2());
        }
        assertEquals(Set.of("10/20", "14/20", "30/20", "50/20", "20/15", "20/25", "20/30"), moved);
    }

    @Test
    void aMacdMovesOneOfItsThreeParametersOnItsOwnLadder() {
        Indicator signal = Indicator.of(IndicatorKind.MACD_SIGNAL, 9, 26, 5);
        Set<Integer> fast = new TreeSet<>();
        Set<Integer> slow = new TreeSet<>();
        Set<Integer> smoothing = new TreeSet<>();
        Xoshiro256 rng = Xoshiro256.seeded(3);
        for (int i = 0; i < DRAWS; i++) {
            Indicator n = GeneSpace.neighbour(signal, rng);
            fast.add(n.p1());
            slow.add(n.p2());
            smoothing.add(n.p3());
        }
        assertEquals(Set.of(5, 9, 12), fast);
        assertEquals(Set.of(21, 26, 50), slow);
        assertEquals(Set.of(5, 9), smoothing);
    }

    private static Set<Integer> periodsNextTo(int period) {
        return moved(Indicator.of(IndicatorKind.SMA, period), Indicator::p1);
    }

    private static Set<Integer> moved(Indicator indicator, ToIntFunction<Indicator> parameter) {
        Set<Integer> seen = new TreeSet<>();
        Xoshiro256 rng = Xoshiro256.seeded(indicator.hashCode());
        for (int i = 0; i < DRAWS; i++) {
            Indicator n = GeneSpace.neighbour(indicator, rng);
            assertEquals(indicator.kind(), n.kind());
            seen.add(parameter.applyAsInt(n));
        }
        return seen;
    }
}
