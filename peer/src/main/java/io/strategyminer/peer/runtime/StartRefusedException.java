package io.strategyminer.peer.runtime;

/**
 * The peer will not start, and the message says why and what to do about it, in one line for the user (the
 * cause, if any, is for the debug log): its ledger is missing or corrupt while its identity has run before, its
 * ledger is open in another process, its disk is full, or {@code --rebuild-from-peers} found nobody to rebuild
 * from. Nothing was changed in the data dir, except a damaged ledger set aside by {@code --rebuild-from-peers}.
 */
public final class StartRefusedException extends RuntimeException {
    public StartRefusedException(String message) {
        super(message);
    }

    public StartRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
