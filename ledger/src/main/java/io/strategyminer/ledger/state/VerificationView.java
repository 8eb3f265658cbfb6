package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.VerificationReported;

/** A verification and the event that reported it (the verifier is the stamp's origin). */
public record VerificationView(Stamp reported, VerificationReported verification) {
}
