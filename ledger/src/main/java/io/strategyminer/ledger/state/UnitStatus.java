package io.strategyminer.ledger.state;

/** Where a work unit stands, as far as the ledger can tell (lease liveness is the coordinator's call). */
public enum UnitStatus {
    /** Nobody holds it: never leased, or every report was invalid and it was not leased again since. */
    OPEN,
    /** A work lease was granted after the unit's last report (or it has no report yet). */
    LEASED,
    /** A report awaits its quorum (pending or disputed). */
    VERIFYING,
    /** A report is canonical. */
    DONE,
    /** As many independent peers as the quorum reported that running it fails; nobody runs it again. */
    FAILED;

    /** Whether nothing more will happen to the unit: it is done or it failed. */
    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
