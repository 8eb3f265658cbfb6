package io.strategyminer.peer;

import io.strategyminer.backtest.Objective;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.miner.SearchSpec;

/**
 * Searches as the peer tests submit them straight to a runtime: objective calmar (the bundled week is far too short
 * for daily Sharpe, so a peer would choose calmar for it too), at least one in-sample trade, same-machine peers
 * counted as independent (every test peer runs on this machine).
 */
public final class TestSearches {
    private TestSearches() {
    }

    public static SearchSpec.Builder spec(DatasetId dataset, int population, int generations, int units, int quorum,
                                          long seed) {
        return SearchSpec.builder().dataset(dataset).population(population).generations(generations)
                .objective(Objective.CALMAR).minTrades(1).workUnits(units).quorum(quorum).seed(seed)
                .allowSameMachine(true);
    }

    public static SearchSubmitted search(String id, DatasetId dataset, int population, int generations, int units,
                                         int quorum, long seed) {
        return new SearchSubmitted(id, spec(dataset, population, generations, units, quorum, seed).build());
    }
}
