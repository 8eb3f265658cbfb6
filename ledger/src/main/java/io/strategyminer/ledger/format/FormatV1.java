package io.strategyminer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.EventType;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.RetiredPayload;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.miner.SearchSpec;

/**
 * Ledger format 1, read only: the payloads as the first release stored them (golden fixtures in the tests). Every
 * type maps onto today's domain records, except what no longer means the same: strategy reports and verifications
 * of backtest engine sm-engine-1 (per-candle Sharpe, no buy-and-hold, metrics not bound to the digest) are
 * {@linkplain RetiredPayload retired}, so their units are mined again by the current engine; a search outside
 * today's limits is retired too. Format-1 backtests all ran with the then fixed costs (0.10 % fee, 0.05 %
 * slippage), which are today's defaults.
 */
final class FormatV1 {
    static final int VERSION = 1;

    private FormatV1() {
    }

    static Payload read(EventType type, byte[] json) {
        return switch (type) {
            case PEER_ANNOUNCED -> SchemaMapper.read(SharedSchema.Peer.class, json).domain();
            case DATASET_PUBLISHED -> SchemaMapper.read(SharedSchema.Dataset.class, json).domain();
            case SEARCH_SUBMITTED -> SchemaMapper.read(Search.class, json).domain();
            case LEASE_GRANTED -> SchemaMapper.read(SharedSchema.Lease.class, json).domain();
            case CHECKPOINT_SAVED -> SchemaMapper.read(SharedSchema.Checkpoint.class, json).domain();
            case STRATEGY_REPORTED -> retired(type, SchemaMapper.read(Report.class, json).engineVersion());
            case VERIFICATION_REPORTED -> retired(type, SchemaMapper.read(SharedSchema.Verification.class, json).engineVersion());
            // types added after format 1 never appear in it
            default -> throw new IllegalArgumentException(type + " did not exist in ledger format " + VERSION);
        };
    }

    private static RetiredPayload retired(EventType type, String engineVersion) {
        return new RetiredPayload(type, VERSION, "a result of backtest engine " + engineVersion
                + ", not comparable with this engine's results");
    }

    record Search(String searchId, DatasetId dataset, int splitPercent, int population, int generations,
                  RiskLevel risk, Objective objective, int minTrades, int workUnits, int quorum, long seed,
                  boolean allowSameMachine) {
        Payload domain() {
            SearchSpec spec;
            try {
                spec = SearchSpec.builder().dataset(dataset).splitPercent(splitPercent).population(population)
                        .generations(generations).risk(risk).objective(objective).minTrades(minTrades)
                        .workUnits(workUnits).quorum(quorum).seed(seed).allowSameMachine(allowSameMachine).build();
            } catch (IllegalArgumentException e) {
                return new RetiredPayload(EventType.SEARCH_SUBMITTED, VERSION, "search " + searchId
                        + " is outside today's limits (" + e.getMessage() + ")");
            }
            return new SearchSubmitted(searchId, spec);
        }
    }

    record Metrics(double netPnl, double returnPct, int trades, double winRate, double sharpe, double sortino,
                   double maxDrawdownPct, double profitFactor, double exposurePct) {
    }

    record Report(String searchId, int unit, JsonNode genome, Metrics inSample, Metrics outOfSample, Sha256 digest,
                  String engineVersion) {
    }
}
