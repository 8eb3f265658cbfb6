package io.strategyminer.web;

import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.ledger.event.SearchSubmitted;
import java.util.Objects;

/**
 * A search as the API receives it (POST /api/searches), with DESIGN §7's defaults filled in. The
 * ranges are those of {@link SearchSubmitted}, checked here so that a bad request is refused with
 * the field's name before it reaches the peer.
 *
 * @param dataset          a dataset reference: full id, unique id prefix or name
 * @param splitPercent     in-sample share, 10–100 (default 70)
 * @param population       2–100,000 (default 40)
 * @param generations      1–100,000 (default 30)
 * @param risk             default MEDIUM
 * @param objective        default SHARPE
 * @param minTrades        0–1,000,000 (default 10)
 * @param workUnits        1–100,000 (default 4)
 * @param quorum           1–64 (default 2)
 * @param seed             the GA seed, or null to let the peer choose one
 * @param allowSameMachine whether peers on one machine count as independent (default false)
 */
public record SearchRequest(String dataset, int splitPercent, int population, int generations, RiskLevel risk,
                            Objective objective, int minTrades, int workUnits, int quorum, Long seed,
                            boolean allowSameMachine) {
    public static final int DEFAULT_SPLIT = 70;
    public static final int DEFAULT_POPULATION = 40;
    public static final int DEFAULT_GENERATIONS = 30;
    public static final RiskLevel DEFAULT_RISK = RiskLevel.MEDIUM;
    public static final Objective DEFAULT_OBJECTIVE = Objective.SHARPE;
    public static final int DEFAULT_MIN_TRADES = 10;
    public static final int DEFAULT_WORK_UNITS = 4;
    public static final int DEFAULT_QUORUM = 2;

    public SearchRequest {
        if (dataset == null || dataset.isBlank() || dataset.length() > 128) {
            throw new IllegalArgumentException("dataset: give a dataset id, id prefix or name (1–128 characters)");
        }
        check("splitPercent", splitPercent, 10, 100);
        check("population", population, 2, 100_000);
        check("generations", generations, 1, 100_000);
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(objective, "objective");
        check("minTrades", minTrades, 0, 1_000_000);
        check("workUnits", workUnits, 1, SearchSubmitted.MAX_WORK_UNITS);
        check("quorum", quorum, 1, SearchSubmitted.MAX_QUORUM);
    }

    private static void check(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " is outside " + min + "–" + max);
        }
    }
}
