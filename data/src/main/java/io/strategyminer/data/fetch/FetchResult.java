package io.strategyminer.data.fetch;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.importer.GapReport;
import io.strategyminer.data.store.DatasetInfo;

/**
 * A completed fetch.
 *
 * @param dataset        the candles fetched, now in the store
 * @param stored         its description in the store
 * @param pages          how many pages the range was split into
 * @param pagesResumed   how many of them came from an earlier, interrupted run
 * @param requests       HTTP requests made by this run, retries included
 * @param gaps           candles the exchange did not have (no trades in those minutes, outages)
 */
public record FetchResult(Dataset dataset, DatasetInfo stored, int pages, int pagesResumed, int requests,
                          GapReport gaps) {
}
