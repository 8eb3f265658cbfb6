package io.strategyminer.miner;

import io.strategyminer.backtest.Metrics;

/**
 * A re-run of one genome's backtests, as a verifying peer reports it.
 *
 * @param inSampleBuyAndHold    holding the asset over the in-sample range, the same costs
 * @param outOfSampleBuyAndHold holding the asset over the out-of-sample range, the same costs
 * @param tradesDigest          SHA-256 (hex) of both ranges' trade lists; with the metrics it gives the digest
 * @param digest                the result digest; equal digests (with equal engine versions) mean equal results
 * @param engineVersion         the engine that computed it
 */
public record Verification(Metrics inSample, Metrics outOfSample, Metrics inSampleBuyAndHold,
                           Metrics outOfSampleBuyAndHold, String tradesDigest, String digest, String engineVersion) {
}
