package io.strategyminer.peer.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.consensus.ConsensusMessage;
import io.strategyminer.consensus.ConsensusMessage.LiveEvent;
import io.strategyminer.consensus.ConsensusMessage.RepairBatch;
import io.strategyminer.consensus.ConsensusMessage.RepairRequest;
import io.strategyminer.consensus.ConsensusMessage.WorkRequest;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import io.strategyminer.peer.cluster.ClusterNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire form of consensus messages: exact round trips, channel-sized batches, clear refusals. */
class ConsensusCodecTest {
    private static List<Event> events(int count) {
        PeerIdentity identity = PeerIdentity.generate();
        try (Ledger ledger = Ledger.open(new MemoryLedgerStore(), identity)) {
            List<Event> events = new ArrayList<>();
            events.add(ledger.append(new PeerAnnounced("codec", MachineId.fromSystemId("codec-machine"),
                    identity.publicKeyHex(), 2, 1000, EngineVersion.CURRENT)));
            for (int i = 1; i < count; i++) {
                events.add(ledger.append(new CheckpointSaved("codec-search", i, i, Sha256.of(new byte[] {(byte) i}), 1)));
            }
            return events;
        }
    }

    private static ConsensusMessage roundTrip(ConsensusMessage message) {
        return ConsensusCodec.decode(ConsensusCodec.encode(message));
    }

    @Test
    void everyKindRoundTripsExactly() {
        List<Event> events = events(5);
        LiveEvent live = (LiveEvent) roundTrip(new LiveEvent(events.get(2)));
        assertArrayEquals(events.get(2).encoded(), live.event().encoded());
        assertEquals(new WorkRequest(3), roundTrip(new WorkRequest(3)));
        io.strategyminer.ledger.VersionVector vector = io.strategyminer.ledger.VersionVector.of(
                java.util.Map.of(events.get(0).origin(), 5L));
        assertEquals(vector, ((RepairRequest) roundTrip(new RepairRequest(vector))).held());
        RepairBatch batch = (RepairBatch) roundTrip(new RepairBatch(events));
        assertEquals(events, batch.events());
        assertEquals(List.of(), ((RepairBatch) roundTrip(new RepairBatch(List.of()))).events());
    }

    @Test
    void damagedMessagesAreRefusedWithTheReason() {
        byte[] batch = ConsensusCodec.encode(new RepairBatch(events(3)));
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> ConsensusCodec.decode(Arrays.copyOf(batch, batch.length - 10)));
        assertTrue(truncated.getMessage().contains("claims") || truncated.getMessage().contains("truncated"),
                truncated.getMessage());
        byte[] lying = batch.clone();
        lying[1] = 0x7f; // event count ~2 billion
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(lying)).getMessage()
                .contains("claims"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(new byte[] {9}))
                .getMessage().contains("unknown consensus message kind 9"));
        assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(new byte[] {2, 0, 0}));
        byte[] work = ConsensusCodec.encode(new WorkRequest(1));
        assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(Arrays.copyOf(work, work.length + 1)));
        byte[] flipped = ConsensusCodec.encode(new LiveEvent(events(1).get(0)));
        flipped[1] = 99; // the event's format version (signatures are checked by the ledger, not the codec)
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(flipped)).getMessage()
                .contains("bad event"));
    }

    @Test
    void aLargeRepairBatchIsSplitIntoChannelSizedMessagesInOrder() {
        List<Event> events = events(1200);
        List<ConsensusMessage> parts = ClusterTransport.fitting(new RepairBatch(events));
        assertTrue(parts.size() > 1, "1,200 events need several messages, got " + parts.size());
        List<Event> joined = new ArrayList<>();
        for (ConsensusMessage part : parts) {
            assertTrue(ConsensusCodec.encode(part).length <= ClusterNode.MAX_PAYLOAD_BYTES);
            joined.addAll(((RepairBatch) part).events());
        }
        assertEquals(events, joined);
        assertEquals(List.of(new WorkRequest(2)), ClusterTransport.fitting(new WorkRequest(2)));
    }
}
