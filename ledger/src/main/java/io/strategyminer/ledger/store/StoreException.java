package io.strategyminer.ledger.store;

/** The storage engine failed (disk full, I/O error, corrupted files, store in use or closed). */
public final class StoreException extends RuntimeException {
    /** What kind of failure it is, so that a caller can say what to do about it. */
    public enum Problem {
        /** The file system is full: freeing space lets the store go on. */
        NO_SPACE,
        /** Stored files are damaged or missing: the store cannot be trusted. */
        CORRUPT,
        /** Another process (or another store of this process) has the database open. */
        IN_USE,
        /** Anything else: an I/O error, a closed store. */
        OTHER
    }

    private final Problem problem;

    public StoreException(String message, Problem problem, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public StoreException(String message, Throwable cause) {
        this(message, Problem.OTHER, cause);
    }

    public StoreException(String message) {
        this(message, Problem.OTHER, null);
    }

    public Problem problem() {
        return problem;
    }
}
