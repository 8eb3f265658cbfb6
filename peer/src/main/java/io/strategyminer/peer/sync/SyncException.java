package io.strategyminer.peer.sync;

import java.io.IOException;

/** A sync or dataset fetch with another peer failed; the message says with whom and why. */
public final class SyncException extends IOException {
    private static final long serialVersionUID = 1L;

    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
