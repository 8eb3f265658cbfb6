package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.UnitFailed;

/** A unit's failure and the event that reported it (the peer that ran it is the stamp's origin). */
public record FailureView(Stamp reported, UnitFailed failure) {
}
