package io.strategyminer.ledger.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import java.util.List;

/**
 * Payload schemas that have not changed since ledger format 1, shared by every format that still has them. A format
 * that changes one gets its own record instead; these records never change, so old events keep decoding. Ids and
 * hashes are written as their canonical hex text (their identity), enums by name.
 */
final class SharedSchema {
    private SharedSchema() {
    }

    record Peer(String name, MachineId machineId, String publicKey, int cores, double backtestsPerSecond,
                String engineVersion) {
        static Peer of(PeerAnnounced p) {
            return new Peer(p.name(), p.machineId(), p.publicKey(), p.cores(), p.backtestsPerSecond(), p.engineVersion());
        }

        PeerAnnounced domain() {
            return new PeerAnnounced(name, machineId, publicKey, cores, backtestsPerSecond, engineVersion);
        }
    }

    record Dataset(DatasetId dataset, String name, String symbol, int timeframeSeconds, int candles, long sizeBytes,
                   List<Sha256> chunks) {
        static Dataset of(DatasetPublished d) {
            return new Dataset(d.dataset(), d.name(), d.symbol(), d.timeframeSeconds(), d.candles(), d.sizeBytes(),
                    d.chunks());
        }

        DatasetPublished domain() {
            return new DatasetPublished(dataset, name, symbol, timeframeSeconds, candles, sizeBytes, chunks);
        }
    }

    record Lease(String searchId, int unit, PeerId holder, long epoch, long deadlineMillis, LeaseKind kind,
                 StrategyId target) {
        static Lease of(LeaseGranted l) {
            return new Lease(l.searchId(), l.unit(), l.holder(), l.epoch(), l.deadlineMillis(), l.kind(), l.target());
        }

        LeaseGranted domain() {
            return new LeaseGranted(searchId, unit, holder, epoch, deadlineMillis, kind, target);
        }
    }

    record Checkpoint(String searchId, int unit, int generation, Sha256 blob, long sizeBytes) {
        static Checkpoint of(CheckpointSaved c) {
            return new Checkpoint(c.searchId(), c.unit(), c.generation(), c.blob(), c.sizeBytes());
        }

        CheckpointSaved domain() {
            return new CheckpointSaved(searchId, unit, generation, blob, sizeBytes);
        }
    }

    record Verification(StrategyId strategy, Sha256 digest, String engineVersion) {
        static Verification of(VerificationReported v) {
            return new Verification(v.strategy(), v.digest(), v.engineVersion());
        }

        VerificationReported domain() {
            return new VerificationReported(strategy, digest, engineVersion);
        }
    }

    /** A genome as its canonical JSON ({@link GenomeJson}, a format of its own), nested as a JSON value. */
    static JsonNode genome(Genome genome) {
        return SchemaMapper.tree(GenomeJson.write(genome));
    }

    static Genome genome(JsonNode node) {
        return GenomeJson.read(node.toString());
    }
}
