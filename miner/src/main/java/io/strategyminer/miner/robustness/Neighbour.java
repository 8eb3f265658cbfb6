package io.strategyminer.miner.robustness;

/**
 * A neighbour of the strategy on the gene grid, backtested on the in-sample range.
 *
 * @param parameter what moved ({@link io.strategyminer.miner.GridNeighbours.Step#parameter()})
 * @param from      its value in the strategy
 * @param to        its value in the neighbour
 * @param sharpe    the in-sample Sharpe ratio (daily × √365); NaN when undefined
 */
public record Neighbour(String parameter, String from, String to, int trades, double netPnl, double returnPct,
                        double sharpe) {
}
