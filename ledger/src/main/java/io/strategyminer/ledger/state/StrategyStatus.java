package io.strategyminer.ledger.state;

/** Where a reported strategy stands under the {@link CanonicalRule}. */
public enum StrategyStatus {
    /** No digest has reached the quorum and everyone who reported agrees so far. */
    PENDING,
    /** Different digests were reported and none has won yet: more verifications are needed. */
    DISPUTED,
    /** The reported digest won the quorum: the strategy and its metrics are confirmed. */
    CANONICAL,
    /** Another digest won the quorum: the report was wrong and its unit has no result from it. */
    INVALID,
    /**
     * Its unit already has its result, an earlier canonical report: this one (a speculative copy, a report that lost
     * the race by milliseconds, or one made on the other side of a partition) is not a second result and needs
     * nothing more. It was not found wrong: a report this peer re-ran with another digest is INVALID instead.
     */
    SUPERSEDED;

    /** Whether more verifications may still decide the strategy. */
    public boolean undecided() {
        return this == PENDING || this == DISPUTED;
    }
}
