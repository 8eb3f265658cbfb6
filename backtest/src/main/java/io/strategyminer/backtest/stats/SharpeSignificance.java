package io.strategyminer.backtest.stats;

import io.strategyminer.backtest.Metrics;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How likely an observed Sharpe ratio is to be more than luck: the probabilistic Sharpe ratio (Bailey &amp;
 * López de Prado, "The Sharpe Ratio Efficient Frontier", 2012) and the deflated Sharpe ratio (Bailey &amp;
 * López de Prado, "The Deflated Sharpe Ratio", 2014), which raises the bar to the Sharpe ratio the best of N
 * unskilled trials would reach.
 *
 * <p>Every Sharpe ratio here is the non-annualised one of the daily returns ({@link Metrics#dailySharpe()}),
 * with T the number of daily returns, γ3 their skewness and γ4 their raw kurtosis (3 for a normal
 * distribution; passing the excess kurtosis instead, as some implementations do, understates the penalty for
 * fat tails). The normal distribution is Apache Commons Math's (pure Java: the same bits on every JVM).
 *
 * <p>Undefined inputs (NaN, fewer than 2 observations, no trial, a negative variance) give NaN, never an
 * exception: the figures come from data, and "not computable" is an answer.
 */
public final class SharpeSignificance {
    /** The Euler–Mascheroni constant γ. */
    static final double EULER_MASCHERONI = 0.5772156649015329;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private SharpeSignificance() {
    }

    /**
     * PSR(SR*) = Φ((SR̂ − SR*)·√(T − 1) / √(1 − γ3·SR̂ + (γ4 − 1)/4·SR̂²)): the probability that the true Sharpe
     * ratio exceeds {@code benchmark}, given the observed one.
     *
     * @param sharpe       SR̂, the observed daily Sharpe ratio
     * @param benchmark    SR*, the daily Sharpe ratio to beat
     * @param observations T, the number of daily returns (at least 2)
     * @param skewness     γ3 of the daily returns
     * @param kurtosis     γ4, the raw kurtosis of the daily returns
     * @return a probability in [0, 1], or NaN if an input is undefined or the moments are inconsistent (the
     *         radicand is not positive; it cannot be for moments of real data, where γ4 ≥ 1 + γ3²)
     */
    public static double probabilistic(double sharpe, double benchmark, long observations, double skewness,
                                       double kurtosis) {
        if (observations < 2) {
            return Double.NaN;
        }
        double radicand = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (!(radicand > 0) || Double.isNaN(benchmark)) {
            return Double.NaN; // also NaN for a NaN Sharpe ratio, skewness or kurtosis
        }
        double z = (sharpe - benchmark) * StrictMath.sqrt(observations - 1) / StrictMath.sqrt(radicand);
        return STANDARD_NORMAL.cumulativeProbability(z);
    }

    /**
     * SR0 = √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))): the expected maximum Sharpe ratio of N trials whose
     * Sharpe ratios have variance V and no skill (γ the Euler–Mascheroni constant). One trial is not deflated:
     * SR0 = 0.
     *
     * @param trials   N, the number of trials (genomes evaluated)
     * @param variance V, the variance of the trials' daily Sharpe ratios
     * @return SR0 ≥ 0, or NaN if {@code trials} < 1, or N > 1 and V is NaN or negative
     */
    public static double expectedMaximum(long trials, double variance) {
        if (trials == 1) {
            return 0;
        }
        if (trials < 1 || !(variance >= 0)) {
            return Double.NaN;
        }
        double n = trials;
        double spread = (1 - EULER_MASCHERONI) * STANDARD_NORMAL.inverseCumulativeProbability(1 - 1 / n)
                + EULER_MASCHERONI * STANDARD_NORMAL.inverseCumulativeProbability(1 - 1 / (n * Math.E));
        return StrictMath.sqrt(variance) * spread;
    }

    /**
     * DSR = PSR(SR0), SR0 the {@link #expectedMaximum expected maximum} Sharpe ratio of the trials: the
     * probability that the observed Sharpe ratio beats the best of that many lucky guesses.
     *
     * @return a probability in [0, 1], or NaN if any input is undefined (see {@link #probabilistic} and
     *         {@link #expectedMaximum})
     */
    public static double deflated(double sharpe, long observations, double skewness, double kurtosis, long trials,
                                  double trialVariance) {
        return probabilistic(sharpe, expectedMaximum(trials, trialVariance), observations, skewness, kurtosis);
    }

    /** PSR(0) of a backtest's daily returns: the probability that its true Sharpe ratio is positive. */
    public static double probabilistic(Metrics metrics) {
        return probabilistic(metrics.dailySharpe(), 0, metrics.days(), metrics.dailySkewness(),
                metrics.dailyKurtosis());
    }
}
