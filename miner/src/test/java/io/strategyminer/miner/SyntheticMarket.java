package io.strategyminer.miner;

import io.strategyminer.data.CandleSeriesBuilder;
import io.strategyminer.data.Dataset;

/**
 * Synthetic 5-minute candles for measuring what a search's statistics are worth: a market with no edge, and the
 * same market with one planted edge. Seeded, and generated with {@link StrictMath}, so a seed is the same candles
 * on every machine.
 *
 * <p><b>Random walk.</b> The log price is a Gaussian random walk sampled every minute, with a standard
 * deviation of {@value #SIGMA_PER_CANDLE} per 5 minutes (0.2 %: {@code 0.002 × √105,120} ≈ 65 % a year, where
 * BTC/USD's realised volatility usually is; one week of March 2023 ETH/USD in {@code ../shared/data} has 0.28 %).
 * A candle is {@value #STEPS} one-minute steps: it opens at the previous close, closes at the last step, and its
 * high and low are the extremes of the path, so the range is that of a real path, not a decoration. Volume is
 * log-normal and independent of price. The log drift is −σ²/2, which makes the price a martingale (the expected
 * next price is the current one). Nothing in the past says anything about the future: every strategy's expected
 * return is minus its costs.
 *
 * <p><b>Planted edge.</b> The same walk, except that after a fall of more than {@value #DROP_PCT} % over
 * {@value #DROP_PERIOD} candles (close to close: ROC(10) &lt; −1.5, a 2.4 σ move), the next {@value #RALLY_CANDLES}
 * candles drift up by {@code rallyDrift} each, on top of the same noise (buyers coming back after a flush), and
 * all other candles drift down by {@code rallyDrift × 6 / 94}: rally candles are about 6 % of all (measured on
 * this generator), so the market as a whole still goes nowhere and holding it, or being long most of the time,
 * earns nothing; only buying after the falls does. The gene space can express it exactly ("BUY when ROC(10) &lt; −1.5" with a take-profit or a holding limit) and
 * approximately in many ways (RSI, stochastic %K or Bollinger %B low, price below a short average), which is what a
 * real edge looks like to a search. A new rally needs a new fall after the previous rally ended.
 */
public final class SyntheticMarket {
    static final double SIGMA_PER_CANDLE = 0.002;
    static final int STEPS = 5;
    static final double DROP_PCT = 1.5;
    static final int DROP_PERIOD = 10;
    static final int RALLY_CANDLES = 12;
    /** About the share of candles in a rally, which the drift outside rallies pays for. */
    static final double RALLY_SHARE = 0.06;

    private SyntheticMarket() {
    }

    /** {@code candles} 5-minute candles of the random walk with no edge. */
    public static Dataset randomWalk(int candles, long seed) {
        return generate("random walk " + seed, candles, seed, 0);
    }

    /** The random walk of {@code seed} with the planted edge: a log drift of {@code rallyDrift} per rally candle. */
    public static Dataset plantedEdge(int candles, long seed, double rallyDrift) {
        return generate("planted edge " + seed, candles, seed, rallyDrift);
    }

    private static Dataset generate(String name, int candles, long seed, double rallyDrift) {
        Xoshiro256 rng = Xoshiro256.seeded(seed);
        CandleSeriesBuilder series = new CandleSeriesBuilder(candles);
        double[] close = new double[candles];
        double stepSigma = SIGMA_PER_CANDLE / StrictMath.sqrt(STEPS);
        // A log drift of -σ²/2 per step makes the price itself a martingale: no long position expects a gain.
        double noDrift = -stepSigma * stepSigma / 2;
        double logPrice = StrictMath.log(30_000);
        int rallyLeft = 0;
        for (int i = 0; i < candles; i++) {
            double drift = noDrift
                    + (rallyLeft > 0 ? rallyDrift : -rallyDrift * RALLY_SHARE / (1 - RALLY_SHARE)) / STEPS;
            if (rallyLeft > 0) {
                rallyLeft--;
            }
            double open = StrictMath.exp(logPrice);
            double high = open;
            double low = open;
            for (int step = 0; step < STEPS; step++) {
                logPrice += drift + stepSigma * gaussian(rng);
                double price = StrictMath.exp(logPrice);
                high = Math.max(high, price);
                low = Math.min(low, price);
            }
            close[i] = StrictMath.exp(logPrice);
            series.add(1_700_000_000L + 300L * i, open, high, low, close[i], StrictMath.exp(2 + 0.5 * gaussian(rng)));
            boolean fell = i >= DROP_PERIOD
                    && 100 * (close[i] - close[i - DROP_PERIOD]) / close[i - DROP_PERIOD] < -DROP_PCT;
            if (rallyDrift != 0 && rallyLeft == 0 && fell) {
                rallyLeft = RALLY_CANDLES;
            }
        }
        return Dataset.of(name, "SYN-USD", 300, series.build());
    }

    /** A standard normal variate (Box–Muller, one of the pair). */
    private static double gaussian(Xoshiro256 rng) {
        double u = 1 - rng.nextDouble(); // (0, 1]: the logarithm stays finite
        double v = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }
}
