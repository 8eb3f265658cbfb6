package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.StrategyId;
import java.util.List;
import java.util.Optional;

/**
 * One work unit of a search.
 *
 * @param searchId         the search
 * @param unit             the unit index
 * @param status           see {@link UnitStatus}
 * @param currentLease     the latest WORK or SPECULATIVE lease by {@link LeaseView#ORDER}
 * @param leases           every lease of the unit (verifications included), by {@link LeaseView#ORDER}
 * @param checkpoints      every checkpoint saved for the unit, oldest first by {@link CheckpointView#ORDER}
 * @param reports          the unit's reported strategies, by report stamp
 * @param canonical        the earliest canonical report, if any
 * @param failures         every report that running the unit failed, by stamp
 */
public record UnitView(String searchId, int unit, UnitStatus status, Optional<LeaseView> currentLease,
                       List<LeaseView> leases, List<CheckpointView> checkpoints, List<StrategyView> reports,
                       Optional<StrategyId> canonical, List<FailureView> failures) {
    public UnitView {
        leases = List.copyOf(leases);
        checkpoints = List.copyOf(checkpoints);
        reports = List.copyOf(reports);
        failures = List.copyOf(failures);
    }

    /** The canonical report, if any: the unit's result. */
    public Optional<StrategyView> result() {
        return canonical.flatMap(id -> reports.stream().filter(r -> r.id().equals(id)).findFirst());
    }

    /** Why the unit failed, if it did: the earliest reported reason. */
    public Optional<String> failureReason() {
        return status == UnitStatus.FAILED ? Optional.of(failures.get(0).failure().reason()) : Optional.empty();
    }

    /** The checkpoint to resume from: the last by {@link CheckpointView#ORDER}. */
    public Optional<CheckpointView> latestCheckpoint() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
    }
}
