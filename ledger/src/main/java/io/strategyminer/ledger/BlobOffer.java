package io.strategyminer.ledger;

import java.util.Optional;

/**
 * What {@code Ledger.offerBlob} did with a blob another peer sent.
 *
 * @param outcome see {@link Outcome}
 * @param refusal why it was refused (REFUSED only)
 * @param detail  a one-line explanation for logs (REFUSED only, else empty)
 */
public record BlobOffer(Outcome outcome, Optional<BlobRefusal> refusal, String detail) {

    public enum Outcome {
        /** Stored: a retained checkpoint names it with its size. */
        STORED,
        /** Already stored: nothing changed. */
        ALREADY_STORED,
        /** No event names it yet: kept in a small bounded buffer until its checkpoint arrives (or pushed out). */
        HELD,
        /** Refused and counted; not stored. */
        REFUSED
    }

    static BlobOffer of(Outcome outcome) {
        return new BlobOffer(outcome, Optional.empty(), "");
    }

    static BlobOffer refused(BlobRefusal refusal, String detail) {
        return new BlobOffer(Outcome.REFUSED, Optional.of(refusal), detail);
    }
}
