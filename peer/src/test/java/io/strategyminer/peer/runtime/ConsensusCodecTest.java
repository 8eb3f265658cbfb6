package io.strategyminer.peer.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.consensus.ConsensusMessage.WorkRequest;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire form of consensus messages: work requests round-trip exactly, everything else is refused with the reason. */
class ConsensusCodecTest {

    private static Event event() {
        PeerIdentity identity = PeerIdentity.generate();
        try (Ledger ledger = Ledger.open(new MemoryLedgerStore(), identity)) {
            return ledger.append(new PeerAnnounced("codec", MachineId.fromSystemId("codec-machine"),
                    identity.publicKeyHex(), 2, 1000, EngineVersion.CURRENT));
        }
    }

    @Test
    void aWorkRequestRoundTripsExactly() {
        assertEquals(new WorkRequest(3), ConsensusCodec.decode(ConsensusCodec.encode(new WorkRequest(3))));
        assertArrayEquals(new byte[] {2, 0, 0, 0, 7}, ConsensusCodec.encode(new WorkRequest(7)));
    }

    @Test
    void damagedMessagesAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(new byte[] {9}))
                .getMessage().contains("unknown consensus message kind 9"));
        assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(new byte[0]));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(new byte[] {2, 0, 0}))
                .getMessage().contains("truncated"));
        byte[] work = ConsensusCodec.encode(new WorkRequest(1));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ConsensusCodec.decode(Arrays.copyOf(work, work.length + 1))).getMessage().contains("unexpected"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsensusCodec.decode(new byte[] {2, 0, 0, 0, 0}))
                .getMessage().contains("at least one lease"));
    }

    /**
     * Live events and repair requests and batches are no longer consensus messages: a member that sends one (an
     * empty repair request once made a peer stream its whole ledger over the channel) gets nothing read.
     */
    @Test
    void removedKindsAreRefused() {
        Event event = event();
        byte[] live = ByteBuffer.allocate(1 + event.encoded().length).put((byte) 1).put(event.encoded()).array();
        byte[] emptyRepairRequest = ByteBuffer.allocate(1 + VersionVector.of(Map.of()).encode().length).put((byte) 3)
                .put(VersionVector.of(Map.of()).encode()).array();
        byte[] batch = ByteBuffer.allocate(1 + 4 + 4 + event.encoded().length).put((byte) 4).putInt(1)
                .putInt(event.encoded().length).put(event.encoded()).array();
        for (byte[] removed : new byte[][] {live, emptyRepairRequest, batch, {1}, {3}, {4}}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> ConsensusCodec.decode(removed));
            assertTrue(refused.getMessage().contains("is not accepted"), refused.getMessage());
        }
    }
}
