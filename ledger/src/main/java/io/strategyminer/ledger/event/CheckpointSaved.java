package io.strategyminer.ledger.event;

import io.strategyminer.ledger.Sha256;

/**
 * A running work unit saved its GA state as a blob. The latest checkpoint of a unit is the one
 * with the highest generation (ties: the later event by Lamport time, origin, sequence); whoever
 * takes the unit over resumes from it. The blob may later be dropped by retention, the event stays.
 *
 * @param searchId   the search
 * @param unit       the unit index
 * @param generation generations completed at the checkpoint, 0–100,000
 * @param blob       content hash of the checkpoint blob
 * @param sizeBytes  blob size, 1 byte to 64 MiB
 */
public record CheckpointSaved(String searchId, int unit, int generation, Sha256 blob, long sizeBytes)
        implements Payload {
    public static final long MAX_BLOB_BYTES = 64L << 20;

    public CheckpointSaved {
        Checks.matches("search id", searchId, Checks.ID);
        Checks.range("unit", unit, 0, SearchSubmitted.MAX_WORK_UNITS - 1);
        Checks.range("generation", generation, 0, 100_000);
        Checks.required("checkpoint blob", blob);
        Checks.range("checkpoint size", sizeBytes, 1, MAX_BLOB_BYTES);
    }

    @Override
    public EventType type() {
        return EventType.CHECKPOINT_SAVED;
    }
}
