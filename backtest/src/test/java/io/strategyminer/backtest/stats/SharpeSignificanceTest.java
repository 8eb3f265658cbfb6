package io.strategyminer.backtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.Metrics;
import org.junit.jupiter.api.Test;

/**
 * The probabilistic and deflated Sharpe ratios against values worked by hand from the papers' formulas. The
 * normal distribution's values were taken from Python 3's {@code statistics.NormalDist} (cdf, inv_cdf); each
 * case lists its inputs, the intermediate steps and the result.
 */
class SharpeSignificanceTest {
    private static final double TIGHT = 1e-12;

    @Test
    void theDeflatedSharpeRatioPapersNumericalExample() {
        // Bailey & López de Prado 2014, section "A numerical example": N = 100 trials, annualised trial-Sharpe
        // variance 1/2, the selected strategy's annualised Sharpe 2.5 over T = 1,250 daily returns (250 a
        // year), skewness −3, kurtosis 10. The paper finds SR0 ≈ 0.1132 and DSR ≈ 0.9004.
        double sharpe = 2.5 / Math.sqrt(250);                 // 0.15811388300841897
        double variance = 0.5 / 250;                          // 0.002
        // Φ⁻¹(1 − 1/100) = 2.3263478740408408, Φ⁻¹(1 − 1/(100e)) = 2.680210444966887
        // SR0 = √0.002 · (0.4227843350984671 · 2.3263478740408408 + 0.5772156649015329 · 2.680210444966887)
        double sr0 = SharpeSignificance.expectedMaximum(100, variance);
        assertEquals(0.11317200186513214, sr0, TIGHT);
        // √(1 + 3 · SR + 9/4 · SR²) = 1.2371708245126285; z = (SR − SR0) · √1249 / 1.2371708245126285
        //   = 1.2838160365336546; Φ(z) = 0.9003968344493904
        double dsr = SharpeSignificance.deflated(sharpe, 1250, -3, 10, 100, variance);
        assertEquals(0.9003968344493904, dsr, TIGHT);
        assertEquals(0.9004, dsr, 5e-5, "the paper's figure");
        // Without deflation the same strategy looks certain: z = SR · √1249 / 1.2371708245126285 = 4.516703205137994
        assertEquals(0.9999968595078976, SharpeSignificance.probabilistic(sharpe, 0, 1250, -3, 10), TIGHT);
    }

    @Test
    void probabilisticSharpeRatioOfNormalReturns() {
        // SR = 0.1, T = 101, γ3 = 0, γ4 = 3: radicand 1 + 2/4 · 0.01 = 1.005; z = 0.1 · √100 / √1.005
        //   = 0.9975093361076329; Φ(z) = 0.8407413278013518
        assertEquals(0.8407413278013518, SharpeSignificance.probabilistic(0.1, 0, 101, 0, 3), TIGHT);
    }

    @Test
    void probabilisticSharpeRatioAgainstABenchmarkWithFatTails() {
        // SR = 0.05, SR* = 0.02, T = 365, γ3 = −0.5, γ4 = 6: radicand 1 + 0.025 + 5/4 · 0.0025 = 1.028125;
        //   z = 0.03 · √364 / √1.028125 = 0.5644805557965131; Φ(z) = 0.713786435280618
        assertEquals(0.713786435280618, SharpeSignificance.probabilistic(0.05, 0.02, 365, -0.5, 6), TIGHT);
        // The same with normal returns (γ3 = 0, γ4 = 3): radicand 1.00125, z = 0.5720061286699253,
        //   Φ(z) = 0.716341088678639: negative skew and fat tails lower the confidence.
        double normal = SharpeSignificance.probabilistic(0.05, 0.02, 365, 0, 3);
        assertEquals(0.716341088678639, normal, TIGHT);
        assertTrue(normal > SharpeSignificance.probabilistic(0.05, 0.02, 365, -0.5, 6));
    }

    @Test
    void expectedMaximumOfTrials() {
        // N = 10, V = 0.01: Φ⁻¹(0.9) = 1.2815515655446008, Φ⁻¹(1 − 1/(10e)) = 1.7892417645816279,
        //   SR0 = 0.1 · (0.4227843350984671 · 1.2815515655446008 + 0.5772156649015329 · 1.7892417645816279)
        assertEquals(0.157459830134575, SharpeSignificance.expectedMaximum(10, 0.01), TIGHT);
        // N = 1,000, V = 0.0004: Φ⁻¹(0.999) = 3.090232306167813, Φ⁻¹(1 − 1/(1000e)) = 3.375895391061807
        assertEquals(0.06510243027305446, SharpeSignificance.expectedMaximum(1000, 0.0004), TIGHT);
        assertTrue(SharpeSignificance.expectedMaximum(10_000, 0.0004) > SharpeSignificance.expectedMaximum(1000, 0.0004),
                "more trials, higher bar");
        assertEquals(0, SharpeSignificance.expectedMaximum(1000, 0), "trials that all scored the same");
    }

