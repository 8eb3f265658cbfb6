package io.strategyminer.data.store;

/** A dataset reference (id, id prefix or name) that names no dataset, or more than one. */
public final class DatasetLookupException extends IllegalArgumentException {
    public DatasetLookupException(String message) {
        super(message);
    }
}
