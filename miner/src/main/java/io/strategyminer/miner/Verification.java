package io.strategyminer.miner;

import io.strategyminer.backtest.Metrics;

/**
 * A re-run of one genome's backtests, as a verifying peer reports it.
 *
 * @param digest        the result digest; equal digests (with equal engine versions) mean equal results
 * @param engineVersion the engine that computed it
 */
public record Verification(Metrics inSample, Metrics outOfSample, String digest, String engineVersion) {
}
