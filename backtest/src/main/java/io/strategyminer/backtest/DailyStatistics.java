package io.strategyminer.backtest;

/**
 * The statistics of a range's daily returns that {@link Metrics} reports; NaN when undefined.
 *
 * <p>Two passes in day order: the mean, then the sums of the deviations' powers. The Sharpe ratio divides by
 * the sample standard deviation (n − 1, as pandas, quantstats and jesse do); the Sortino ratio by the downside
 * deviation √(Σ min(r, 0)² / n) (quantstats' and jesse's); skewness and kurtosis are the population moment
 * ratios m3 / m2^1.5 and m4 / m2² (the raw kurtosis, 3 for a normal distribution) that the probabilistic
 * Sharpe ratio's formula takes. Only +, −, ×, ÷ and {@code Math.sqrt}: the same bits everywhere.
 */
record DailyStatistics(double sharpe, double sortino, double skewness, double kurtosis) {
    static final DailyStatistics UNDEFINED = new DailyStatistics(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The statistics of {@code returns[0, n)}, n ≥ 2; {@link #UNDEFINED} if they do not vary. */
    static DailyStatistics of(double[] returns, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += returns[i];
        }
        double mean = sum / n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        double downside = 0;
        for (int i = 0; i < n; i++) {
            double r = returns[i];
            double d = r - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
            if (r < 0) {
                downside += r * r;
            }
        }
        double variance = m2 / n;
        if (variance * variance == 0) {
            return UNDEFINED; // no variation, or too little for its square to be a double
        }
        double sharpe = mean / Math.sqrt(m2 / (n - 1)) * Metrics.ANNUALISE;
        double downsideDeviation = Math.sqrt(downside / n);
        double sortino = downsideDeviation > 0 ? mean / downsideDeviation * Metrics.ANNUALISE
                : (mean > 0 ? MetricsAccumulator.RATIO_CAP : 0);
        double skewness = m3 / n / (variance * Math.sqrt(variance));
        double kurtosis = m4 / n / (variance * variance);
        return new DailyStatistics(sharpe, sortino, skewness, kurtosis);
    }
}
