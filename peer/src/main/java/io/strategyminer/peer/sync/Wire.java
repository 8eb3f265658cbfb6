package io.strategyminer.peer.sync;

import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.ChainTips;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The messages of a sync session after the handshake, and their binary form (one message per sealed
 * frame): a type byte, then the body, big-endian. Decoding checks every count and length against the
 * protocol limits before allocating, and fails with {@link ProtocolException} on anything malformed.
 */
final class Wire {
    /** Largest frame on the wire (length prefix excluded), handshake or sealed. */
    static final int MAX_FRAME_BYTES = 2 << 20;
    /** Largest number of events in one batch. */
    static final int MAX_BATCH_EVENTS = 1_000;
    /** Bytes of a checkpoint blob per {@link BlobPart}: half a frame, so a part and its header always fit. */
    static final int BLOB_PART_BYTES = MAX_FRAME_BYTES / 2;
    /** Largest blob a peer serves or accepts: the ledger's own limit. */
    static final int MAX_BLOB_BYTES = Math.toIntExact(Ledger.MAX_BLOB_BYTES);

    private Wire() {
    }

    /** A message of the session protocol. */
    sealed interface Message permits Vector, Events, Ack, Done, DatasetRequest, Manifest, Missing, ChunkRequest,
            Chunk, BlobRequest, BlobPart, BlobMissing {
    }

    /**
     * "Here is what I hold": opens a sync (client) and answers it (server). The tips let the other side see an
     * origin whose events here differ from its own at the same sequence ({@link ChainTips}).
     */
    record Vector(VersionVector vector, ChainTips tips) implements Message {
    }

    /** A catch-up batch of encoded events, in delta order. */
    record Events(List<byte[]> events) implements Message {
    }

    /** "I applied your previous batch": the sender may send one more. */
    record Ack(int applied) implements Message {
    }

    /** "I have sent every event you lacked." */
    record Done() implements Message {
    }

    record DatasetRequest(DatasetId id) implements Message {
    }

    record Manifest(DatasetManifest manifest) implements Message {
    }

    /** "I do not hold this dataset." */
    record Missing(DatasetId id) implements Message {
    }

    record ChunkRequest(int index) implements Message {
    }

    record Chunk(int index, byte[] bytes) implements Message {
    }

    /** "Send me part {@code part} of the checkpoint blob whose SHA-256 is this" (parts are asked for in order). */
    record BlobRequest(Sha256 hash, int part) implements Message {
    }

    /**
     * Part {@code part} of a blob of {@code size} bytes: its bytes from {@code part × BLOB_PART_BYTES} on. The
     * receiver checks the assembled blob against the hash it asked for.
     */
    record BlobPart(int size, int part, byte[] bytes) implements Message {
    }

    /** "I do not hold this blob." */
    record BlobMissing(Sha256 hash) implements Message {
    }

    private static final byte VECTOR = 1;
    private static final byte EVENTS = 2;
    private static final byte ACK = 3;
    private static final byte DONE = 4;
    private static final byte DATASET_REQUEST = 5;
    private static final byte MANIFEST = 6;
    private static final byte MISSING = 7;
    private static final byte CHUNK_REQUEST = 8;
    private static final byte CHUNK = 9;
    private static final byte BLOB_REQUEST = 10;
    private static final byte BLOB_PART = 11;
    private static final byte BLOB_MISSING = 12;

