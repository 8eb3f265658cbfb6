package io.strategyminer.peer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The clock message: 8 bytes of unix milliseconds; anything else is refused with the reason. */
class PeerClocksTest {

    @Test
    void aClockRoundTripsAndAnythingElseIsRefused() {
        long now = 1_767_000_000_123L;
        assertEquals(now, PeerClocks.decode(PeerClocks.encode(now)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerClocks.decode(new byte[7])).getMessage()
                .contains("8 bytes, got 7"));
        assertThrows(IllegalArgumentException.class, () -> PeerClocks.decode(new byte[9]));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerClocks.decode(PeerClocks.encode(-5)))
                .getMessage().contains("before 1970"));
    }
}
