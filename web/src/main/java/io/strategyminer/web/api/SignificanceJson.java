package io.strategyminer.web.api;

import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.stats.SharpeSignificance;
import io.strategyminer.miner.DeflatedSharpeRanking;

/**
 * A strategy's significance, the same wherever it is shown: the API's strategies and the command line's
 * {@code mine --json} and {@code backtest --json} (which have their unit's N, or one trial, instead of a search's).
 * How likely the strategy's in-sample Sharpe ratio is more than luck, on in-sample data only: the probabilistic
 * Sharpe ratio (PSR, against 0) and the deflated one (DSR, against the best of {@code trials} by luck,
 * {@link DeflatedSharpeRanking#trials}), Bailey &amp; López de Prado; {@code luckSharpe} is that bar, annualised like
 * {@code sharpe}. Undefined figures are null, and {@code undefined} says why (null when they are defined).
 */
public record SignificanceJson(Double deflatedSharpe, Double probabilisticSharpe, Double luckSharpe, long trials,
                               int days, String undefined) {

    public static SignificanceJson of(Metrics inSample, long trials) {
        String undefined = inSample.days() < Metrics.MIN_DAYS
                ? "the in-sample range has " + inSample.days() + " daily returns; these need " + Metrics.MIN_DAYS
                : !inSample.hasDailyStatistics() ? "the in-sample daily returns do not vary" : null;
        return new SignificanceJson(MetricsJson.defined(DeflatedSharpeRanking.deflatedSharpe(inSample, trials)),
                MetricsJson.defined(SharpeSignificance.probabilistic(inSample)),
                MetricsJson.defined(DeflatedSharpeRanking.expectedMaximumSharpe(inSample.days(), trials)
                        * Metrics.ANNUALISE),
                trials, inSample.days(), undefined);
    }
}
