package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import java.util.List;

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
}
