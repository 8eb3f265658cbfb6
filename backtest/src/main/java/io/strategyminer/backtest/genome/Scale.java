package io.strategyminer.backtest.genome;

/**
 * The unit an indicator's values are in. Two indicators can be compared only when they share a
 * scale (an RSI against an EMA means nothing), and a threshold only makes sense on a scale whose
 * values do not depend on the asset's price level.
 */
public enum Scale {
    /** Prices (close, moving averages, Bollinger bands): compared with each other, never with a number. */
    PRICE(Double.NaN, Double.NaN),
    /** 0–100 oscillators (RSI, stochastic %K). */
    OSCILLATOR(0, 100),
    /** Bollinger %B: 0 at the lower band, 1 at the upper band, beyond when price leaves the bands. */
    PERCENT_B(-0.5, 1.5),
    /** MACD values are price differences: only their sign (a threshold of 0) carries across assets. */
    MACD(0, 0),
    /** Rate of change in percent over the period. */
    RATE_OF_CHANGE(-20, 20),
    /** Average true range, in price units: compared only with another ATR (volatility expansion). */
    VOLATILITY(Double.NaN, Double.NaN),
    /** Volume over its own moving average. */
    VOLUME_RATIO(0, 5);

    private final double thresholdMin;
    private final double thresholdMax;

    Scale(double thresholdMin, double thresholdMax) {
        this.thresholdMin = thresholdMin;
        this.thresholdMax = thresholdMax;
    }

    public boolean allowsThreshold() {
        return !Double.isNaN(thresholdMin);
    }

    /** Lowest meaningful threshold; only when {@link #allowsThreshold()}. */
    public double thresholdMin() {
        return thresholdMin;
    }

    /** Highest meaningful threshold; only when {@link #allowsThreshold()}. */
    public double thresholdMax() {
        return thresholdMax;
    }
}