    @Test
    void deflationWithAThousandTrials() {
        // SR = 0.12 over T = 730 days, γ3 = −0.2, γ4 = 4.5; N = 1,000 trials with V = 0.0004 (SR0 above):
        //   radicand 1 + 0.024 + 3.5/4 · 0.0144 = 1.0366; z = (0.12 − 0.06510243027305446) · √729 / √1.0366
        //   = 1.4558320660956092; DSR = Φ(z) = 0.9272804754834407, while PSR(0) = 0.9992694164316012.
        assertEquals(0.9272804754834407, SharpeSignificance.deflated(0.12, 730, -0.2, 4.5, 1000, 0.0004), TIGHT);
        assertEquals(0.9992694164316012, SharpeSignificance.probabilistic(0.12, 0, 730, -0.2, 4.5), TIGHT);
    }

    @Test
    void oneTrialIsNotDeflated() {
        assertEquals(0, SharpeSignificance.expectedMaximum(1, Double.NaN));
        assertEquals(SharpeSignificance.probabilistic(0.1, 0, 101, 0, 3),
                SharpeSignificance.deflated(0.1, 101, 0, 3, 1, Double.NaN));
    }

    @Test
    void undefinedInputsGiveNaNNeverAnException() {
        assertEquals(Double.NaN, SharpeSignificance.probabilistic(Double.NaN, 0, 100, 0, 3));
        assertEquals(Double.NaN, SharpeSignificance.probabilistic(0.1, Double.NaN, 100, 0, 3));
        assertEquals(Double.NaN, SharpeSignificance.probabilistic(0.1, 0, 100, Double.NaN, 3));
        assertEquals(Double.NaN, SharpeSignificance.probabilistic(0.1, 0, 100, 0, Double.NaN));
        assertEquals(Double.NaN, SharpeSignificance.probabilistic(0.1, 0, 1, 0, 3), "one observation");
        assertEquals(Double.NaN, SharpeSignificance.probabilistic(0.1, 0, 0, 0, 3), "no observation");
        // Moments no data can have (γ4 < 1 + γ3²) can make the radicand negative: 1 − 4 · 0.5 + 0 < 0.
        assertEquals(Double.NaN, SharpeSignificance.probabilistic(0.5, 0, 100, 4, 1));
        assertEquals(Double.NaN, SharpeSignificance.expectedMaximum(0, 0.01), "no trial");
        assertEquals(Double.NaN, SharpeSignificance.expectedMaximum(-1, 0.01));
        assertEquals(Double.NaN, SharpeSignificance.expectedMaximum(10, Double.NaN), "fewer than 2 trial Sharpes");
        assertEquals(Double.NaN, SharpeSignificance.expectedMaximum(10, -1e-9));
        assertEquals(Double.NaN, SharpeSignificance.deflated(0.1, 101, 0, 3, 10, Double.NaN));
    }

    @Test
    void extremeEvidenceSaturates() {
        assertEquals(1.0, SharpeSignificance.probabilistic(1, 0, 100_000, 0, 3));
        assertEquals(0.0, SharpeSignificance.probabilistic(-1, 0, 100_000, 0, 3));
        assertEquals(0.5, SharpeSignificance.probabilistic(0.2, 0.2, 500, 0.3, 5), "at the benchmark: even odds");
    }

    @Test
    void fromMetricsUsesTheDailyFigures() {
        Metrics year = new Metrics(1000, 10, 10, 50, 0.5, 1.4, 40, 8, 365, 0.1 * Math.sqrt(365), 2, -0.5, 6);
        assertEquals(SharpeSignificance.probabilistic(year.dailySharpe(), 0, 365, -0.5, 6),
                SharpeSignificance.probabilistic(year));
        assertEquals(0.1, year.dailySharpe(), 1e-15);
        Metrics shortRange = new Metrics(100, 1, Double.NaN, 5, 0.6, 2, 30, 2, 12, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
        assertEquals(Double.NaN, SharpeSignificance.probabilistic(shortRange), "12 days: undefined");
    }
}
