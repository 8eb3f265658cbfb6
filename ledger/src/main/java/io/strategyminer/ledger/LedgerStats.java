package io.strategyminer.ledger;

import io.strategyminer.ledger.event.RejectReason;
import java.util.Map;

/**
 * Counters for status pages and /metrics.
 *
 * @param events   events stored
 * @param origins  origins with at least one event
 * @param lamport  the Lamport clock (highest time seen)
 * @param pending  events held in the pending buffer
 * @param rejected refused events per reason since the ledger was created
 */
public record LedgerStats(long events, int origins, long lamport, int pending, Map<RejectReason, Long> rejected) {
    public LedgerStats {
        rejected = Map.copyOf(rejected);
    }
}
