package io.strategyminer.ledger.event;

import io.strategyminer.miner.SearchSpec;
import io.strategyminer.miner.SearchLimits;

/**
 * A search is submitted to the cluster (DESIGN §3): its id and its {@link SearchSpec}, the one type that holds
 * every search parameter, checked against the one table of limits ({@link SearchLimits}). Its work units are
 * numbered {@code 0 … workUnits-1}; unit {@code i} runs {@link SearchSpec#workUnit(int)}.
 *
 * @param searchId chosen by the submitter: 1–64 of a–z, 0–9, '-', not starting with '-'; if two submissions use
 *                 one id, the earliest by (Lamport time, origin, sequence) is the search and the others are ignored
 * @param spec     what the search is
 */
public record SearchSubmitted(String searchId, SearchSpec spec) implements Payload {
    public static final int MAX_WORK_UNITS = (int) SearchLimits.WORK_UNITS.max();

    public SearchSubmitted {
        Checks.matches("search id", searchId, Checks.ID);
        Checks.required("search spec", spec);
    }

    @Override
    public EventType type() {
        return EventType.SEARCH_SUBMITTED;
    }
}
