package io.strategyminer.peer.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowGuardTest {
    private static final Wire.Events BATCH = new Wire.Events(List.of(new byte[] {1}));

    @Test
    void batchesWithinTheWindowPassAndAcksReopenIt() {
        SyncStats.Counters counters = new SyncStats.Counters();
        EmbeddedChannel channel = new EmbeddedChannel(new FlowGuard(counters));
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < EventExchange.WINDOW; i++) {
                channel.writeInbound(BATCH);
            }
            for (int i = 0; i < EventExchange.WINDOW; i++) {
                channel.writeOutbound(new Wire.Ack(1));
            }
        }
        assertTrue(channel.isOpen());
        assertEquals(0, counters.protocolErrors.get());
        channel.finishAndReleaseAll();
    }

    @Test
    void aPeerIgnoringTheWindowIsCutOff() {
        SyncStats.Counters counters = new SyncStats.Counters();
        EmbeddedChannel channel = new EmbeddedChannel(new FlowGuard(counters));
        for (int i = 0; i < EventExchange.WINDOW; i++) {
            channel.writeInbound(BATCH);
        }
        assertThrows(ProtocolException.class, () -> channel.writeInbound(BATCH));
        assertFalse(channel.isOpen());
        assertEquals(1, counters.protocolErrors.get());
        channel.finishAndReleaseAll();
    }
}
