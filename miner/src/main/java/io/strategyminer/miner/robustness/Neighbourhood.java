package io.strategyminer.miner.robustness;

import java.util.List;

/**
 * The strategy's neighbours on the gene grid: a robust strategy keeps most of its result when one parameter moves a
 * step, an overfitted one sits on a lone peak.
 *
 * @param profitableShare share of the neighbours with a positive in-sample net PnL, in [0, 1]; NaN without neighbours
 * @param medianSharpe    median in-sample Sharpe ratio of the neighbours whose Sharpe ratio is defined; NaN if none
 * @param undefinedSharpe neighbours whose Sharpe ratio is undefined (too few days, or daily returns that do not
 *                        vary), left out of the median
 */
public record Neighbourhood(List<Neighbour> neighbours, double profitableShare, double medianSharpe,
                            int undefinedSharpe) {
    public Neighbourhood {
        neighbours = List.copyOf(neighbours);
    }

    public int count() {
        return neighbours.size();
    }
}
