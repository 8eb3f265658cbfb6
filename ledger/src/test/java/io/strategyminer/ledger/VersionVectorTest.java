package io.strategyminer.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionVectorTest {
    private final PeerId a = PeerIdentity.generate().peerId();
    private final PeerId b = PeerIdentity.generate().peerId();

    @Test
    void mergesPointwiseAndComparesByDomination() {
        VersionVector x = VersionVector.of(Map.of(a, 3L, b, 1L));
        VersionVector y = VersionVector.of(Map.of(a, 2L));
        assertTrue(x.dominates(y));
        assertFalse(y.dominates(x));
        assertEquals(VersionVector.of(Map.of(a, 3L, b, 1L)), y.merge(x));
        assertEquals(4, x.total());
        assertEquals(0, y.get(b));
        assertThrows(IllegalArgumentException.class, () -> VersionVector.of(Map.of(a, 0L)));
    }

    @Test
    void roundTripsItsWireFormAndRefusesMalformedBytes() {
        VersionVector x = VersionVector.of(Map.of(a, 3L, b, Long.MAX_VALUE));
        assertEquals(x, VersionVector.decode(x.encode()));
        assertEquals(VersionVector.EMPTY, VersionVector.decode(VersionVector.EMPTY.encode()));
        assertThrows(IllegalArgumentException.class, () -> VersionVector.decode(new byte[2]));
        byte[] lying = x.encode();
        ByteBuffer.wrap(lying).putInt(0, 3);
        assertThrows(IllegalArgumentException.class, () -> VersionVector.decode(lying));
        byte[] twice = ByteBuffer.allocate(4 + 2 * 24).putInt(2).put(a.bytes()).putLong(1).put(a.bytes()).putLong(2)
                .array();
        assertThrows(IllegalArgumentException.class, () -> VersionVector.decode(twice));
        byte[] zero = ByteBuffer.allocate(4 + 24).putInt(1).put(a.bytes()).putLong(0).array();
        assertThrows(IllegalArgumentException.class, () -> VersionVector.decode(zero));
    }
}
