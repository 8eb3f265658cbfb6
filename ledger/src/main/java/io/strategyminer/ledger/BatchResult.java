package io.strategyminer.ledger;

import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.RejectReason;
import java.util.List;
import java.util.Map;

/**
 * What {@code Ledger.applyBatch} did.
 *
 * @param applied    events stored, in order (batch events and held events they unblocked)
 * @param duplicates events already stored
 * @param held       events kept in the pending buffer because they come after a gap
 * @param rejected   refused events per reason
 * @param problems   one line per refused origin run, for logs
 * @param gaps       what to request next
 */
public record BatchResult(List<Event> applied, int duplicates, int held, Map<RejectReason, Integer> rejected,
                          List<String> problems, List<Gap> gaps) {
    public BatchResult {
        applied = List.copyOf(applied);
        rejected = Map.copyOf(rejected);
        problems = List.copyOf(problems);
        gaps = List.copyOf(gaps);
    }

    public int rejectedCount() {
        return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }
}
