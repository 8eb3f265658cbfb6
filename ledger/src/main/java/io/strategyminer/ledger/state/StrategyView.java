package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import java.util.List;
import java.util.Optional;

/**
 * A reported strategy with its verifications and its canonical verdict.
 *
 * @param id            the strategy (reporter and sequence of the report)
 * @param reported      the report's stamp
 * @param report        what was reported
 * @param verifications every verification of it, by stamp
 * @param verdict       the {@link CanonicalRule} outcome under its search's quorum
 */
public record StrategyView(StrategyId id, Stamp reported, StrategyReported report,
                           List<VerificationView> verifications, Verdict verdict) {
    public StrategyView {
        verifications = List.copyOf(verifications);
    }

    public StrategyStatus status() {
        return verdict.status();
    }

    /** This report as superseded by its unit's result (see {@link StrategyStatus#SUPERSEDED}): its votes stay. */
    StrategyView superseded() {
        return new StrategyView(id, reported, report, verifications,
                new Verdict(StrategyStatus.SUPERSEDED, Optional.empty(), verdict.tallies()));
    }
}
