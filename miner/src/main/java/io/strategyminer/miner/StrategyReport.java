package io.strategyminer.miner;

import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.data.DatasetId;
import java.util.List;

/**
 * What a work unit produced (DESIGN §3): its best strategy with in- and out-of-sample metrics, the
 * buy-and-hold metrics of both ranges, its trades digest and result digest, plus the runners-up, and the unit's
 * trial statistics. The same spec gives an equal report on any machine, with any number of threads, resumed from
 * any checkpoint or not.
 *
 * @param specHash      {@link WorkUnitSpec#specHash()} of the unit
 * @param seed          the unit's seed
 * @param engineVersion the backtest engine that computed metrics and digests; only equal versions compare
 * @param generations   generations completed
 * @param backtests     in-sample backtests the search ran (fitness evaluations; cached genomes not counted)
 * @param trials        the genomes the search evaluated (every evaluation a trial, see {@link SearchState}) and the
 *                      moments of their in-sample daily Sharpe ratios: the unit's share of its search's trial count N and trial-Sharpe variance, from
 *                      which every strategy's deflated Sharpe ratio is computed ({@link DeflatedSharpeRanking})
 * @param strategies    the best genomes found, best first, at most {@link WorkUnitSpec#reported()}; their
 *                      in-sample fitness differs pairwise, so each is a different strategy, not the same
 *                      trades spelled another way
 */
public record StrategyReport(String specHash, long seed, DatasetId datasetId, Split split, String engineVersion,
                             int generations, long backtests, TrialStatistics trials,
                             List<RankedStrategy> strategies) {
    public StrategyReport {
        strategies = List.copyOf(strategies);
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("a report has at least one strategy");
        }
        if (trials == null || trials.genomes() < 1 || trials.genomes() > backtests) {
            throw new IllegalArgumentException("a report's trials count 1 to " + backtests + " genomes, got " + trials);
        }
    }

    /** The unit's result: the best strategy it found. */
    public RankedStrategy best() {
        return strategies.get(0);
    }

    public Genome bestGenome() {
        return best().genome();
    }

    public Metrics inSample() {
        return best().inSample();
    }

    public Metrics outOfSample() {
        return best().outOfSample();
    }

    public Metrics inSampleBuyAndHold() {
        return best().inSampleBuyAndHold();
    }

    public Metrics outOfSampleBuyAndHold() {
        return best().outOfSampleBuyAndHold();
    }

    /** The trades digest of the best strategy (with its metrics, what {@link #digest()} is computed from). */
    public String tradesDigest() {
        return best().tradesDigest();
    }

    /** The result digest of the best strategy: what verifying peers must reproduce. */
    public String digest() {
        return best().digest();
    }
}
