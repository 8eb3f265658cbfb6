package io.strategyminer.miner.robustness;

import io.strategyminer.backtest.PositionSizing;
import io.strategyminer.backtest.Trade;
import io.strategyminer.miner.Xoshiro256;
import java.util.ArrayList;
import java.util.List;

/**
 * Monte Carlo over a strategy's trades: the same trades in other orders (a permutation: the final equity stays, the
 * path and its drawdown change) or drawn with replacement (a bootstrap: some trades twice, some never, so the final
 * equity changes too). Each trade is replayed as the engine books it ({@link PositionSizing}): its size is a share of
 * the equity it meets, its entry and exit prices and the fees are its own. So its return on what it commits is the
 * same in any order, and the trades in their real order end at the backtest's final equity, bit for bit.
 */
final class TradeResampling {
    /** Most points of a fan: enough for a chart, and bounded whatever the number of trades. */
    static final int MAX_FAN_POINTS = 101;

    private final List<Trade> trades;
    private final double initialCapital;
    private final double share;
    private final double feeRate;

    /**
     * @param share   the share of equity each trade commits ({@link PositionSizing#share})
     * @param feeRate the fee per side as a fraction ({@link PositionSizing#feeRate})
     */
    TradeResampling(List<Trade> trades, double initialCapital, double share, double feeRate) {
        this.trades = List.copyOf(trades);
        this.initialCapital = initialCapital;
        this.share = share;
        this.feeRate = feeRate;
    }

    /** The equity after each trade in the given order (element 0: the initial capital). */
    double[] equityPath(int[] order) {
        double[] path = new double[order.length + 1];
        path[0] = initialCapital;
        for (int k = 0; k < order.length; k++) {
            path[k + 1] = PositionSizing.cashAfter(path[k], trades.get(order[k]), share, feeRate);
        }
        return path;
    }

    /** {@code runs} permutations of the trade order, drawn from {@code seed}. */
    MonteCarloBands reshuffled(int runs, long seed) {
        return simulate(runs, seed, false);
    }

    /** {@code runs} draws of as many trades as the strategy made, with replacement, from {@code seed}. */
    MonteCarloBands bootstrapped(int runs, long seed) {
        return simulate(runs, seed, true);
    }

    private MonteCarloBands simulate(int runs, long seed, boolean withReplacement) {
        if (runs < 1) {
            throw new IllegalArgumentException("a Monte Carlo needs at least one run, got " + runs);
        }
        int n = trades.size();
        int[] points = fanPoints(n);
        double[][] equityAt = new double[points.length][runs];
        double[] totalReturnPct = new double[runs];
        double[] maxDrawdownPct = new double[runs];
        int[] order = new int[n];
        Xoshiro256 rng = Xoshiro256.seeded(seed);
        for (int run = 0; run < runs; run++) {
            draw(order, withReplacement, rng);
            double[] path = equityPath(order);
            for (int p = 0; p < points.length; p++) {
                equityAt[p][run] = path[points[p]];
            }
            totalReturnPct[run] = returnPct(path[n]);
            maxDrawdownPct[run] = maxDrawdownPct(path);
        }
        double[] actual = equityPath(identity(n));
        List<FanPoint> fan = new ArrayList<>(points.length);
        for (int p = 0; p < points.length; p++) {
            Percentiles band = Percentiles.of(equityAt[p]);
            fan.add(new FanPoint(points[p], band.p5(), band.median(), band.p95(), actual[points[p]]));
        }
        return new MonteCarloBands(runs, Percentiles.of(totalReturnPct), Percentiles.of(maxDrawdownPct), fan);
    }

    /** A uniform permutation (Fisher–Yates from the identity) or {@code n} uniform draws with replacement. */
    private static void draw(int[] order, boolean withReplacement, Xoshiro256 rng) {
        int n = order.length;
        if (withReplacement) {
            for (int k = 0; k < n; k++) {
                order[k] = rng.nextInt(n);
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int swap = order[k];
            order[k] = order[j];
            order[j] = swap;
        }
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        return order;
    }

    /** As the engine's returnPct: the net PnL over the initial capital, in percent. */
    private double returnPct(double finalEquity) {
        return (finalEquity - initialCapital) / initialCapital * 100;
    }

    /** As the engine's drawdown ((peak − trough) / peak), over the equity after each trade. */
    private static double maxDrawdownPct(double[] path) {
        double peak = path[0];
        double largest = 0;
        for (double equity : path) {
            peak = Math.max(peak, equity);
            largest = Math.max(largest, (peak - equity) / peak);
        }
        return largest * 100;
    }

    /** Trade numbers 0 … n, all of them up to {@link #MAX_FAN_POINTS}, else evenly spaced with both ends. */
    static int[] fanPoints(int n) {
        int count = Math.min(n + 1, MAX_FAN_POINTS);
        int[] points = new int[count];
        for (int p = 0; p < count; p++) {
            points[p] = count == 1 ? 0 : (int) ((long) p * n / (count - 1));
        }
        return points;
    }
}
