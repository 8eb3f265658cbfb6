package io.strategyminer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.event.EventType;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.miner.SearchSpec;
import java.util.List;

/**
 * Ledger format 2. Changed since format 1: a search carries its costs (fee and slippage); a
 * strategy report carries the daily-statistics metrics of backtest engine sm-engine-2, buy-and-hold beside each
 * range, the trades digest (so anyone can check that the metrics hash to the digest) and the unit's trial
 * statistics; a unit can be reported failed; a peer that equivocated can be proven to have (in parts). An undefined
 * statistic (a range too short for it) is JSON null.
 */
final class FormatV2 {
    static final int VERSION = 2;

    private FormatV2() {
    }

    static byte[] write(Payload payload) {
        return SchemaMapper.write(schema(payload));
    }

    /** The stored form of {@code payload} in this format (format 3 keeps every form but the search's). */
    static Object schema(Payload payload) {
        if (payload instanceof PeerAnnounced p) {
            return SharedSchema.Peer.of(p);
        } else if (payload instanceof DatasetPublished d) {
            return SharedSchema.Dataset.of(d);
        } else if (payload instanceof SearchSubmitted s) {
            return Search.of(s);
        } else if (payload instanceof LeaseGranted l) {
            return SharedSchema.Lease.of(l);
        } else if (payload instanceof CheckpointSaved c) {
            return SharedSchema.Checkpoint.of(c);
        } else if (payload instanceof StrategyReported r) {
            return Report.of(r);
        } else if (payload instanceof VerificationReported v) {
            return SharedSchema.Verification.of(v);
        } else if (payload instanceof UnitFailed f) {
            return Failure.of(f);
        } else if (payload instanceof EquivocationProof p) {
            return Proof.of(p);
        }
        // a retired payload is only ever read from an older format, never written
        throw new IllegalArgumentException(payload.type() + " payload " + payload.getClass().getSimpleName()
                + " cannot be written in ledger format " + VERSION);
    }

    static Payload read(EventType type, byte[] json) {
        return switch (type) {
            case PEER_ANNOUNCED -> SchemaMapper.read(SharedSchema.Peer.class, json).domain();
            case DATASET_PUBLISHED -> SchemaMapper.read(SharedSchema.Dataset.class, json).domain();
            case SEARCH_SUBMITTED -> SchemaMapper.read(Search.class, json).domain();
            case LEASE_GRANTED -> SchemaMapper.read(SharedSchema.Lease.class, json).domain();
            case CHECKPOINT_SAVED -> SchemaMapper.read(SharedSchema.Checkpoint.class, json).domain();
            case STRATEGY_REPORTED -> SchemaMapper.read(Report.class, json).domain();
            case VERIFICATION_REPORTED -> SchemaMapper.read(SharedSchema.Verification.class, json).domain();
            case UNIT_FAILED -> SchemaMapper.read(Failure.class, json).domain();
            case EQUIVOCATION_PROOF -> SchemaMapper.read(Proof.class, json).domain();
        };
    }

    record Search(String searchId, DatasetId dataset, int splitPercent, int population, int generations,
                  RiskLevel risk, Objective objective, int minTrades, int workUnits, int quorum, long seed,
                  boolean allowSameMachine, double feePct, double slippagePct) {
        static Search of(SearchSubmitted submitted) {
            SearchSpec s = submitted.spec();
            return new Search(submitted.searchId(), s.dataset(), s.splitPercent(), s.population(), s.generations(),
                    s.risk(), s.objective(), s.minTrades(), s.workUnits(), s.quorum(), s.seed(), s.allowSameMachine(),
                    s.feePct(), s.slippagePct());
        }

        SearchSubmitted domain() {
            // format 2 had no walk-forward: every search was a single split
            return new SearchSubmitted(searchId, new SearchSpec(dataset, splitPercent, population, generations, risk,
                    objective, minTrades, workUnits, quorum, seed, allowSameMachine, feePct, slippagePct, 1, false));
        }
    }

