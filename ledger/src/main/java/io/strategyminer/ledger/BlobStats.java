package io.strategyminer.ledger;

import java.util.Map;

/**
 * Counters of the blobs other peers offered this ledger ({@code Ledger.offerBlob}), since it was opened.
 *
 * @param stored     blobs admitted and stored
 * @param held       blobs held, awaiting the event that names them (now)
 * @param heldBytes  their bytes (now)
 * @param refused    refused blobs per reason
 */
public record BlobStats(long stored, int held, long heldBytes, Map<BlobRefusal, Long> refused) {
    public BlobStats {
        refused = Map.copyOf(refused);
    }

    /** All refused blobs. */
    public long refusedTotal() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }
}
