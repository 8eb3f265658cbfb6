package io.strategyminer.ledger;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.RejectReason;
import java.util.List;
import java.util.Optional;

/**
 * What {@code Ledger.apply} did with one live event.
 *
 * @param status  see {@link Status}
 * @param reason  why it was rejected (REJECTED only)
 * @param detail  a one-line explanation for logs (REJECTED only, else empty)
 * @param gap     the events to request (HELD and DROPPED only)
 * @param applied the events stored by this call, in order: the event and any held events it unblocked
 */
public record ApplyResult(Status status, Optional<RejectReason> reason, String detail, Optional<Gap> gap,
                          List<Event> applied) {

    /** Outcome of a live apply. */
    public enum Status {
        /** Stored and folded into the state (with any held successors it unblocked). */
        APPLIED,
        /** Already stored (or already held): nothing changed. */
        DUPLICATE,
        /** Kept in the bounded pending buffer until the gap before it is filled. */
        HELD,
        /** Not kept because the pending buffer is full; fetch it later with the gap. */
        DROPPED,
        /** Refused and counted; never stored. */
        REJECTED
    }

    public ApplyResult {
        applied = List.copyOf(applied);
    }

    static ApplyResult applied(List<Event> applied) {
        return new ApplyResult(Status.APPLIED, Optional.empty(), "", Optional.empty(), applied);
    }

    static ApplyResult duplicate() {
        return new ApplyResult(Status.DUPLICATE, Optional.empty(), "", Optional.empty(), List.of());
    }

    static ApplyResult waiting(Status status, Gap gap) {
        return new ApplyResult(status, Optional.empty(), "", Optional.of(gap), List.of());
    }

    static ApplyResult rejected(RejectReason reason, String detail) {
        return new ApplyResult(Status.REJECTED, Optional.of(reason), detail, Optional.empty(), List.of());
    }
}
