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
    INVALID
}
