package io.strategyminer.ledger.event;

import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.DatasetId;

/**
 * A search is submitted to the cluster (DESIGN §3). Its work units are numbered
 * {@code 0 … workUnits-1}; unit {@code i} runs the GA with a seed derived from {@code seed} and i.
 *
 * @param searchId         chosen by the submitter: 1–64 of a–z, 0–9, '-', not starting with '-';
 *                         if two submissions use one id, the earliest by (Lamport time, origin,
 *                         sequence) is the search and the others are ignored
 * @param dataset          the candles searched
 * @param splitPercent     in-sample share of the candles, 10–100 (see {@link Split})
 * @param population       genomes per generation, 2–100,000
 * @param generations      1–100,000
 * @param risk             bounds of the genomes
 * @param objective        what the GA maximises in-sample
 * @param minTrades        a genome with fewer in-sample trades gets no fitness, 0–1,000,000
 * @param workUnits        independent GA islands, 1–100,000
 * @param quorum           independent peers that must agree on a result, 1–64
 * @param seed             any 64-bit value
 * @param allowSameMachine whether peers on one machine count as independent (tests, demos)
 */
public record SearchSubmitted(String searchId, DatasetId dataset, int splitPercent, int population,
                              int generations, RiskLevel risk, Objective objective, int minTrades, int workUnits,
                              int quorum, long seed, boolean allowSameMachine) implements Payload {
    public static final int MAX_WORK_UNITS = 100_000;
    public static final int MAX_QUORUM = 64;

    public SearchSubmitted {
        Checks.matches("search id", searchId, Checks.ID);
        Checks.required("dataset id", dataset);
        new Split(splitPercent);
        Checks.range("population", population, 2, 100_000);
        Checks.range("generations", generations, 1, 100_000);
        Checks.required("risk level", risk);
        Checks.required("objective", objective);
        Checks.range("minimum trades", minTrades, 0, 1_000_000);
        Checks.range("work units", workUnits, 1, MAX_WORK_UNITS);
        Checks.range("quorum", quorum, 1, MAX_QUORUM);
    }

    public Split split() {
        return new Split(splitPercent);
    }

    @Override
    public EventType type() {
        return EventType.SEARCH_SUBMITTED;
    }
}
