package io.strategyminer.data.fetch;

import java.io.IOException;

/**
 * A fetch that did not complete. {@link #rejected()} tells a request the exchange refused (unknown
 * product, bad range: fix the command) from a failure that a later re-run may get past (network down,
 * exchange overloaded); in the latter case the pages already fetched are kept for the re-run.
 */
public final class FetchException extends IOException {
    private final boolean rejected;

    public FetchException(String message, boolean rejected) {
        super(message);
        this.rejected = rejected;
    }

    public FetchException(String message, boolean rejected, Throwable cause) {
        super(message, cause);
        this.rejected = rejected;
    }

    /** True when the exchange refused the request itself (HTTP 4xx other than 429). */
    public boolean rejected() {
        return rejected;
    }
}
