package io.strategyminer.backtest;

/**
 * A genome's full evaluation on a dataset and split: what a strategy report carries and what a
 * verifying peer recomputes.
 *
 * @param digest SHA-256 (hex) over both trade lists and metrics as raw bits, the dataset id, the
 *               split and the engine version; see {@link ResultDigest}
 */
public record Evaluation(Split split, String engineVersion, BacktestResult inSample, BacktestResult outOfSample,
                         String digest) {
}
