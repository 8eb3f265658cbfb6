package io.strategyminer.data.store;

import java.io.IOException;

/** A stored dataset whose files are unreadable or whose candles no longer match its id. */
public final class CorruptDatasetException extends IOException {
    public CorruptDatasetException(String message) {
        super(message);
    }

    public CorruptDatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
