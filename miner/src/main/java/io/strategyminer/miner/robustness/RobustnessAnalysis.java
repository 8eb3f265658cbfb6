package io.strategyminer.miner.robustness;

import io.strategyminer.backtest.BacktestResult;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.PositionSizing;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.miner.SplitMix64;

/**
 * A strategy's robustness figures on its in-sample range (DESIGN §3): Monte Carlo over its trades, its neighbours on
 * the gene grid, and its entry rule against random entries. Pure and single-threaded: the same genome, candles, costs,
 * range and seed give the same bits on every machine. The holdout is not read (these figures are shown, and nothing
 * chooses by them, but they stay on the data a search may see all the same).
 */
public final class RobustnessAnalysis {
    private RobustnessAnalysis() {
    }

    /**
     * How many random draws each figure takes.
     *
     * @param monteCarloRuns   orders per Monte Carlo (reshuffled, and again bootstrapped)
     * @param randomEntryDraws random entry schedules of the significance test
     */
    public record Runs(int monteCarloRuns, int randomEntryDraws) {
        /** A thousand of each: percentiles and a p-value down to 0.001 that move little from seed to seed. */
        public static final Runs DEFAULT = new Runs(1_000, 1_000);
        /** Bounds the work one request can ask for. */
        public static final int MAX = 1_000_000;

        public Runs {
            if (monteCarloRuns < 1 || monteCarloRuns > MAX || randomEntryDraws < 1 || randomEntryDraws > MAX) {
                throw new IllegalArgumentException("Monte Carlo runs " + monteCarloRuns + " and random-entry draws "
                        + randomEntryDraws + " must each be within 1–" + MAX);
            }
        }
    }

    /**
     * The seed of a strategy's figures: the first 64 bits of its result digest (hex), which every peer that
     * reproduced the strategy holds.
     */
    public static long seedOf(String digestHex) {
        if (digestHex == null || !digestHex.matches("[0-9a-fA-F]{16,}")) {
            throw new IllegalArgumentException("a result digest is at least 16 hex digits, got '" + digestHex + "'");
        }
        return Long.parseUnsignedLong(digestHex.substring(0, 16), 16);
    }

    /** The robustness of {@code genome} on {@code inSample}, with {@code backtester}'s candles and costs. */
    public static Robustness analyse(Backtester backtester, Genome genome, Range inSample, long seed, Runs runs) {
        BacktestResult result = backtester.run(genome, inSample);
        TradeResampling trades = new TradeResampling(result.trades(), backtester.config().initialCapital(),
                PositionSizing.share(genome), PositionSizing.feeRate(backtester.config()));
        // one independent stream per figure: adding runs to one never changes another
        MonteCarloBands reshuffled = trades.reshuffled(runs.monteCarloRuns(), SplitMix64.derive(seed, 0));
        MonteCarloBands bootstrapped = trades.bootstrapped(runs.monteCarloRuns(), SplitMix64.derive(seed, 1));
        Neighbourhood neighbourhood = NeighbourBacktests.of(backtester, genome, inSample);
        RandomEntrySignificance randomEntries = RandomEntries.test(backtester, genome, inSample, result.metrics(),
                runs.randomEntryDraws(), SplitMix64.derive(seed, 2));
        return new Robustness(seed, inSample.from(), inSample.to(), reshuffled, bootstrapped, neighbourhood,
                randomEntries);
    }
}
