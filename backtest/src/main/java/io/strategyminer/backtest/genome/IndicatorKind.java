package io.strategyminer.backtest.genome;

import java.util.Locale;

/**
 * The indicators a genome can use, with how many integer parameters each takes and its
 * {@link Scale}. Parameter meaning per kind (see {@link Indicator}):
 * <ul>
 *   <li>PRICE: none (the candle's close)</li>
 *   <li>SMA, EMA, RSI, ATR, ROC, STOCH_K, VOLUME_RATIO: period</li>
 *   <li>MACD (the line): fast, slow; MACD_SIGNAL and MACD_HIST: fast, slow, signal</li>
 *   <li>BB_UPPER, BB_LOWER, BB_PCTB: period, band width in tenths of a standard deviation (20 = 2.0σ)</li>
 * </ul>
 */
public enum IndicatorKind {
    PRICE(0, Scale.PRICE),
    SMA(1, Scale.PRICE),
    EMA(1, Scale.PRICE),
    RSI(1, Scale.OSCILLATOR),
    MACD(2, Scale.MACD),
    MACD_SIGNAL(3, Scale.MACD),
    MACD_HIST(3, Scale.MACD),
    BB_UPPER(2, Scale.PRICE),
    BB_LOWER(2, Scale.PRICE),
    BB_PCTB(2, Scale.PERCENT_B),
    ATR(1, Scale.VOLATILITY),
    ROC(1, Scale.RATE_OF_CHANGE),
    STOCH_K(1, Scale.OSCILLATOR),
    VOLUME_RATIO(1, Scale.VOLUME_RATIO);

    /** Bounds every period parameter; a longer look-back would eat most of a 5-minute in-sample window. */
    public static final int MIN_PERIOD = 2;
    public static final int MAX_PERIOD = 200;
    /** Bollinger band width bounds, in tenths of a standard deviation. */
    public static final int MIN_BAND_TENTHS = 10;
    public static final int MAX_BAND_TENTHS = 40;

    private final int parameterCount;
    private final Scale scale;

    IndicatorKind(int parameterCount, Scale scale) {
        this.parameterCount = parameterCount;
        this.scale = scale;
    }

    public int parameterCount() {
        return parameterCount;
    }

    public Scale scale() {
        return scale;
    }

    public boolean isBollinger() {
        return this == BB_UPPER || this == BB_LOWER || this == BB_PCTB;
    }

    /** Case-insensitive lookup by name, with a message that lists the valid names. */
    public static IndicatorKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown indicator '" + name + "'; known: "
                    + java.util.Arrays.toString(values()));
        }
    }
}
