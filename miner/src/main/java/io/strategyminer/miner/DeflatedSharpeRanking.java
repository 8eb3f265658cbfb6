package io.strategyminer.miner;

import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.stats.SharpeSignificance;
import io.strategyminer.backtest.stats.TrialStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The one rule that says which strategies of a search are best (DESIGN §3, "Statistics of a search"): by deflated
 * Sharpe ratio (Bailey &amp; López de Prado 2014) computed on the in-sample range only — the strategy's daily
 * Sharpe ratio, its number of daily returns T, their skewness and raw kurtosis — against the search's number of
 * trials N ({@link #trials}). The holdout is read by nothing here, so it stays an honest check of whatever this
 * rule picks.
 *
 * <p>Whoever ranks a search's strategies — the ledger's results, the dashboard's default order, a test that plays
 * a whole search — calls this, so they all agree.
 */
public final class DeflatedSharpeRanking {
    private DeflatedSharpeRanking() {
    }

    /**
     * N, the trials a strategy is deflated by: the most genomes {@code units} work units of {@code population} ×
     * {@code generations} can evaluate (every generation evaluates at most its population), taken from the search's
     * own parameters. What a unit's reporter says it evaluated ({@link TrialStatistics#genomes()}, a few percent
     * less: elites are not evaluated again) is not used: a member running modified code could shrink it to make
     * its search's strategies look significant, and nobody re-runs a whole unit to check. Counting the bound
     * errs on the side of doubt.
     */
    public static long trials(int population, int generations, int units) {
        return Math.multiplyExact(Math.multiplyExact((long) population, generations), units);
    }

    /**
     * A search's trial statistics as its units reported them (shown beside N, never deciding anything):
     * {@code inUnitIndexOrder} (floating-point sums are merged in one
     * fixed order so that every peer gets the same bits). Units that have not reported yet are simply absent;
     * a genome two units both tried counts in each (islands rarely meet, and counting it twice only raises the
     * bar).
     */
    public static TrialStatistics searchTrials(List<TrialStatistics> inUnitIndexOrder) {
        TrialStatistics merged = TrialStatistics.EMPTY;
        for (TrialStatistics unit : inUnitIndexOrder) {
            merged = merged.plus(unit);
        }
        return merged;
    }

    /**
     * The deflated Sharpe ratio of a strategy with these in-sample metrics in a search with these trials: the
     * probability that its in-sample daily Sharpe ratio beats {@link #expectedMaximumSharpe the best that many
     * unskilled trials reach by luck}. NaN when undefined (fewer than {@link Metrics#MIN_DAYS} days, returns
     * that do not vary).
     */
    public static double deflatedSharpe(Metrics inSample, long trials) {
        return SharpeSignificance.probabilistic(inSample.dailySharpe(),
                expectedMaximumSharpe(inSample.days(), trials), inSample.days(), inSample.dailySkewness(),
                inSample.dailyKurtosis());
    }

    /**
     * SR0, the daily Sharpe ratio the best of the search's N {@link #trials} reaches by luck alone on an
     * in-sample range of {@code inSampleDays} daily returns: Bailey &amp; López de Prado's expected maximum of N
     * Sharpe ratios with no skill, whose variance is that of a Sharpe ratio estimated from T daily returns when
     * the true one is zero, 1 / (T − 1) — the standard error the probabilistic Sharpe ratio itself uses at
     * SR = 0 — and not the variance across the trials (see miner/README.md, "Trial statistics": across a genetic
     * search's trials that variance measures how much strategies lose to costs, and how closely the population
     * has converged, not luck). Trials of one search are positively correlated (they share the candles and
     * breed from each other), so their best is below the best of N independent ones: counting them all as
     * independent errs on the side of doubt. NaN for fewer than 2 days or no trial.
     */
    public static double expectedMaximumSharpe(int inSampleDays, long trials) {
        if (inSampleDays < 2) {
            return Double.NaN;
        }
        return SharpeSignificance.expectedMaximum(trials, 1.0 / (inSampleDays - 1));
    }

    /**
     * {@code strategies} best first: by {@link #deflatedSharpe} descending, then (for equal ratios, e.g. several
     * at 1.0) by in-sample daily Sharpe ratio descending; undefined figures after every defined one; strategies
     * still equal keep their order in {@code strategies}, which the caller therefore gives in a deterministic
     * order (e.g. by unit index).
     */
    public static <T> List<T> bestFirst(List<T> strategies, Function<? super T, Metrics> inSample,
                                        long trials) {
        return bestFirst(strategies, inSample, strategy -> trials);
    }

    /**
     * As {@link #bestFirst(List, Function, long)} for strategies of several searches, each deflated by its own
     * search's trials (a deflated Sharpe ratio is a probability, so they compare across searches).
     */
    public static <T> List<T> bestFirst(List<T> strategies, Function<? super T, Metrics> inSample,
                                        ToLongFunction<? super T> trials) {
        List<Ranked<T>> ranked = new ArrayList<>(strategies.size());
        for (T strategy : strategies) {
            Metrics metrics = inSample.apply(strategy);
            ranked.add(new Ranked<>(strategy, deflatedSharpe(metrics, trials.applyAsLong(strategy)),
                    metrics.dailySharpe()));
        }
        // List.sort is stable: what stays equal keeps the caller's order.
        ranked.sort((a, b) -> {
            int byDeflated = higherFirst(a.deflated(), b.deflated());
            return byDeflated != 0 ? byDeflated : higherFirst(a.dailySharpe(), b.dailySharpe());
        });
        return ranked.stream().map(Ranked::strategy).toList();
    }

    /** Descending, NaN (undefined) after every number. */
    private static int higherFirst(double a, double b) {
        boolean aUndefined = Double.isNaN(a);
        boolean bUndefined = Double.isNaN(b);
        if (aUndefined || bUndefined) {
            return Boolean.compare(aUndefined, bUndefined);
        }
        return Double.compare(b, a);
    }

    /** A strategy with its sort keys, each computed once. */
    private record Ranked<T>(T strategy, double deflated, double dailySharpe) {
    }
}
