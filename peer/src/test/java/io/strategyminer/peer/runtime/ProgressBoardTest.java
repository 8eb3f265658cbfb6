package io.strategyminer.peer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.identity.PeerId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress wire form: exact round trip, NaN for "no qualified genome yet", clear refusals. */
class ProgressBoardTest {
    private static final PeerId PEER = PeerIdentity.generate().peerId();

    @Test
    void roundTripsEveryField() {
        List<UnitProgress> units = List.of(new UnitProgress(PEER, "search-a", 0, 3, 30, 1.25, 7),
                new UnitProgress(PEER, "search-b", 12, 0, 5, Double.NaN, 7));
        assertEquals(units, ProgressBoard.decode(PEER, ProgressBoard.encode(units), 7));
        assertEquals(List.of(), ProgressBoard.decode(PEER, ProgressBoard.encode(List.of()), 7));
    }

    @Test
    void badMessagesAreRefusedWithTheReason() {
        byte[] one = ProgressBoard.encode(List.of(new UnitProgress(PEER, "s", 1, 2, 3, 0.5, 0)));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProgressBoard.decode(PEER, Arrays.copyOf(one, one.length - 3), 0)).getMessage().contains("truncated"));
        byte[] lying = one.clone();
        lying[0] = 0x10; // 268 million units
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProgressBoard.decode(PEER, lying, 0))
                .getMessage().contains("limit"));
        byte[] impossible = one.clone();
        // layout from the end: best (8 bytes), generations (4), generation (4): set generation 10 of 3
        impossible[impossible.length - 13] = 10;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProgressBoard.decode(PEER, impossible, 0))
                .getMessage().contains("out of range"));
        assertThrows(IllegalArgumentException.class, () -> ProgressBoard.decode(PEER, Arrays.copyOf(one, one.length + 1), 0));
    }
}
