package io.strategyminer.ledger.state;

/** Where a search stands. */
public enum SearchStatus {
    /** No unit has been leased or reported. */
    SUBMITTED,
    /** Some units are under way. */
    RUNNING,
    /** Every unit is finished: it has a canonical strategy, or it failed (some may have, see the units). */
    DONE,
    /** Every unit failed: the search produced nothing (the units say why). */
    FAILED
}
