package io.strategyminer.ledger.event;

/** Why a work unit is leased. */
public enum LeaseKind {
    /** Run the unit's GA (first run or re-issue after the holder left or stalled). */
    WORK,
    /** Re-run one reported strategy's backtest and report its digest. */
    VERIFY,
    /** A duplicate of a slow running unit at the end of a search; the first valid report wins. */
    SPECULATIVE
}
