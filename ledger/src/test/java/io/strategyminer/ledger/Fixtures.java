package io.strategyminer.ledger;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Metrics;
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
    public static final Metrics IN_SAMPLE = new Metrics(1234.5, 12.345, 42, 0.55, 1.8, 2.4, 7.5, 1.6, 35.0);
    public static final Metrics OUT_OF_SAMPLE = new Metrics(-12.25, -0.1225, 9, 0.4444444444444444, -0.3, -0.2,
            3.25, 0.9, 20.5);

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

    public static SearchSubmitted search(String id, int units, int quorum, boolean allowSameMachine) {
        return new SearchSubmitted(id, DATASET, 70, 40, 25, RiskLevel.MEDIUM, Objective.SHARPE, 10, units, quorum,
                42L, allowSameMachine);
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

    public static StrategyReported report(String search, int unit, Sha256 digest) {
        return new StrategyReported(search, unit, GENOME, IN_SAMPLE, OUT_OF_SAMPLE, digest, EngineVersion.CURRENT);
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