    /** Metrics of engine sm-engine-2; the statistics a short range cannot give are null. */
    record Metrics(double netPnl, double returnPct, Double cagrPct, int trades, double winRate, double profitFactor,
                   double exposurePct, double maxDrawdownPct, int days, Double sharpe, Double sortino,
                   Double dailySkewness, Double dailyKurtosis) {
        static Metrics of(io.strategyminer.backtest.Metrics m) {
            return new Metrics(m.netPnl(), m.returnPct(), orNull(m.cagrPct()), m.trades(), m.winRate(),
                    m.profitFactor(), m.exposurePct(), m.maxDrawdownPct(), m.days(), orNull(m.sharpe()),
                    orNull(m.sortino()), orNull(m.dailySkewness()), orNull(m.dailyKurtosis()));
        }

        io.strategyminer.backtest.Metrics domain() {
            return new io.strategyminer.backtest.Metrics(netPnl, returnPct, orNaN(cagrPct), trades, winRate,
                    profitFactor, exposurePct, maxDrawdownPct, days, orNaN(sharpe), orNaN(sortino),
                    orNaN(dailySkewness), orNaN(dailyKurtosis));
        }

        private static Double orNull(double value) {
            return Double.isNaN(value) ? null : value;
        }

        private static double orNaN(Double value) {
            return value == null ? Double.NaN : value;
        }
    }

    record Trials(long genomes, long sharpeCount, double sharpeSum, double sharpeSumOfSquares) {
        static Trials of(TrialStatistics t) {
            return new Trials(t.genomes(), t.sharpeCount(), t.sharpeSum(), t.sharpeSumOfSquares());
        }

        TrialStatistics domain() {
            return new TrialStatistics(genomes, sharpeCount, sharpeSum, sharpeSumOfSquares);
        }
    }

    record Report(String searchId, int unit, JsonNode genome, Metrics inSample, Metrics inSampleBuyAndHold,
                  Metrics outOfSample, Metrics outOfSampleBuyAndHold, Sha256 tradesDigest, Sha256 digest,
                  String engineVersion, Trials trials) {
        static Report of(StrategyReported r) {
            return new Report(r.searchId(), r.unit(), SharedSchema.genome(r.genome()), Metrics.of(r.inSample()),
                    Metrics.of(r.inSampleBuyAndHold()), Metrics.of(r.outOfSample()),
                    Metrics.of(r.outOfSampleBuyAndHold()), r.tradesDigest(), r.digest(), r.engineVersion(),
                    Trials.of(r.trials()));
        }

        StrategyReported domain() {
            if (genome == null || inSample == null || inSampleBuyAndHold == null || outOfSample == null
                    || outOfSampleBuyAndHold == null || trials == null) {
                throw new IllegalArgumentException("a strategy report needs its genome, its four metrics and its"
                        + " trial statistics");
            }
            return new StrategyReported(searchId, unit, SharedSchema.genome(genome), inSample.domain(),
                    inSampleBuyAndHold.domain(), outOfSample.domain(), outOfSampleBuyAndHold.domain(), tradesDigest,
                    digest, engineVersion, trials.domain());
        }
    }

    record Failure(String searchId, int unit, String reason) {
        static Failure of(UnitFailed f) {
            return new Failure(f.searchId(), f.unit(), f.reason());
        }

        UnitFailed domain() {
            return new UnitFailed(searchId, unit, reason);
        }
    }

    record Proof(PeerId offender, String publicKey, List<Sha256> partHashes, int part, String bytes) {
        static Proof of(EquivocationProof p) {
            return new Proof(p.offender(), p.publicKey(), p.partHashes(), p.part(), p.bytes());
        }

        EquivocationProof domain() {
            return new EquivocationProof(offender, publicKey, partHashes, part, bytes);
        }
    }
}
