package io.strategyminer.peer.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.data.Dataset;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.ChainTips;
import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.Event;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void everyMessageSurvivesTheRoundTrip() throws Exception {
        List<Event> chain = SyncFixtures.chains(4, 2_600).get(0).subList(0, 3);
        Dataset dataset = DatasetChunksTest.synthetic(20_000);
        VersionVector vector = VersionVector.of(Map.of(chain.get(0).origin(), 3L));

        ChainTips tips = new ChainTips(new java.util.TreeMap<>(Map.of(chain.get(0).origin(), chain.get(2).hash())));
        Wire.Vector vectorMessage = (Wire.Vector) roundTrip(new Wire.Vector(vector, tips));
        assertEquals(vector, vectorMessage.vector());
        assertEquals(tips, vectorMessage.tips());
        List<byte[]> events = ((Wire.Events) roundTrip(new Wire.Events(chain.stream().map(Event::encoded).toList())))
                .events();
        for (int i = 0; i < chain.size(); i++) {
            assertArrayEquals(chain.get(i).encoded(), events.get(i));
        }
        assertEquals(new Wire.Ack(7), roundTrip(new Wire.Ack(7)));
        assertEquals(new Wire.Done(), roundTrip(new Wire.Done()));
        assertEquals(new Wire.DatasetRequest(dataset.id()), roundTrip(new Wire.DatasetRequest(dataset.id())));
        assertEquals(DatasetManifest.of(dataset), ((Wire.Manifest) roundTrip(
                new Wire.Manifest(DatasetManifest.of(dataset)))).manifest());
        assertEquals(new Wire.Missing(dataset.id()), roundTrip(new Wire.Missing(dataset.id())));
        assertEquals(new Wire.ChunkRequest(2), roundTrip(new Wire.ChunkRequest(2)));
        byte[] chunk = DatasetChunks.chunk(dataset, 1);
        assertArrayEquals(chunk, ((Wire.Chunk) roundTrip(new Wire.Chunk(1, chunk))).bytes());
        Sha256 hash = Sha256.of(chunk);
        assertEquals(new Wire.BlobRequest(hash, 3), roundTrip(new Wire.BlobRequest(hash, 3)));
        Wire.BlobPart part = (Wire.BlobPart) roundTrip(new Wire.BlobPart(3 * Wire.BLOB_PART_BYTES, 2, chunk));
        assertEquals(3 * Wire.BLOB_PART_BYTES, part.size());
        assertEquals(2, part.part());
        assertArrayEquals(chunk, part.bytes());
        assertEquals(new Wire.BlobMissing(hash), roundTrip(new Wire.BlobMissing(hash)));
    }

    @Test
    void malformedMessagesAreRefusedBeforeAllocating() {
        byte[] tooManyEvents = ByteBuffer.allocate(5).put((byte) 2).putInt(Wire.MAX_BATCH_EVENTS + 1).array();
        ProtocolException refused = assertThrows(ProtocolException.class, () -> Wire.decode(tooManyEvents));
        assertTrue(refused.getMessage().contains("1 to 1000"), refused.getMessage());

        byte[] hugeEvent = ByteBuffer.allocate(9).put((byte) 2).putInt(1).putInt(Integer.MAX_VALUE).array();
        assertThrows(ProtocolException.class, () -> Wire.decode(hugeEvent));
        byte[] hugeManifest = ByteBuffer.allocate(1 + 32 + 2 + 2 + 8 + 4).put((byte) 6).put(new byte[32])
                .putShort((short) 0).putShort((short) 0).putLong(300).putInt(Integer.MAX_VALUE).array();
        assertThrows(ProtocolException.class, () -> Wire.decode(hugeManifest));
        byte[] hugeBlob = ByteBuffer.allocate(13).put((byte) 11).putInt(Wire.MAX_BLOB_BYTES + 1).putInt(0).putInt(1)
                .array();
        assertTrue(assertThrows(ProtocolException.class, () -> Wire.decode(hugeBlob)).getMessage()
                .contains("a blob has 1 to " + Wire.MAX_BLOB_BYTES + " bytes"));
        byte[] partPastTheEnd = ByteBuffer.allocate(13).put((byte) 11).putInt(Wire.BLOB_PART_BYTES + 1).putInt(2)
                .putInt(0).array();
        assertTrue(assertThrows(ProtocolException.class, () -> Wire.decode(partPastTheEnd)).getMessage()
                .contains("blob part 2 of a blob of"));
        byte[] hugePart = ByteBuffer.allocate(13).put((byte) 11).putInt(Wire.MAX_BLOB_BYTES).putInt(0)
                .putInt(Wire.BLOB_PART_BYTES + 1).array();
        assertTrue(assertThrows(ProtocolException.class, () -> Wire.decode(hugePart)).getMessage()
                .contains("blob part of"));
        byte[] negativePart = ByteBuffer.allocate(37).put((byte) 10).put(new byte[32]).putInt(-1).array();
        assertThrows(ProtocolException.class, () -> Wire.decode(negativePart), "negative part request");
        assertThrows(ProtocolException.class, () -> Wire.decode(new byte[] {10, 1, 2}), "truncated blob request");
        assertThrows(ProtocolException.class, () -> Wire.decode(new byte[] {42}), "unknown type");
        assertThrows(ProtocolException.class, () -> Wire.decode(new byte[] {3, 0}), "truncated ack");
        assertThrows(ProtocolException.class, () -> Wire.decode(new byte[] {4, 0}), "extra bytes");
        assertThrows(ProtocolException.class, () -> Wire.decode(new byte[] {1, 0, 0, 0, 1}), "short vector");
        assertThrows(ProtocolException.class,
                () -> Wire.decode(Wire.encode(new Wire.Events(Collections.emptyList()))), "empty batch");
    }

    private static Wire.Message roundTrip(Wire.Message message) throws ProtocolException {
        return Wire.decode(Wire.encode(message));
    }
}
