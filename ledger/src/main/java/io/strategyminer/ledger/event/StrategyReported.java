package io.strategyminer.ledger.event;

import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.ledger.Sha256;

/**
 * A work unit's result (DESIGN §3): the best genome, its in- and out-of-sample metrics, and the
 * result digest that verifiers must reproduce. The strategy is named by this event
 * ({@link StrategyId}: reporter + sequence). The genome is stored in its canonical JSON form
 * ({@code GenomeJson}) and re-validated when read.
 *
 * @param searchId      the search
 * @param unit          the unit index
 * @param genome        the strategy
 * @param inSample      metrics over the in-sample range
 * @param outOfSample   metrics over the out-of-sample range (all zero when the split is 100 %)
 * @param digest        the result digest
 * @param engineVersion the engine version that produced it; only equal versions are compared
 */
public record StrategyReported(String searchId, int unit, Genome genome, Metrics inSample, Metrics outOfSample,
                               Sha256 digest, String engineVersion) implements Payload {

    public StrategyReported {
        Checks.matches("search id", searchId, Checks.ID);
        Checks.range("unit", unit, 0, SearchSubmitted.MAX_WORK_UNITS - 1);
        Checks.required("genome", genome);
        checkMetrics("in-sample", inSample);
        checkMetrics("out-of-sample", outOfSample);
        Checks.required("digest", digest);
        Checks.matches("engine version", engineVersion, Checks.VERSION);
    }

    @Override
    public EventType type() {
        return EventType.STRATEGY_REPORTED;
    }

    private static void checkMetrics(String range, Metrics m) {
        Checks.required(range + " metrics", m);
        Checks.finite(range + " net PnL", m.netPnl());
        Checks.finite(range + " return", m.returnPct());
        Checks.range(range + " trades", m.trades(), 0, Integer.MAX_VALUE);
        Checks.finiteRange(range + " win rate", m.winRate(), 0, 1);
        Checks.finite(range + " Sharpe", m.sharpe());
        Checks.finite(range + " Sortino", m.sortino());
        Checks.finiteRange(range + " max drawdown", m.maxDrawdownPct(), 0, 100);
        Checks.finiteRange(range + " profit factor", m.profitFactor(), 0, Double.MAX_VALUE);
        Checks.finiteRange(range + " exposure", m.exposurePct(), 0, 100);
    }
}
