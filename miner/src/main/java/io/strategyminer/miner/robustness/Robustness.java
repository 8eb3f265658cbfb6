package io.strategyminer.miner.robustness;

/**
 * A strategy's robustness figures on its in-sample range ({@link RobustnessAnalysis}): shown beside its results,
 * never used to choose or rank.
 *
 * @param seed          what every random draw derives from (the strategy's result digest), so any peer reproduces them
 * @param inSampleFrom  first candle of the range they are computed on
 * @param inSampleTo    end (exclusive) of that range
 * @param reshuffled    Monte Carlo over permutations of the trade order
 * @param bootstrapped  Monte Carlo over trades drawn with replacement
 * @param neighbourhood the neighbours on the gene grid
 * @param randomEntries the entry rule against random entries
 */
public record Robustness(long seed, int inSampleFrom, int inSampleTo, MonteCarloBands reshuffled,
                         MonteCarloBands bootstrapped, Neighbourhood neighbourhood,
                         RandomEntrySignificance randomEntries) {
}
