package io.strategyminer.ledger.event;

import io.strategyminer.backtest.Evaluation;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.ResultDigest;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.miner.SearchSpec;

/**
 * A work unit's result (DESIGN §3): the best genome by in-sample fitness, its metrics and buy-and-hold's on both
 * ranges, the digests verifiers must reproduce, and the unit's trial statistics (for the deflated Sharpe ratio).
 * The strategy is named by this event ({@link StrategyId}: reporter + sequence). The genome is stored in its
 * canonical JSON form ({@code GenomeJson}) and re-validated when read.
 *
 * <p>The digest commits to every reported figure ({@link ResultDigest}): {@link #bindsFigures} recomputes it
 * from the report and its search alone, so a report whose figures were altered after the backtest either fails
 * that check or carries a digest no honest verifier reproduces.
 *
 * @param searchId              the search
 * @param unit                  the unit index
 * @param genome                the strategy
 * @param inSample              metrics over the in-sample range
 * @param inSampleBuyAndHold    holding the asset over the in-sample range
 * @param outOfSample           metrics over the holdout (all zero when the split is 100 %)
 * @param outOfSampleBuyAndHold holding the asset over the holdout
 * @param tradesDigest          SHA-256 over both ranges' trade lists
 * @param digest                the result digest: engine, dataset, split, costs, trades digest and every metric
 * @param engineVersion         the engine version that produced it; only equal versions are compared
 * @param trials                what the unit's search tried: distinct genomes and their in-sample Sharpe moments
 */
public record StrategyReported(String searchId, int unit, Genome genome, Metrics inSample,
                               Metrics inSampleBuyAndHold, Metrics outOfSample, Metrics outOfSampleBuyAndHold,
                               Sha256 tradesDigest, Sha256 digest, String engineVersion, TrialStatistics trials)
        implements Payload {

    public StrategyReported {
        Checks.matches("search id", searchId, Checks.ID);
        Checks.range("unit", unit, 0, SearchSubmitted.MAX_WORK_UNITS - 1);
        Checks.required("genome", genome);
        checkMetrics("in-sample", inSample);
        checkMetrics("in-sample buy-and-hold", inSampleBuyAndHold);
        checkMetrics("out-of-sample", outOfSample);
        checkMetrics("out-of-sample buy-and-hold", outOfSampleBuyAndHold);
        Checks.required("trades digest", tradesDigest);
        Checks.required("digest", digest);
        Checks.matches("engine version", engineVersion, Checks.VERSION);
        checkTrials(trials);
    }

    /** The report of {@code genome}'s evaluation (both ranges, their buy-and-hold, both digests, the engine). */
    public static StrategyReported of(String searchId, int unit, Genome genome, Evaluation evaluation,
                                      TrialStatistics trials) {
        return new StrategyReported(searchId, unit, genome, evaluation.inSample().metrics(),
                evaluation.inSample().buyAndHold(), evaluation.outOfSample().metrics(),
                evaluation.outOfSample().buyAndHold(), Sha256.parse(evaluation.tradesDigest()),
                Sha256.parse(evaluation.digest()), evaluation.engineVersion(), trials);
    }

    /**
     * Whether {@link #digest} is the digest of exactly these figures under {@code search}'s dataset, costs and
     * the split of this report's unit. A report that fails it claims figures its own digest does not commit to.
     */
    public boolean bindsFigures(SearchSpec search) {
        return ResultDigest.of(engineVersion, search.dataset(), search.unitSplit(unit), search.costs(), tradesDigest.hex(),
                inSample, inSampleBuyAndHold, outOfSample, outOfSampleBuyAndHold).equals(digest.hex());
    }

    @Override
    public EventType type() {
        return EventType.STRATEGY_REPORTED;
    }

    private static void checkMetrics(String range, Metrics m) {
        Checks.required(range + " metrics", m);
        Checks.finite(range + " net PnL", m.netPnl());
        Checks.finite(range + " return", m.returnPct());
        Checks.range(range + " trades", m.trades(), 0, Integer.MAX_VALUE);
        Checks.finiteRange(range + " win rate", m.winRate(), 0, 1);
        Checks.finiteRange(range + " profit factor", m.profitFactor(), 0, Double.MAX_VALUE);
        Checks.finiteRange(range + " exposure", m.exposurePct(), 0, 100);
        Checks.finiteRange(range + " max drawdown", m.maxDrawdownPct(), 0, 100);
        Checks.range(range + " days", m.days(), 0, Integer.MAX_VALUE);
        // undefined (NaN) when the range is too short for them; never infinite
        Checks.finiteOrUndefined(range + " CAGR", m.cagrPct());
        Checks.finiteOrUndefined(range + " Sharpe", m.sharpe());
        Checks.finiteOrUndefined(range + " Sortino", m.sortino());
        Checks.finiteOrUndefined(range + " daily skewness", m.dailySkewness());
        Checks.finiteOrUndefined(range + " daily kurtosis", m.dailyKurtosis());
    }

    private static void checkTrials(TrialStatistics t) {
        Checks.required("trial statistics", t);
        Checks.range("trial genomes", t.genomes(), 1, Long.MAX_VALUE);
        Checks.range("trials with a Sharpe ratio", t.sharpeCount(), 0, t.genomes());
        Checks.finite("trial Sharpe sum", t.sharpeSum());
        Checks.finiteRange("trial Sharpe sum of squares", t.sharpeSumOfSquares(), 0, Double.MAX_VALUE);
    }
}
