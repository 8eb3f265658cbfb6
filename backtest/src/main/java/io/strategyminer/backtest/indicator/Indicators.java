package io.strategyminer.backtest.indicator;

import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.data.CandleSeries;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The indicator formulas. Each one follows ta4j 0.17's definition operation for operation (same
 * seeds, same order of floating-point operations), so that the oracle tests can hold our columns
 * to ta4j's and so that a reader who knows ta4j knows exactly what a genome means:
 * <ul>
 *   <li>SMA: ta4j's running sum ({@code sum += x[i]; sum -= x[i-p]}), divided by the period; a window of
 *       identical values averages to exactly that value (see {@link #sma}).</li>
 *   <li>EMA: seeded with the first value, {@code ema[i] = (x[i] - ema[i-1]) * 2/(p+1) + ema[i-1]}.</li>
 *   <li>RSI and ATR: Wilder's smoothing as ta4j's MMAIndicator (the EMA recursion with 1/p), seeded
 *       with the first gain/loss (0) or true range; RSI is 0 when both averages are 0 and 100 when
 *       only the average loss is.</li>
 *   <li>MACD: EMA(fast) - EMA(slow); signal: EMA(signal) of the MACD line; histogram: line - signal.</li>
 *   <li>Bollinger: middle SMA(p), population standard deviation over the same window around that
 *       SMA, bands middle ± k·σ, %B = (close - lower) / (upper - lower).</li>
 *   <li>ROC: 100 · (x[i] - x[i-p]) / x[i-p]. Stochastic %K: 100 · (close - lowest low) / (highest
 *       high - lowest low) over the last p candles. Volume ratio: volume / SMA(volume, p).</li>
 * </ul>
 * A division by zero gives NaN (as ta4j's DoubleNum does), which no condition ever matches.
 *
 * <p>No formula calls exp, log or pow: plain IEEE arithmetic and {@link Math#sqrt} (correctly rounded)
 * give the same bits on every JVM (DESIGN §4).
 */
public final class Indicators {
    private Indicators() {
    }

    /**
     * Index of the first candle whose value is trusted; conditions are false before it.
     * <ul>
     *   <li>windowed indicators (SMA, Bollinger, %K, volume ratio): {@code p - 1}, the first full window;
     *       ROC: {@code p};</li>
     *   <li>EMA-based ones are seeded with the first candle's value, whose weight after {@code k}
     *       candles is {@code (1 - α)^k}. We wait until that weight is negligible: {@code 3p} for an
     *       EMA (α = 2/(p+1): weight ≤ e^-4 ≈ 1.8 %), {@code 5p} for Wilder smoothing in RSI and ATR
     *       (α = 1/p: weight ≤ e^-5 ≈ 0.7 %); MACD: {@code 3·slow}, its signal and histogram
     *       {@code 3·slow + 3·signal}.</li>
     * </ul>
     */
    public static int warmUp(Indicator indicator) {
        int p = indicator.p1();
        return switch (indicator.kind()) {
            case PRICE -> 0;
            case SMA, BB_UPPER, BB_LOWER, BB_PCTB, STOCH_K, VOLUME_RATIO -> p - 1;
            case ROC -> p;
            case EMA -> 3 * p;
            case RSI, ATR -> 5 * p;
            case MACD -> 3 * indicator.p2();
            case MACD_SIGNAL, MACD_HIST -> 3 * indicator.p2() + 3 * indicator.p3();
        };
    }

    /** The indicator over every candle, with NaN during the warm-up. */
    public static IndicatorColumn compute(Indicator indicator, CandleSeries candles) {
        return compute(indicator, candles, p -> deviation(candles.close(), p));
    }

    /**
     * As {@link #compute(Indicator, CandleSeries)}, taking the Bollinger standard deviation of the
     * closes over {@code p} candles from {@code deviations} (see {@link #deviation}): it is the costly
     * part (O(n·p)) and the same for every band width and band, so a cache can share it.
     */
    public static IndicatorColumn compute(Indicator indicator, CandleSeries candles,
                                          IntFunction<double[]> deviations) {
        double[] values = raw(indicator, candles, deviations);
        int firstValid = Math.min(warmUp(indicator), values.length);
        Arrays.fill(values, 0, firstValid, Double.NaN);
        return new IndicatorColumn(indicator, values, firstValid);
    }

    /** The formula's values at every index, warm-up included (ta4j's values there too). */
    private static double[] raw(Indicator indicator, CandleSeries c, IntFunction<double[]> deviations) {
        int p = indicator.p1();
        return switch (indicator.kind()) {
            case PRICE -> c.close().clone();
            case SMA -> sma(c.close(), p);
            case EMA -> ema(c.close(), 2.0 / (p + 1));
            case RSI -> rsi(c.close(), p);
            case MACD -> macd(c.close(), p, indicator.p2());
            case MACD_SIGNAL -> ema(macd(c.close(), p, indicator.p2()), 2.0 / (indicator.p3() + 1));
            case MACD_HIST -> {
                double[] line = macd(c.close(), p, indicator.p2());
                double[] signal = ema(line, 2.0 / (indicator.p3() + 1));
                for (int i = 0; i < line.length; i++) {
                    line[i] = line[i] - signal[i];
                }
                yield line;
            }
            case BB_UPPER, BB_LOWER, BB_PCTB -> bollinger(indicator, c.close(), deviations.apply(p));
            case ATR -> wilder(trueRange(c), p);
            case ROC -> roc(c.close(), p);
            case STOCH_K -> stochasticK(c, p);
            case VOLUME_RATIO -> volumeRatio(c.volume(), p);
        };
    }

    /**
     * Simple moving average (over a partial window at the start), as ta4j's running total, except
     * that a window of identical values averages to exactly that value. A running sum carries
     * rounding residue from earlier candles, so over a flat stretch (frequent in 5-minute data) the
     * plain running average sits an ulp or two off the price: "close > SMA" and SMA crossings
     * would then fire on rounding noise, and a Bollinger σ of 1e-16 would make %B a ratio of
     * rounding errors. Elsewhere the values are ta4j's exactly.
     */
    static double[] sma(double[] x, int p) {
        double[] out = new double[x.length];
        double sum = 0;
        int runStart = 0;
        for (int i = 0; i < x.length; i++) {
            sum = sum + x[i];
            if (i >= p) {
                sum = sum - x[i - p];
            }
            if (i > 0 && x[i] != x[i - 1]) {
                runStart = i;
            }
            int window = Math.min(p, i + 1);
            out[i] = i - runStart + 1 >= window ? x[i] : sum / window;
        }
        return out;
    }

    /** Exponential smoothing with factor {@code alpha}, seeded with the first value. */
    static double[] ema(double[] x, double alpha) {
        double[] out = new double[x.length];
        if (x.length == 0) {
            return out;
        }
        double prev = x[0];
        out[0] = prev;
        for (int i = 1; i < x.length; i++) {
            prev = (x[i] - prev) * alpha + prev;
            out[i] = prev;
        }
        return out;
    }

    /** Wilder's smoothing (ta4j's MMA): an EMA with factor 1/p. */
    static double[] wilder(double[] x, int p) {
        return ema(x, 1.0 / p);
    }

    static double[] rsi(double[] close, int p) {
        int n = close.length;
        double[] gain = new double[n];
        double[] loss = new double[n];
        for (int i = 1; i < n; i++) {
            double now = close[i];
            double before = close[i - 1];
            gain[i] = now > before ? now - before : 0;
            loss[i] = now < before ? before - now : 0;
        }
        double[] avgGain = wilder(gain, p);
        double[] avgLoss = wilder(loss, p);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (avgLoss[i] == 0) {
                out[i] = avgGain[i] == 0 ? 0 : 100;
            } else {
                double relativeStrength = avgGain[i] / avgLoss[i];
                out[i] = 100 - 100 / (1 + relativeStrength);
            }
        }
        return out;
    }

    static double[] macd(double[] close, int fast, int slow) {
        double[] line = ema(close, 2.0 / (fast + 1));
        double[] slowEma = ema(close, 2.0 / (slow + 1));
        for (int i = 0; i < line.length; i++) {
            line[i] = line[i] - slowEma[i];
        }
        return line;
    }

    /**
     * Population standard deviation of {@code close} over the last {@code p} candles (fewer at the
     * start) around their SMA, summed in window order as ta4j's VarianceIndicator. A flat window has
     * an exact mean (see {@link #sma}), so its deviation is exactly 0.
     */
    public static double[] deviation(double[] close, int p) {
        double[] middle = sma(close, p);
        double[] out = new double[close.length];
        for (int i = 0; i < close.length; i++) {
            int start = Math.max(0, i - p + 1);
            double variance = 0;
            for (int j = start; j <= i; j++) {
                double d = close[j] - middle[i];
                variance = variance + d * d;
            }
            out[i] = Math.sqrt(variance / (i - start + 1));
        }
        return out;
    }

    private static double[] bollinger(Indicator indicator, double[] close, double[] deviation) {
        double[] middle = sma(close, indicator.p1());
        double k = indicator.bandWidth();
        double[] out = new double[close.length];
        for (int i = 0; i < close.length; i++) {
            double width = deviation[i] * k;
            double upper = middle[i] + width;
            double lower = middle[i] - width;
            out[i] = switch (indicator.kind()) {
                case BB_UPPER -> upper;
                case BB_LOWER -> lower;
                default -> divide(close[i] - lower, upper - lower);
            };
        }
        return out;
    }

    static double[] trueRange(CandleSeries c) {
        double[] high = c.high();
        double[] low = c.low();
        double[] close = c.close();
        double[] out = new double[c.size()];
        for (int i = 0; i < out.length; i++) {
            double range = Math.abs(high[i] - low[i]);
            if (i > 0) {
                range = Math.max(Math.max(range, Math.abs(high[i] - close[i - 1])), Math.abs(close[i - 1] - low[i]));
            }
            out[i] = range;
        }
        return out;
    }

    static double[] roc(double[] x, int p) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double before = x[Math.max(i - p, 0)];
            out[i] = divide(x[i] - before, before) * 100;
        }
        return out;
    }

    /** %K with the window's highest high and lowest low kept in monotonic deques (O(n) for any p). */
    static double[] stochasticK(CandleSeries c, int p) {
        double[] high = c.high();
        double[] low = c.low();
        double[] close = c.close();
        int n = c.size();
        double[] out = new double[n];
        int[] highs = new int[n];
        int[] lows = new int[n];
        int hHead = 0;
        int hTail = 0;
        int lHead = 0;
        int lTail = 0;
        for (int i = 0; i < n; i++) {
            while (hTail > hHead && high[highs[hTail - 1]] <= high[i]) {
                hTail--;
            }
            highs[hTail++] = i;
            while (lTail > lHead && low[lows[lTail - 1]] >= low[i]) {
                lTail--;
            }
            lows[lTail++] = i;
            int start = i - p + 1;
            if (highs[hHead] < start) {
                hHead++;
            }
            if (lows[lHead] < start) {
                lHead++;
            }
            double lowest = low[lows[lHead]];
            out[i] = divide(close[i] - lowest, high[highs[hHead]] - lowest) * 100;
        }
        return out;
    }

    static double[] volumeRatio(double[] volume, int p) {
        double[] average = sma(volume, p);
        double[] out = new double[volume.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = divide(volume[i], average[i]);
        }
        return out;
    }

    /** Division that is undefined (NaN) for a zero divisor, as in ta4j's DoubleNum. */
    private static double divide(double numerator, double divisor) {
        return divisor == 0 ? Double.NaN : numerator / divisor;
    }
}
