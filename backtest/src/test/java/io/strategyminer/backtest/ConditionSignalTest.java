package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.backtest.genome.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ConditionSignalTest {
    private static final double NAN = Double.NaN;

    private static List<Integer> candles(Comparison op, double[] left, double[] right, double threshold) {
        long[] bits = ConditionSignal.compute(op, left, right, threshold);
        List<Integer> out = new ArrayList<>();
        for (int i = Bits.next(bits, 0, left.length); i >= 0; i = Bits.next(bits, i + 1, left.length)) {
            out.add(i);
        }
        return out;
    }

    @Test
    void levelsAreStrictAndFalseOnUndefinedValues() {
        double[] v = {NAN, 1, 2, 3, NAN, 3};
        assertEquals(List.of(3, 5), candles(Comparison.ABOVE, v, null, 2));
        assertEquals(List.of(1), candles(Comparison.BELOW, v, null, 2));
    }

    @Test
    void aCrossingLooksThroughEqualCandlesButNotThroughUndefinedOnes() {
        double[] left = {1, 3, 2, 2, 3, 1, 2, 3, NAN, 3, 1, 3};
        // 0→1 crosses; 2,3 touch 2 and 4 goes back above: no new crossing; 5 below, 6 touches, 7 above: crossing;
        // 8 undefined; 9 above without a known "below" after the NaN: none; 10 below, 11 above: crossing.
        assertEquals(List.of(1, 7, 11), candles(Comparison.CROSSES_ABOVE, left, null, 2));
        assertEquals(List.of(5, 10), candles(Comparison.CROSSES_BELOW, left, null, 2));
    }

    @Test
    void twoIndicatorsCrossLikeAnIndicatorAndAThreshold() {
        double[] fast = {1, 2, 3, 4, 3, 2};
        double[] slow = {2, 2, 2, 3, 3, 3};
        assertEquals(List.of(2), candles(Comparison.CROSSES_ABOVE, fast, slow, 0));
        assertEquals(List.of(5), candles(Comparison.CROSSES_BELOW, fast, slow, 0));
    }

    @Test
    void bitsFindTheNextSetIndexAcrossWordsAndRespectTheUpperBound() {
        long[] bits = Bits.forCandles(300);
        Bits.set(bits, 5);
        Bits.set(bits, 64);
        Bits.set(bits, 299);
        assertEquals(5, Bits.next(bits, 0, 300));
        assertEquals(64, Bits.next(bits, 6, 300));
        assertEquals(299, Bits.next(bits, 65, 300));
        assertEquals(-1, Bits.next(bits, 65, 299));
        assertEquals(-1, Bits.next(bits, 10, 10));
    }

    /** Word-at-a-time evaluation equals the definition applied one candle at a time, on ties, NaN runs and odd sizes. */
    @Property(tries = 300)
    void wordsEqualTheCandleByCandleDefinition(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(400);
        double[] left = column(rng, n);
        double[] right = rng.nextBoolean() ? null : column(rng, n);
        double threshold = rng.nextInt(5);
        for (Comparison op : Comparison.values()) {
            long[] expected = Bits.forCandles(n);
            int relation = 0;
            for (int i = 0; i < n; i++) {
                double l = left[i];
                double r = right == null ? threshold : right[i];
                if (Double.isNaN(l) || Double.isNaN(r)) {
                    relation = 0;
                    continue;
                }
                boolean holds = switch (op) {
                    case ABOVE -> l > r;
                    case BELOW -> l < r;
                    case CROSSES_ABOVE -> l > r && relation < 0;
                    case CROSSES_BELOW -> l < r && relation > 0;
                };
                relation = l > r ? 1 : l < r ? -1 : relation;
                if (holds) {
                    Bits.set(expected, i);
                }
            }
            assertEquals(java.util.Arrays.toString(expected),
                    java.util.Arrays.toString(ConditionSignal.compute(op, left, right, threshold)), op + " seed " + seed);
        }
    }

    /** Values from {0..4} with runs of NaN: many ties and forgotten relations. */
    private static double[] column(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(10) == 0 ? NAN : rng.nextInt(5);
        }
        return v;
    }
}
