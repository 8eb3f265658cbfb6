package io.strategyminer.ledger;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.ResultDigest;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.backtest.Objective;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.miner.SearchSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Payload makers and a chain builder for tests. */
public final class Fixtures {
    public static final DatasetId DATASET = new DatasetId("ab".repeat(32));
    public static final Genome GENOME = GenomeJson.read("""
            {"entry": {"combine": "AND", "conditions": [{"left": "RSI(14)", "op": "<", "right": 30},
                                                        {"left": "EMA(9)", "op": "crosses_above", "right": "EMA(21)"}]},
             "exit": {"combine": "OR", "conditions": [{"left": "RSI(14)", "op": ">", "right": 70}]},
             "stopLossPct": 2, "takeProfitPct": 4, "trailingStopPct": 0, "maxBarsHeld": 0,
             "positionPct": 50, "risk": "MEDIUM"}""");
    public static final Metrics IN_SAMPLE = new Metrics(1234.5, 12.345, 30.25, 42, 0.55, 1.6, 35.0, 7.5, 120, 1.8,
            2.4, -0.35, 4.75);
    /** A holdout shorter than {@link Metrics#MIN_DAYS}: its CAGR and daily statistics are undefined (NaN). */
    public static final Metrics OUT_OF_SAMPLE = new Metrics(-12.25, -0.1225, Double.NaN, 9, 0.4444444444444444, 0.9,
            20.5, 3.25, 12, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    public static final Metrics BUY_AND_HOLD_IN = new Metrics(520.0, 5.2, 16.5, 1, 1, 100, 100, 12.5, 120, 0.9, 1.1,
            -0.2, 5.5);
    public static final Metrics BUY_AND_HOLD_OUT = new Metrics(80.0, 0.8, Double.NaN, 1, 1, 100, 100, 4.0, 12,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    /** 2,000 distinct genomes tried, 1,800 of them with a defined daily Sharpe ratio. */
    public static final TrialStatistics TRIALS = new TrialStatistics(2_000, 1_800, 36.0, 4.5);

    private Fixtures() {
    }

    public static Sha256 sha(String text) {
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8));
    }

    public static MachineId machine(String name) {
        return MachineId.fromSystemId(name);
    }

    public static PeerAnnounced announce(PeerIdentity peer, MachineId machine, int cores) {
        return PeerAnnounced.of(peer, "peer-" + peer.peerId().shortHex(), machine, cores, 1500.5 * cores,
                EngineVersion.CURRENT);
    }

    public static DatasetPublished dataset() {
        return new DatasetPublished(DATASET, "BTC-USD 5m sample", "BTC-USD", 300, 30_000, 1_440_000,
                List.of(sha("chunk-0"), sha("chunk-1")));
    }

    /** Every fixture search has these parameters but its id, units, quorum and independence rule. */
    public static SearchSpec spec(int units, int quorum, boolean allowSameMachine) {
        return SearchSpec.builder().dataset(DATASET).splitPercent(70).population(40).generations(25)
                .risk(RiskLevel.MEDIUM).objective(Objective.SHARPE).minTrades(10).workUnits(units).quorum(quorum)
                .seed(42L).allowSameMachine(allowSameMachine).build();
    }

    public static SearchSubmitted search(String id, int units, int quorum, boolean allowSameMachine) {
        return new SearchSubmitted(id, spec(units, quorum, allowSameMachine));
    }

    public static LeaseGranted lease(String search, int unit, PeerId holder, long epoch) {
        return new LeaseGranted(search, unit, holder, epoch, 1_700_000_000_000L + epoch, LeaseKind.WORK, null);
    }

    public static LeaseGranted verifyLease(String search, int unit, PeerId holder, long epoch, StrategyId target) {
        return new LeaseGranted(search, unit, holder, epoch, 1_700_000_000_000L, LeaseKind.VERIFY, target);
    }

    public static CheckpointSaved checkpoint(String search, int unit, int generation, Sha256 blob) {
        return new CheckpointSaved(search, unit, generation, blob, 1000 + generation);
    }

    /**
     * A report of the fixture figures whose trades hash to {@code trades}: its digest is {@link #digest(Sha256)} of
     * them, so it binds its figures under any fixture search (they share dataset, split and costs).
     */
    public static StrategyReported report(String search, int unit, Sha256 trades) {
        return new StrategyReported(search, unit, GENOME, IN_SAMPLE, BUY_AND_HOLD_IN, OUT_OF_SAMPLE, BUY_AND_HOLD_OUT,
                trades, digest(trades), EngineVersion.CURRENT, TRIALS);
    }

    /** The result digest a peer computes for the fixture figures with {@code trades}: what verifiers vote for. */
    public static Sha256 digest(Sha256 trades) {
        SearchSpec spec = spec(1, 1, false);
        return Sha256.parse(ResultDigest.of(EngineVersion.CURRENT, DATASET, spec.unitSplit(0), spec.costs(), trades.hex(),
                IN_SAMPLE, BUY_AND_HOLD_IN, OUT_OF_SAMPLE, BUY_AND_HOLD_OUT));
    }

    public static VerificationReported verification(StrategyId strategy, Sha256 digest) {
        return new VerificationReported(strategy, digest, EngineVersion.CURRENT);
    }

    /** Deletes a directory tree (temp dirs of tests). */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds one origin's chain the way a ledger would (sequence, previous hash, Lamport time),
     * without storing anything.
     */
    public static final class Chain {
        private final PeerIdentity identity;
        private long sequence;
        private Sha256 previous = Sha256.ZERO;

        public Chain(PeerIdentity identity) {
            this.identity = identity;
        }

        public PeerIdentity identity() {
            return identity;
        }

        public PeerId id() {
            return identity.peerId();
        }

        /** The next event at the given Lamport time (must exceed the chain's previous one). */
        public Event next(long lamport, Payload payload) {
            Event event = Event.sign(identity.peerId(), sequence + 1, previous, lamport, payload, identity);
            sequence = event.sequence();
            previous = event.hash();
            return event;
        }

        /** The id the next event will get if it is a strategy report. */
        public StrategyId nextStrategyId() {
            return new StrategyId(identity.peerId(), sequence + 1);
        }
    }
}
