package io.strategyminer.ledger.state;

/** Where a search stands. */
public enum SearchStatus {
    /** No unit has been leased or reported. */
    SUBMITTED,
    /** Some units are under way. */
    RUNNING,
    /** Every unit has a canonical strategy. */
    DONE
}