    static byte[] encode(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            if (message instanceof Vector m) {
                out.writeByte(VECTOR);
                byte[] vector = m.vector().encode();
                out.writeInt(vector.length);
                out.write(vector);
                out.write(m.tips().encode());
            } else if (message instanceof Events m) {
                out.writeByte(EVENTS);
                out.writeInt(m.events().size());
                for (byte[] event : m.events()) {
                    out.writeInt(event.length);
                    out.write(event);
                }
            } else if (message instanceof Ack m) {
                out.writeByte(ACK);
                out.writeInt(m.applied());
            } else if (message instanceof Done) {
                out.writeByte(DONE);
            } else if (message instanceof DatasetRequest m) {
                out.writeByte(DATASET_REQUEST);
                out.write(HexFormat.of().parseHex(m.id().hex()));
            } else if (message instanceof Manifest m) {
                out.writeByte(MANIFEST);
                DatasetManifest manifest = m.manifest();
                out.write(HexFormat.of().parseHex(manifest.id().hex()));
                writeText(out, manifest.name());
                writeText(out, manifest.symbol());
                out.writeLong(manifest.timeframeSeconds());
                out.writeInt(manifest.candles());
                for (Sha256 chunk : manifest.chunks()) {
                    out.write(chunk.bytes());
                }
            } else if (message instanceof Missing m) {
                out.writeByte(MISSING);
                out.write(HexFormat.of().parseHex(m.id().hex()));
            } else if (message instanceof ChunkRequest m) {
                out.writeByte(CHUNK_REQUEST);
                out.writeInt(m.index());
            } else if (message instanceof Chunk m) {
                out.writeByte(CHUNK);
                out.writeInt(m.index());
                out.writeInt(m.bytes().length);
                out.write(m.bytes());
            } else if (message instanceof BlobRequest m) {
                out.writeByte(BLOB_REQUEST);
                out.write(m.hash().bytes());
                out.writeInt(m.part());
            } else if (message instanceof BlobPart m) {
                out.writeByte(BLOB_PART);
                out.writeInt(m.size());
                out.writeInt(m.part());
                out.writeInt(m.bytes().length);
                out.write(m.bytes());
            } else if (message instanceof BlobMissing m) {
                out.writeByte(BLOB_MISSING);
                out.write(m.hash().bytes());
            } else {
                throw new IllegalArgumentException("unknown message " + message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static Message decode(byte[] frame) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(frame);
        try {
            byte type = in.get();
            Message message;
            switch (type) {
                case VECTOR:
                    VersionVector vector = VersionVector.decode(bytes(in, MAX_FRAME_BYTES, "version vector"));
                    byte[] tips = new byte[in.remaining()];
                    in.get(tips);
                    message = new Vector(vector, ChainTips.decode(tips));
                    break;
                case EVENTS:
                    message = new Events(events(in));
                    break;
                case ACK:
                    message = new Ack(in.getInt());
                    break;
                case DONE:
                    message = new Done();
                    break;
                case DATASET_REQUEST:
                    message = new DatasetRequest(datasetId(in));
                    break;
                case MANIFEST:
                    message = new Manifest(manifest(in));
                    break;
                case MISSING:
                    message = new Missing(datasetId(in));
                    break;
                case CHUNK_REQUEST:
                    message = new ChunkRequest(in.getInt());
                    break;
                case CHUNK:
                    int index = in.getInt();
                    message = new Chunk(index, bytes(in, DatasetChunks.MAX_CHUNK_BYTES, "chunk"));
                    break;
                case BLOB_REQUEST:
                    message = new BlobRequest(sha256(in), blobPart(in.getInt(), MAX_BLOB_BYTES));
                    break;
                case BLOB_PART:
                    int size = in.getInt();
                    if (size < 1 || size > MAX_BLOB_BYTES) {
                        throw new ProtocolException("a blob has 1 to " + MAX_BLOB_BYTES + " bytes, got " + size);
                    }
                    message = new BlobPart(size, blobPart(in.getInt(), size), bytes(in, BLOB_PART_BYTES, "blob part"));
                    break;
                case BLOB_MISSING:
                    message = new BlobMissing(sha256(in));
                    break;
                default:
                    throw new ProtocolException("unknown message type " + type);
            }
            if (in.hasRemaining()) {
                throw new ProtocolException("message type " + type + " has " + in.remaining() + " extra bytes");
            }
            return message;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("truncated message", e);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("malformed message: " + e.getMessage(), e);
        }
    }

    private static List<byte[]> events(ByteBuffer in) throws ProtocolException {
        int count = in.getInt();
        if (count < 1 || count > MAX_BATCH_EVENTS) {
            throw new ProtocolException("a batch holds 1 to " + MAX_BATCH_EVENTS + " events, got " + count);
        }
        List<byte[]> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(bytes(in, Event.MAX_ENCODED_BYTES, "event"));
        }
        return events;
    }

    private static DatasetManifest manifest(ByteBuffer in) throws ProtocolException {
        DatasetId id = datasetId(in);
        String name = text(in);
        String symbol = text(in);
        long timeframe = in.getLong();
        int candles = in.getInt();
        if (candles < 1 || candles > DatasetPublished.MAX_CANDLES) {
            throw new ProtocolException("a manifest of " + candles + " candles");
        }
        int candleChunks = DatasetChunks.chunkCount(candles);
        int chunks = in.remaining() / Sha256.BYTES;
        if (in.remaining() % Sha256.BYTES != 0 || (chunks != candleChunks && chunks != candleChunks + 1)) {
            throw new ProtocolException("a manifest of " + candles + " candles lists " + in.remaining()
                    + " bytes of chunk hashes; it has " + candleChunks + " hashes, one more with a cleaning record");
        }
        List<Sha256> hashes = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            hashes.add(sha256(in));
        }
        return new DatasetManifest(id, name, symbol, timeframe, candles, hashes);
    }

    private static DatasetId datasetId(ByteBuffer in) {
        byte[] id = new byte[Sha256.BYTES];
        in.get(id);
        return new DatasetId(HexFormat.of().formatHex(id));
    }

    /** How many {@link BlobPart}s carry a blob of {@code size} bytes. */
    static int blobParts(int size) {
        return (size + BLOB_PART_BYTES - 1) / BLOB_PART_BYTES;
    }

    /** The bytes of part {@code part} of {@code blob}. */
    static byte[] blobPart(byte[] blob, int part) {
        int from = part * BLOB_PART_BYTES;
        return Arrays.copyOfRange(blob, from, Math.min(blob.length, from + BLOB_PART_BYTES));
    }

    private static int blobPart(int part, int size) throws ProtocolException {
        if (part < 0 || part >= blobParts(size)) {
            throw new ProtocolException("blob part " + part + " of a blob of " + size + " bytes");
        }
        return part;
    }

    private static Sha256 sha256(ByteBuffer in) {
        byte[] hash = new byte[Sha256.BYTES];
        in.get(hash);
        return Sha256.fromBytes(hash);
    }

    private static byte[] bytes(ByteBuffer in, int max, String what) throws ProtocolException {
        int length = in.getInt();
        if (length < 0 || length > max || length > in.remaining()) {
            throw new ProtocolException(what + " of " + length + " bytes (at most " + max + ", " + in.remaining()
                    + " left in the frame)");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static String text(ByteBuffer in) throws ProtocolException {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > 4 * DatasetManifest.MAX_TEXT || length > in.remaining()) {
            throw new ProtocolException("text of " + length + " bytes");
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
