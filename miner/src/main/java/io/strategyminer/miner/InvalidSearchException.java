package io.strategyminer.miner;

import java.util.Optional;

/**
 * A search parameter was refused. The message starts with the field's JSON name, so the HTTP API's 400 and the
 * command line's error both say which parameter and why; {@link #limit()} gives the bounds when a range was broken.
 */
public final class InvalidSearchException extends IllegalArgumentException {
    private final String field;
    private final transient SearchLimits.Limit limit;

    public InvalidSearchException(String field, String problem) {
        this(field, problem, null);
    }

    InvalidSearchException(String field, String problem, SearchLimits.Limit limit) {
        super(field + ": " + problem);
        this.field = field;
        this.limit = limit;
    }

    /** The JSON name of the refused parameter. */
    public String field() {
        return field;
    }

    /** The limits the value broke, when it was out of range. */
    public Optional<SearchLimits.Limit> limit() {
        return Optional.ofNullable(limit);
    }
}
