package io.strategyminer.web;

import io.strategyminer.data.store.DatasetInfo;
import java.io.IOException;

/**
 * What the HTTP API may change, implemented by the peer. Both methods throw
 * {@link IllegalArgumentException} with a message for the user when the input is refused (the API
 * answers 400 with that message); anything else is a server error.
 */
public interface ClusterCommands {

    /**
     * Submits a search to the cluster (appends a {@code SearchSubmitted} to the ledger).
     *
     * @return the new search's id
     */
    String submitSearch(SearchRequest request) throws IOException;

    /**
     * Imports candles (CSV or JSON, as {@code peer data import} reads them) and publishes the dataset.
     *
     * @param content the uploaded bytes, at most {@link WebConfig#maxUploadBytes()}
     * @param name    the dataset's name: 1–128 characters, no control characters or slashes (checked by the API)
     */
    DatasetInfo importDataset(byte[] content, String name) throws IOException;
}
