package io.strategyminer.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * The bad tick of a real Coinbase BTC-USD 4-hour export, planted in 200 seeded random-walk candles:
 * candle {@link #INDEX} opens and trades at 0.06 (open = low = 0.06) while it closes at 1,178.85, after a
 * close of 1,180.20. A strategy buying that open would "earn" 1,000,000 %.
 */
public final class BadTick {
    /** The bad candle's position, its open time (2017-01-21T00:00:00Z) and its line in {@link #csv()}. */
    public static final int INDEX = 120;
    public static final long TIME = 1_483_228_800L + INDEX * 14_400L;
    public static final int LINE = INDEX + 2;
    public static final double PRICE = 0.06;
    public static final double PREVIOUS_CLOSE = 1_180.20;

    private BadTick() {
    }

    /** The 200 candles, oldest first, 4 hours apart from 2017-01-01T00:00:00Z. */
    public static CandleSeries candles() {
        SplittableRandom random = new SplittableRandom(42);
        // A random walk of closes through 1,180.20 (the candle before the bad tick) and 1,178.85 (the bad tick).
        double[] close = new double[200];
        close[INDEX - 1] = PREVIOUS_CLOSE;
        for (int i = INDEX - 2; i >= 0; i--) {
            close[i] = cents(close[i + 1] * StrictMath.exp(0.004 * gaussian(random)));
        }
        close[INDEX] = 1_178.85;
        for (int i = INDEX + 1; i < close.length; i++) {
            close[i] = cents(close[i - 1] * StrictMath.exp(0.004 * gaussian(random)));
        }
        CandleSeriesBuilder b = new CandleSeriesBuilder();
        for (int i = 0; i < close.length; i++) {
            if (i == INDEX) {
                b.add(TIME, PRICE, 1_185.00, PRICE, close[i], 412.5);
                continue;
            }
            double open = i == 0 ? close[0] : close[i - 1];
            double high = cents(Math.max(open, close[i]) * (1 + 0.002 * Math.abs(gaussian(random))));
            double low = cents(Math.min(open, close[i]) * (1 - 0.002 * Math.abs(gaussian(random))));
            b.add(1_483_228_800L + i * 14_400L, open, Math.max(high, Math.max(open, close[i])),
                    Math.min(low, Math.min(open, close[i])), close[i], cents(100 + 50 * Math.abs(gaussian(random))));
        }
        return b.build();
    }

    /** The candles as CSV: header {@code time,open,high,low,close,volume}, unix seconds. */
    public static String csv() {
        CandleSeries c = candles();
        StringBuilder out = new StringBuilder("time,open,high,low,close,volume\n");
        for (int i = 0; i < c.size(); i++) {
            out.append(c.time()[i]).append(',').append(c.open()[i]).append(',').append(c.high()[i]).append(',')
                    .append(c.low()[i]).append(',').append(c.close()[i]).append(',').append(c.volume()[i]).append('\n');
        }
        return out.toString();
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: the JDK's nextGaussian is not on SplittableRandom in Java 17.
        return StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble())) * StrictMath.cos(2 * Math.PI * random.nextDouble());
    }

    private static double cents(double x) {
        return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }
}
