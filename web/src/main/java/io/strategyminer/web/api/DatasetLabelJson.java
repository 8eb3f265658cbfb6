package io.strategyminer.web.api;

/**
 * How the API names a dataset wherever it shows its id (a search's, a strategy's): its name, symbol and timeframe,
 * from the peer's copy or the cluster's publication; only the id (the rest null) for a dataset nobody described.
 *
 * @param timeframe e.g. "5m"
 */
public record DatasetLabelJson(String id, String name, String symbol, String timeframe, Long timeframeSeconds) {
}
