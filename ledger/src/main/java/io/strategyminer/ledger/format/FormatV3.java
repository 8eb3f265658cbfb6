package io.strategyminer.ledger.format;

import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.event.EventType;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.miner.SearchSpec;

/**
 * Ledger format 3, the current one. Changed since format 2: a search says whether it is a walk-forward (its number
 * of windows, 1 for a single split, and whether they are anchored). Every other payload is stored as in format 2.
 */
final class FormatV3 {
    static final int VERSION = 3;

    private FormatV3() {
    }

    static byte[] write(Payload payload) {
        return SchemaMapper.write(payload instanceof SearchSubmitted s ? Search.of(s) : FormatV2.schema(payload));
    }

    static Payload read(EventType type, byte[] json) {
        return type == EventType.SEARCH_SUBMITTED ? SchemaMapper.read(Search.class, json).domain()
                : FormatV2.read(type, json);
    }

    record Search(String searchId, DatasetId dataset, int splitPercent, int population, int generations,
                  RiskLevel risk, Objective objective, int minTrades, int workUnits, int quorum, long seed,
                  boolean allowSameMachine, double feePct, double slippagePct, int walkForward, boolean anchored) {
        static Search of(SearchSubmitted submitted) {
            SearchSpec s = submitted.spec();
            return new Search(submitted.searchId(), s.dataset(), s.splitPercent(), s.population(), s.generations(),
                    s.risk(), s.objective(), s.minTrades(), s.workUnits(), s.quorum(), s.seed(), s.allowSameMachine(),
                    s.feePct(), s.slippagePct(), s.walkForward(), s.anchored());
        }

        SearchSubmitted domain() {
            return new SearchSubmitted(searchId, new SearchSpec(dataset, splitPercent, population, generations, risk,
                    objective, minTrades, workUnits, quorum, seed, allowSameMachine, feePct, slippagePct, walkForward,
                    anchored));
        }
    }
}
