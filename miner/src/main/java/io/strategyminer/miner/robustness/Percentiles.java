package io.strategyminer.miner.robustness;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The 5th, 50th and 95th percentiles of a sample, with linear interpolation between order statistics (Hyndman and
 * Fan's type 7, the default of R, NumPy and pandas). NaN for an empty sample.
 */
public record Percentiles(double p5, double median, double p95) {
    /** The percentiles of {@code values}, which must hold no NaN. */
    public static Percentiles of(double[] values) {
        if (values.length == 0) {
            return new Percentiles(Double.NaN, Double.NaN, Double.NaN);
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(values);
        return new Percentiles(percentile.evaluate(5), percentile.evaluate(50), percentile.evaluate(95));
    }
}
