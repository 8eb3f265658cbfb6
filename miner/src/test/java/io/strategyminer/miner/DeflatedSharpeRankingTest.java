package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.stats.SharpeSignificance;
import io.strategyminer.backtest.stats.TrialStatistics;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DeflatedSharpeRankingTest {
    /** N = 3,700 trials. */
    private static final long TRIALS = 3_700;

    /** In-sample metrics with this daily Sharpe ratio, T daily returns, skewness and raw kurtosis. */
    private static Metrics inSample(double dailySharpe, int days, double skewness, double kurtosis) {
        return new Metrics(100, 1, 3, 20, 0.5, 1.5, 30, 5, days, dailySharpe * Math.sqrt(365), Double.NaN, skewness,
                kurtosis);
    }

    @Test
    void theBarIsTheBestOfNTrialsWithNoSkillWorkedByHand() {
        // SR0 = √(1/(T−1))·((1−γ)Φ⁻¹(1 − 1/N) + γΦ⁻¹(1 − 1/(N·e))), T = 123, N = 3,700 (Python's NormalDist).
        assertEquals(0.32685843469884857, DeflatedSharpeRanking.expectedMaximumSharpe(123, TRIALS), 1e-12);
        // DSR = Φ((SR − SR0)·√(T−1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²)).
        assertEquals(0.9697773490372761, DeflatedSharpeRanking.deflatedSharpe(inSample(0.5, 123, 0.3, 4), TRIALS),
                1e-9);
        Metrics lucky = inSample(0.3, 123, 0, 3);
        assertEquals(0.3858303247004672, DeflatedSharpeRanking.deflatedSharpe(lucky, TRIALS), 1e-9);
        // Significant on its own, luck among 3,700.
        assertEquals(0.9994054411063005, SharpeSignificance.probabilistic(lucky), 1e-9);
    }

    @Test
    void oneTrialIsNotDeflatedAndMoreTrialsRaiseTheBar() {
        Metrics m = inSample(0.3, 123, 0, 3);
        assertEquals(SharpeSignificance.probabilistic(m), DeflatedSharpeRanking.deflatedSharpe(m, 1));
        double previous = 1;
        for (long n : new long[] {10, 100, 1_000, 10_000, 100_000}) {
            double deflated = DeflatedSharpeRanking.deflatedSharpe(m, n);
            assertTrue(deflated < previous, n + " trials: " + deflated);
            previous = deflated;
        }
    }

    @Test
    void nIsTheMostGenomesTheFinishedUnitsCanEvaluate() {
        assertEquals(4_000, DeflatedSharpeRanking.trials(40, 25, 4));
        assertEquals(0, DeflatedSharpeRanking.trials(40, 25, 0));
        assertEquals(1_000_000L * 10_000, DeflatedSharpeRanking.trials(10_000, 100, 10_000), "beyond int");
    }

    @Test
    void undefinedFiguresGiveAnUndefinedRatio() {
        assertTrue(Double.isNaN(DeflatedSharpeRanking.deflatedSharpe(inSample(Double.NaN, 5, Double.NaN, Double.NaN),
                TRIALS)));
        assertTrue(Double.isNaN(DeflatedSharpeRanking.deflatedSharpe(inSample(0.4, 123, 0, 3), 0)));
        assertTrue(Double.isNaN(DeflatedSharpeRanking.expectedMaximumSharpe(1, TRIALS)));
    }

    @Test
    void theSearchsTrialsAreItsUnitsMergedInUnitOrder() {
        TrialStatistics a = TrialStatistics.EMPTY.withTrial(0.1).withTrial(Double.NaN);
        TrialStatistics b = TrialStatistics.EMPTY.withTrial(0.3);
        assertEquals(a.plus(b), DeflatedSharpeRanking.searchTrials(List.of(a, b)));
        assertEquals(TrialStatistics.EMPTY, DeflatedSharpeRanking.searchTrials(List.of()));
    }

    @Test
    void bestFirstByDeflatedSharpeThenDailySharpeUndefinedLastTiesInGivenOrder() {
        Metrics strong = inSample(0.6, 123, 0, 3);
        Metrics weak = inSample(0.2, 123, 0, 3);
        // Both beyond doubt: their ratios round to 1.0, the higher Sharpe ratio goes first.
        Metrics saturated = inSample(1.5, 123, 0, 3);
        Metrics moreSaturated = inSample(1.6, 123, 0, 3);
        Metrics undefined = inSample(Double.NaN, 123, Double.NaN, Double.NaN);
        assertEquals(1.0, DeflatedSharpeRanking.deflatedSharpe(saturated, TRIALS));
        assertEquals(1.0, DeflatedSharpeRanking.deflatedSharpe(moreSaturated, TRIALS));
        List<String> names = List.of("undefined", "weak", "saturated", "strong", "moreSaturated", "twin of weak");
        List<Metrics> metrics = List.of(undefined, weak, saturated, strong, moreSaturated, weak);
        Function<String, Metrics> byName = name -> metrics.get(names.indexOf(name));
        assertEquals(List.of("moreSaturated", "saturated", "strong", "weak", "twin of weak", "undefined"),
                DeflatedSharpeRanking.bestFirst(names, byName, TRIALS));
    }
}
