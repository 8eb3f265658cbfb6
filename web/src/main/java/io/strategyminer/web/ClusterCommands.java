package io.strategyminer.web;

import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.miner.SearchSpec;
import java.io.IOException;
import java.io.InputStream;

/**
 * What the HTTP API may change, implemented by the peer. Both methods throw
 * {@link IllegalArgumentException} with a message for the user when the input is refused (the API
 * answers 400 with that message), and {@link PeerUnavailableException} when the peer cannot take changes now
 * (its disk is full: 503 with that message); anything else is a server error.
 */
public interface ClusterCommands {

    /**
     * Submits a search to the cluster (appends a {@code SearchSubmitted} to the ledger): resolves the dataset
     * reference, picks a seed if none was given, checks the spec against its limits and its dataset, and appends it.
     *
     * @param dataset    a dataset id, unique id prefix or name
     * @param parameters every other parameter (the builder is the callee's from now on)
     * @return the new search's id
     * @throws IllegalArgumentException ({@code InvalidSearchException} for a parameter) when it is refused
     */
    String submitSearch(String dataset, SearchSpec.Builder parameters) throws IOException;

    /**
     * Imports candles (CSV or JSON, as {@code peer data import} reads them) and publishes the dataset.
     *
     * @param content the uploaded bytes, at most {@link WebConfig#maxUploadBytes()}, streamed from a file the
     *                server received them into (read it as a stream: it is up to 64 MiB)
     * @param options how to read it: its name (checked by the API), symbol if given, and what to do with suspect
     *                candles; {@code SuspectCandlesException} when they are refused
     */
    DatasetInfo importDataset(InputStream content, ImportOptions options) throws IOException;
}
