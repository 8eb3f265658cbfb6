package io.strategyminer.backtest;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import java.util.SplittableRandom;

/**
 * A year of synthetic BTC-like 1-minute candles (525,600, from 2023-01-01 00:00 UTC), for measuring how the engine
 * scales with long data: no real 1-minute year is at hand (the bundled trades make 9,400 minutes). Seeded, so every
 * run measures the same candles.
 *
 * <p>The close is a random walk of log-returns with changing volatility: a per-minute volatility of 60 %/year on
 * average (0.6/√525,600), scaled by a slowly mean-reverting factor (AR(1) on its log with a half-life of about a day,
 * between calm and wild weeks as real markets have) and occasional jumps (one minute in 5,000 moves 10 volatilities).
 * Each candle opens at the previous close; its high and low reach beyond the body by half-normal wicks; prices are
 * on a cent grid (so ties and flat candles occur, as in real data); volume is log-normal and grows with the move.
 */
final class SyntheticMinutes {
    static final int CANDLES_PER_YEAR = 525_600;
    private static final long START = 1_672_531_200L;
    private static final double VOLATILITY = 0.6 / Math.sqrt(CANDLES_PER_YEAR);
    /** Per-minute persistence of the log-volatility factor: half-life ln 2 / (1 − φ) ≈ 1,000 minutes. */
    private static final double PERSISTENCE = 1 - 1.0 / 1_440;

    private SyntheticMinutes() {
    }

    /** The first {@code candles} minutes of the year generated from {@code seed}. */
    static Dataset year(long seed, int candles) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] time = new long[candles];
        double[] open = new double[candles];
        double[] high = new double[candles];
        double[] low = new double[candles];
        double[] close = new double[candles];
        double[] volume = new double[candles];
        double price = 16_500;
        double logVol = 0;
        for (int i = 0; i < candles; i++) {
            logVol = PERSISTENCE * logVol + 0.04 * gaussian(rng);
            double sigma = VOLATILITY * StrictMath.exp(logVol);
            double move = sigma * (rng.nextInt(5_000) == 0 ? 10 * gaussian(rng) : gaussian(rng));
            time[i] = START + 60L * i;
            open[i] = price;
            price = cents(price * StrictMath.exp(move));
            close[i] = price;
            high[i] = cents(Math.max(open[i], close[i]) * (1 + sigma * Math.abs(gaussian(rng)) / 2));
            low[i] = cents(Math.min(open[i], close[i]) * (1 - sigma * Math.abs(gaussian(rng)) / 2));
            volume[i] = 5 * StrictMath.exp(0.5 * gaussian(rng)) * (1 + Math.abs(move) / sigma);
        }
        return Dataset.of("synthetic-1m-" + seed + "-" + candles, "BTC-USD", 60,
                new CandleSeries(time, open, high, low, close, volume));
    }

    private static double cents(double price) {
        return Math.rint(price * 100) / 100;
    }

    /** A standard normal deviate (Box–Muller with StrictMath, so the same bits on every JVM). */
    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * rng.nextDouble());
    }
}
