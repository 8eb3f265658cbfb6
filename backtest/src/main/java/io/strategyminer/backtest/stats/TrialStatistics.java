package io.strategyminer.backtest.stats;

/**
 * What the deflated Sharpe ratio needs to know about a search's trials: how many genomes were
 * evaluated, and the count, sum and sum of squares of their non-annualised daily Sharpe ratios (only of the
 * trials whose daily Sharpe ratio is defined, see {@code Metrics.dailySharpe()}).
 *
 * <p>One merge rule, {@link #plus}: counts and sums add. Floating-point addition is not associative, so
 * everything that must agree across peers merges in a fixed order (a unit's trials in evaluation order, a
 * search's units in unit-index order).
 *
 * @param genomes            genomes evaluated (the miner counts every evaluation, an upper
 *                           bound of the distinct genomes)
 * @param sharpeCount        trials whose daily Sharpe ratio is defined, ≤ {@code genomes}
 * @param sharpeSum          sum of those daily Sharpe ratios
 * @param sharpeSumOfSquares sum of their squares
 */
public record TrialStatistics(long genomes, long sharpeCount, double sharpeSum, double sharpeSumOfSquares) {
    /** No trials. */
    public static final TrialStatistics EMPTY = new TrialStatistics(0, 0, 0, 0);

    public TrialStatistics {
        if (genomes < 0 || sharpeCount < 0 || sharpeCount > genomes) {
            throw new IllegalArgumentException("trial counts must satisfy 0 <= Sharpe count (" + sharpeCount
                    + ") <= genomes (" + genomes + ")");
        }
        if (!Double.isFinite(sharpeSum) || !(sharpeSumOfSquares >= 0 && sharpeSumOfSquares < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("trial Sharpe sums must be finite and the sum of squares >= 0, got "
                    + sharpeSum + " and " + sharpeSumOfSquares);
        }
        if (sharpeCount == 0 && (sharpeSum != 0 || sharpeSumOfSquares != 0)) {
            throw new IllegalArgumentException("trial Sharpe sums must be 0 without Sharpe ratios, got " + sharpeSum
                    + " and " + sharpeSumOfSquares);
        }
    }

    /** These trials and {@code other}'s (see the class comment on the order of merging). */
    public TrialStatistics plus(TrialStatistics other) {
        return new TrialStatistics(Math.addExact(genomes, other.genomes), Math.addExact(sharpeCount, other.sharpeCount),
                sharpeSum + other.sharpeSum, sharpeSumOfSquares + other.sharpeSumOfSquares);
    }

    /** These trials and one more genome, whose daily Sharpe ratio is {@code dailySharpe} (NaN: undefined). */
    public TrialStatistics withTrial(double dailySharpe) {
        if (Double.isNaN(dailySharpe)) {
            return new TrialStatistics(genomes + 1, sharpeCount, sharpeSum, sharpeSumOfSquares);
        }
        return new TrialStatistics(genomes + 1, sharpeCount + 1, sharpeSum + dailySharpe,
                sharpeSumOfSquares + dailySharpe * dailySharpe);
    }

    /** Mean of the defined daily Sharpe ratios; NaN without any. */
    public double mean() {
        return sharpeCount == 0 ? Double.NaN : sharpeSum / sharpeCount;
    }

    /**
     * Sample variance (n − 1) of the defined daily Sharpe ratios, from the sums: (Σx² − (Σx)²/n) / (n − 1),
     * never below 0 (the subtraction can round below it when they barely vary); NaN with fewer than 2.
     */
    public double variance() {
        if (sharpeCount < 2) {
            return Double.NaN;
        }
        return Math.max(0, (sharpeSumOfSquares - sharpeSum * sharpeSum / sharpeCount) / (sharpeCount - 1));
    }
}
