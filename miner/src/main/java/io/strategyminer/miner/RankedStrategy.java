package io.strategyminer.miner;

import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.genome.Genome;

/**
 * One strategy of a work unit's report.
 *
 * @param fitness      the objective's value on the in-sample metrics (what the search ranked by)
 * @param inSample     metrics on the in-sample range (what the search saw)
 * @param outOfSample  metrics on the out-of-sample range (never seen by the search: the honest check)
 * @param inSampleBuyAndHold    holding the asset over the in-sample range (the same for every strategy of a unit)
 * @param outOfSampleBuyAndHold holding the asset over the out-of-sample range
 * @param tradesDigest the digest of both trade lists, from which with the metrics the digest is computed
 * @param digest       the result digest a verifying peer must reproduce (DESIGN §3)
 */
public record RankedStrategy(Genome genome, Fitness fitness, Metrics inSample, Metrics outOfSample,
                             Metrics inSampleBuyAndHold, Metrics outOfSampleBuyAndHold, String tradesDigest,
                             String digest) {
}
