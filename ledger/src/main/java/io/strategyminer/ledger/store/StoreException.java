package io.strategyminer.ledger.store;

/** The storage engine failed (disk full, I/O error, corrupted files, store closed). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
