package io.strategyminer.backtest.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.strategyminer.backtest.SharedData;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.indicator.IndicatorColumn;
import io.strategyminer.backtest.indicator.Indicators;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.BarSeries;

/**
 * Every indicator equals ta4j 0.17's (DoubleNum) within 1e-9 relative on real data, from the end of
 * our warm-up on. Where ta4j is undefined (a division by zero) ours must be NaN too, and the other way
 * round except on flat windows (see {@link #flatWindowDeviation}).
 */
class IndicatorOracleTest {
    private static final double TOLERANCE = 1e-9;

    static List<Indicator> indicators() {
        List<Indicator> list = new ArrayList<>();
        list.add(Indicator.price());
        for (int p : new int[] {2, 14, 50, 200}) {
            for (IndicatorKind kind : List.of(IndicatorKind.SMA, IndicatorKind.EMA, IndicatorKind.RSI,
                    IndicatorKind.ATR, IndicatorKind.ROC, IndicatorKind.STOCH_K, IndicatorKind.VOLUME_RATIO)) {
                list.add(Indicator.of(kind, p));
            }
            for (int width : new int[] {10, 20, 25, 40}) {
                list.add(Indicator.of(IndicatorKind.BB_UPPER, p, width));
                list.add(Indicator.of(IndicatorKind.BB_LOWER, p, width));
                list.add(Indicator.of(IndicatorKind.BB_PCTB, p, width));
            }
        }
        for (int[] m : new int[][] {{12, 26, 9}, {2, 3, 2}, {50, 200, 30}, {5, 35, 5}}) {
            list.add(Indicator.of(IndicatorKind.MACD, m[0], m[1]));
            list.add(Indicator.of(IndicatorKind.MACD_SIGNAL, m[0], m[1], m[2]));
            list.add(Indicator.of(IndicatorKind.MACD_HIST, m[0], m[1], m[2]));
        }
        return list;
    }

    static Stream<Arguments> cases() {
        return Stream.of(SharedData.BTC_2011_5M, SharedData.ETH_4H)
                .flatMap(file -> indicators().stream().map(ind -> Arguments.of(file, ind)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void matchesTa4j(String file, Indicator indicator) {
        Dataset dataset = SharedData.load(file);
        BarSeries series = SeriesCache.of(dataset);
        double[] expected = Ta4jSeries.values(Ta4jSeries.indicator(series, indicator), dataset.size());
        IndicatorColumn ours = Indicators.compute(indicator, dataset.candles());

        assertEquals(Math.min(Indicators.warmUp(indicator), dataset.size()), ours.firstValid());
        for (int i = 0; i < ours.firstValid(); i++) {
            assertTrue(Double.isNaN(ours.values()[i]), "warm-up value at " + i + " must be NaN");
        }
        int finite = 0;
        for (int i = ours.firstValid(); i < dataset.size(); i++) {
            double a = ours.values()[i];
            double b = expected[i];
            if (Double.isNaN(a) && flatWindowDeviation(dataset, indicator, i)) {
                continue;
            }
            if (Double.isNaN(a) || Double.isNaN(b)) {
                if (Double.isNaN(a) != Double.isNaN(b)) {
                    fail(indicator + " at " + i + ": ours " + a + ", ta4j " + b);
                }
                continue;
            }
            // %B is measured in band widths: at %B = 0 both sides are rounding residues of
            // (close - lower), so its error is taken relative to at least one band width.
            double unit = indicator.kind() == IndicatorKind.BB_PCTB ? 1 : 0;
            double scale = Math.max(unit, Math.max(Math.abs(a), Math.abs(b)));
            if (Math.abs(a - b) > TOLERANCE * scale) {
                fail(indicator + " at " + i + ": ours " + a + ", ta4j " + b + " (relative error "
                        + Math.abs(a - b) / scale + ")");
            }
            finite++;
        }
        // The 2011 file is flat for long stretches, so short windows are often undefined (NaN in both).
        assertTrue(finite >= 250, "compared only " + finite + " defined values of " + indicator);
    }

    /**
     * Our one documented deviation: over a window of identical inputs our SMA is exactly the input
     * (ta4j's running sum is an ulp off), so Bollinger σ is exactly 0 and %B undefined where ta4j
     * returns a ratio of rounding errors, and a volume ratio over an all-zero window is 0/0 where
     * ta4j divides by a residue. Only those indicators, only on such windows.
     */
    private static boolean flatWindowDeviation(Dataset dataset, Indicator indicator, int i) {
        double[] input = switch (indicator.kind()) {
            case BB_PCTB -> dataset.candles().close();
            case VOLUME_RATIO -> dataset.candles().volume();
            default -> null;
        };
        if (input == null) {
            return false;
        }
        for (int j = Math.max(0, i - indicator.p1() + 1); j < i; j++) {
            if (input[j] != input[i]) {
                return false;
            }
        }
        return indicator.kind() == IndicatorKind.BB_PCTB || input[i] == 0;
    }

    /** Kinds this test covers: all of them, so a new kind cannot slip in untested. */
    @org.junit.jupiter.api.Test
    void coversEveryKind() {
        Set<IndicatorKind> covered = EnumSet.noneOf(IndicatorKind.class);
        indicators().forEach(i -> covered.add(i.kind()));
        assertEquals(EnumSet.allOf(IndicatorKind.class), covered);
    }
}
