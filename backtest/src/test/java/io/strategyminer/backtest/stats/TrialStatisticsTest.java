package io.strategyminer.backtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrialStatisticsTest {
    @Test
    void countsEveryGenomeButOnlyDefinedSharpeRatios() {
        TrialStatistics t = TrialStatistics.EMPTY.withTrial(0.1).withTrial(Double.NaN).withTrial(0.2).withTrial(0.4);
        assertEquals(new TrialStatistics(4, 3, 0.1 + 0.2 + 0.4, 0.1 * 0.1 + 0.2 * 0.2 + 0.4 * 0.4), t);
        // 0.1, 0.2, 0.4: mean 0.7/3; sample variance (0.21 − 0.49/3) / 2 = 0.02333…
        assertEquals(0.7 / 3, t.mean(), 1e-15);
        assertEquals(0.07 / 3, t.variance(), 1e-15);
    }

    @Test
    void mergingUnitsInOrderEqualsOneSequence() {
        TrialStatistics first = TrialStatistics.EMPTY.withTrial(0.13).withTrial(-0.07);
        TrialStatistics second = TrialStatistics.EMPTY.withTrial(0.31).withTrial(Double.NaN);
        TrialStatistics sequence = TrialStatistics.EMPTY.withTrial(0.13).withTrial(-0.07).withTrial(0.31)
                .withTrial(Double.NaN);
        assertEquals(sequence, first.plus(second));
        assertEquals(first, first.plus(TrialStatistics.EMPTY));
        assertEquals(first, TrialStatistics.EMPTY.plus(first));
    }

    @Test
    void fewerThanTwoSharpeRatiosHaveNoVariance() {
        assertEquals(Double.NaN, TrialStatistics.EMPTY.variance());
        assertEquals(Double.NaN, TrialStatistics.EMPTY.mean());
        assertEquals(Double.NaN, TrialStatistics.EMPTY.withTrial(0.3).withTrial(Double.NaN).variance());
        assertEquals(0, TrialStatistics.EMPTY.withTrial(0.1).withTrial(0.1).variance(), "never below zero");
    }

    @Test
    void inconsistentStatisticsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TrialStatistics(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrialStatistics(2, 3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrialStatistics(2, -1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrialStatistics(2, 2, Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrialStatistics(2, 2, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new TrialStatistics(2, 2, 0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new TrialStatistics(2, 0, 0.5, 0.25));
    }
}
