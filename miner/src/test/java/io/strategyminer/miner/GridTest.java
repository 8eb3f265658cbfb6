package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A numeric gene's grid, hand-worked on steps of 0.25 (1/4) from 2 to 12 (0.5 to 3.0). */
class GridTest {
    private static final Grid QUARTERS = new Grid(1, 4, 2, 12, 4, 8);

    @Test
    void valuesAreOneDivisionOfTwoIntegers() {
        assertEquals(0.5, QUARTERS.value(2));
        assertEquals(3.0, QUARTERS.value(12));
        assertEquals(0.3, Grid.of(3, 10, 1, 10).value(1)); // 3/10, not 0.1 * 3 = 0.30000000000000004
        assertEquals(0.9, Grid.of(3, 10, 1, 10).value(3));
    }

    @Test
    void theNearestStepIsClampedIntoTheGrid() {
        assertEquals(5, QUARTERS.step(1.25));
        assertEquals(5, QUARTERS.step(1.3)); // 5.2 steps
        assertEquals(6, QUARTERS.step(1.4)); // 5.6 steps
        assertEquals(2, QUARTERS.step(0.1));
        assertEquals(12, QUARTERS.step(99));
    }

    @Test
    void belowAndAboveAreStrictlyTheNeighbouringGridValues() {
        assertEquals(OptionalDouble.of(1.0), QUARTERS.below(1.25));
        assertEquals(OptionalDouble.of(1.5), QUARTERS.above(1.25));
        assertEquals(OptionalDouble.of(1.25), QUARTERS.below(1.3)); // off the grid: the step itself is below
        assertEquals(OptionalDouble.of(1.5), QUARTERS.above(1.3));
        assertEquals(OptionalDouble.of(1.25), QUARTERS.below(1.4)); // nearest step 1.5 is above it
        assertEquals(OptionalDouble.of(1.5), QUARTERS.above(1.4));
        assertEquals(OptionalDouble.empty(), QUARTERS.below(0.5));
        assertEquals(OptionalDouble.of(0.75), QUARTERS.above(0.5));
        assertEquals(OptionalDouble.empty(), QUARTERS.above(3.0));
        assertEquals(OptionalDouble.of(2.75), QUARTERS.below(3.0));
    }

    @Test
    void withinKeepsTheStepsInsideTheBoundsAndToleratesRounding() {
        Grid g = Grid.within(1, 10, 0.5, 3);
        assertEquals(new Grid(1, 10, 5, 30, 5, 30), g);
        // 0.3 / 0.1 = 2.9999999999999996 and 0.7 / 0.1 = 6.999999999999999: still steps 3 and 7
        assertEquals(new Grid(1, 10, 3, 7, 3, 7), Grid.within(1, 10, 0.3, 0.7));
        assertEquals(new Grid(1, 4, 3, 11, 3, 11), Grid.within(1, 4, 0.6, 2.9));
    }

    @Test
    void freshSamplesStayInTheSamplingRangeAndReachBothEnds() {
        Xoshiro256 rng = Xoshiro256.seeded(11);
        TreeSet<Double> seen = new TreeSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(QUARTERS.sample(rng));
        }
        assertEquals(new TreeSet<>(List.of(1.0, 1.25, 1.5, 1.75, 2.0)), seen);
    }

    @Test
    void aNudgeMovesOneToMaxStepsEitherWayAndStopsAtTheBounds() {
        Xoshiro256 rng = Xoshiro256.seeded(3);
        TreeSet<Double> moves = new TreeSet<>();
        for (int i = 0; i < 500; i++) {
            double moved = QUARTERS.nudge(1.5, 2, rng);
            moves.add(moved);
        }
        assertEquals(new TreeSet<>(List.of(1.0, 1.25, 1.75, 2.0)), moves);
        for (int i = 0; i < 200; i++) {
            double moved = QUARTERS.nudge(0.5, 3, rng);
            assertTrue(moved >= 0.5 && moved <= 1.25, "nudged off the grid: " + moved);
        }
        for (int i = 0; i < 200; i++) {
            double moved = QUARTERS.nudge(3.0, 3, rng);
            assertTrue(moved >= 2.25 && moved <= 3.0, "nudged off the grid: " + moved);
        }
    }

    @Test
    void aNudgeDrawsItsDistanceFirstAndGoesUpOnHeads() {
        // the documented draws: a distance in [1, maxSteps], then a fair coin, heads (true) up
        Xoshiro256 rng = Xoshiro256.seeded(21);
        Xoshiro256 twin = Xoshiro256.seeded(21);
        int ups = 0;
        for (int i = 0; i < 100; i++) {
            int delta = twin.nextInt(1, 2);
            boolean up = twin.chance(0.5);
            ups += up ? 1 : 0;
            assertEquals(QUARTERS.value(6 + (up ? delta : -delta)), QUARTERS.nudge(1.5, 2, rng), "draw " + i);
        }
        assertTrue(ups > 20 && ups < 80, ups + " of 100 up");
    }

    @Test
    void anInconsistentGridIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Grid(0, 4, 2, 12, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> new Grid(1, 0, 2, 12, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> new Grid(1, 4, 13, 12, 12, 12));
        assertThrows(IllegalArgumentException.class, () -> new Grid(1, 4, 2, 12, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> new Grid(1, 4, 2, 12, 4, 13));
        assertEquals("inconsistent grid 1/4 [2, 12] sampling [9, 8]",
                assertThrows(IllegalArgumentException.class, () -> new Grid(1, 4, 2, 12, 9, 8)).getMessage());
        new Grid(1, 4, 2, 2, 2, 2); // a single step is a grid
    }
}
