package io.strategyminer.ledger;

/** The stored ledger does not verify: an event does not decode, does not chain, or a head disagrees. */
public final class LedgerCorruptedException extends RuntimeException {
    public LedgerCorruptedException(String message) {
        super(message);
    }

    public LedgerCorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
