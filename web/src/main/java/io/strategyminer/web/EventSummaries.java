package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.event.VerificationReported;

/**
 * An event as the live stream shows it: who, which, when, and the few fields a dashboard needs to
 * know what to refresh (never genomes or chunk lists: the stream stays small).
 */
final class EventSummaries {
    private EventSummaries() {
    }

    static ObjectNode summary(Event event, boolean local) {
        ObjectNode node = Json.object()
                .put("type", event.type().name())
                .put("origin", event.origin().hex())
                .put("sequence", event.sequence())
                .put("lamport", event.lamport())
                .put("local", local);
        Payload payload = event.payload();
        if (payload instanceof PeerAnnounced p) {
            node.put("name", p.name()).put("machine", p.machineId().hex()).put("cores", p.cores())
                    .put("backtestsPerSecond", p.backtestsPerSecond())
                    .put("candleStepsPerSecond", p.candleStepsPerSecond());
        } else if (payload instanceof DatasetPublished d) {
            node.put("dataset", d.dataset().hex()).put("name", d.name()).put("candles", d.candles());
        } else if (payload instanceof SearchSubmitted s) {
            node.put("searchId", s.searchId()).put("dataset", s.spec().dataset().hex())
                    .put("workUnits", s.spec().workUnits());
        } else if (payload instanceof LeaseGranted l) {
            node.put("searchId", l.searchId()).put("unit", l.unit()).put("holder", l.holder().hex())
                    .put("kind", l.kind().name()).put("epoch", l.epoch());
            if (l.target() != null) {
                node.put("target", l.target().toString());
            }
        } else if (payload instanceof CheckpointSaved c) {
            node.put("searchId", c.searchId()).put("unit", c.unit()).put("generation", c.generation());
        } else if (payload instanceof UnitFailed f) {
            node.put("searchId", f.searchId()).put("unit", f.unit()).put("reason", f.reason());
        } else if (payload instanceof StrategyReported r) {
            node.put("strategy", new StrategyId(event.origin(), event.sequence()).toString())
                    .put("searchId", r.searchId()).put("unit", r.unit()).put("digest", r.digest().hex());
        } else if (payload instanceof VerificationReported v) {
            node.put("strategy", v.strategy().toString()).put("digest", v.digest().hex());
        } else if (payload instanceof EquivocationProof e) {
            node.put("offender", e.offender().hex()).put("part", e.part()).put("parts", e.partHashes().size());
        }
        return node;
    }
}
