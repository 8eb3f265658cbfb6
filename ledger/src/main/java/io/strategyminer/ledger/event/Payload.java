package io.strategyminer.ledger.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What an event says. Each payload is a record whose compact constructor checks every field
 * (required, sizes, ranges), so an instance is always valid; it is stored as JSON
 * ({@code io.strategyminer.ledger.format.PayloadFormat}) inside the signed binary envelope of an {@link Event}.
 *
 * <p>Checks only look at the payload itself, never at other events: every peer must accept or
 * reject an event the same way whatever else it has seen. Whether a payload fits the rest of the
 * ledger (a report for a unit the search has) is decided by the read models.
 */
public sealed interface Payload permits PeerAnnounced, DatasetPublished, SearchSubmitted, LeaseGranted,
        CheckpointSaved, StrategyReported, VerificationReported, UnitFailed, EquivocationProof, RetiredPayload {

    @JsonIgnore
    EventType type();
}
