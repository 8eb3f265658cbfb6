package io.strategyminer.ledger;

/** Why a blob from another peer was not stored. The ledger counts refusals per reason ({@link BlobStats}). */
public enum BlobRefusal {
    /** Empty, or larger than the largest checkpoint ({@link Ledger#MAX_BLOB_BYTES}). */
    BAD_SIZE,
    /** Its content does not hash to the name it was sent under. */
    MISNAMED,
    /** No event names it, and it did not fit in (or was pushed out of) the buffer of blobs awaiting their event. */
    UNREFERENCED,
    /** Its size is not the size its checkpoint declares. */
    WRONG_SIZE,
    /** Nobody keeps it: a superseded checkpoint, one of a finished unit, or of a peer never leased the unit. */
    NOT_RETAINED,
    /** Its peer's retained checkpoints exceed the per-peer quota and this one is among the oldest. */
    OVER_QUOTA
}
