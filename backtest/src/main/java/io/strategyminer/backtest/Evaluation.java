package io.strategyminer.backtest;

/**
 * A genome's full evaluation on a dataset and split: what a strategy report carries and what a
 * verifying peer recomputes. Each range's result carries that range's buy-and-hold metrics.
 *
 * @param tradesDigest SHA-256 (hex) over both ranges' trade lists ({@link ResultDigest#trades})
 * @param digest       SHA-256 (hex) binding the engine version, dataset, split, costs, the trades digest and
 *                     every metric of the strategy and of buy-and-hold on both ranges; see {@link ResultDigest}
 */
public record Evaluation(Split split, String engineVersion, BacktestResult inSample, BacktestResult outOfSample,
                         String tradesDigest, String digest) {
}
