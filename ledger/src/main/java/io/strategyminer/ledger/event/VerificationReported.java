package io.strategyminer.ledger.event;

import io.strategyminer.ledger.Sha256;

/**
 * A peer re-ran a reported strategy's backtest and says which digest it got. It counts towards
 * the strategy's quorum only with the engine version of the report.
 *
 * @param strategy      the report verified
 * @param digest        the digest the verifier computed
 * @param engineVersion the verifier's engine version
 */
public record VerificationReported(StrategyId strategy, Sha256 digest, String engineVersion) implements Payload {

    public VerificationReported {
        Checks.required("strategy", strategy);
        Checks.required("digest", digest);
        Checks.matches("engine version", engineVersion, Checks.VERSION);
    }

    @Override
    public EventType type() {
        return EventType.VERIFICATION_REPORTED;
    }
}
