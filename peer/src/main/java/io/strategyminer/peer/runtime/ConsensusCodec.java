package io.strategyminer.peer.runtime;

import io.strategyminer.consensus.ConsensusMessage;
import io.strategyminer.consensus.ConsensusMessage.LiveEvent;
import io.strategyminer.consensus.ConsensusMessage.RepairBatch;
import io.strategyminer.consensus.ConsensusMessage.RepairRequest;
import io.strategyminer.consensus.ConsensusMessage.WorkRequest;
import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.InvalidEventException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of {@link ConsensusMessage}s on the cluster channel: one kind byte, then
 * <ul>
 *   <li>1 LIVE_EVENT: the event's canonical bytes ({@link Event#encoded()});</li>
 *   <li>2 WORK_REQUEST: free slots, int32;</li>
 *   <li>3 REPAIR_REQUEST: {@link VersionVector#encode()};</li>
 *   <li>4 REPAIR_BATCH: event count (int32), then per event its length (int32) and canonical bytes.</li>
 * </ul>
 * Big-endian. Decoding checks every length against what is left, so a damaged or hostile message is an
 * {@link IllegalArgumentException} naming the problem and never an allocation of a claimed size.
 */
public final class ConsensusCodec {
    static final int LIVE_EVENT = 1;
    static final int WORK_REQUEST = 2;
    static final int REPAIR_REQUEST = 3;
    static final int REPAIR_BATCH = 4;
    /** Per-event overhead of a repair batch (the length prefix). */
    static final int BATCH_EVENT_OVERHEAD = 4;
    /** Fixed overhead of a repair batch (kind byte and count). */
    static final int BATCH_OVERHEAD = 5;

    private ConsensusCodec() {
    }

    public static byte[] encode(ConsensusMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (message instanceof LiveEvent live) {
                out.writeByte(LIVE_EVENT);
                out.write(live.event().encoded());
            } else if (message instanceof WorkRequest request) {
                out.writeByte(WORK_REQUEST);
                out.writeInt(request.freeSlots());
            } else if (message instanceof RepairRequest repair) {
                out.writeByte(REPAIR_REQUEST);
                out.write(repair.held().encode());
            } else if (message instanceof RepairBatch batch) {
                out.writeByte(REPAIR_BATCH);
                out.writeInt(batch.events().size());
                for (Event event : batch.events()) {
                    byte[] encoded = event.encoded();
                    out.writeInt(encoded.length);
                    out.write(encoded);
                }
            } else {
                throw new IllegalArgumentException("unknown consensus message " + message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    public static ConsensusMessage decode(byte[] wire) {
        if (wire.length < 1) {
            throw new IllegalArgumentException("empty consensus message");
        }
        ByteBuffer in = ByteBuffer.wrap(wire, 1, wire.length - 1);
        try {
            switch (wire[0]) {
                case LIVE_EVENT:
                    return new LiveEvent(event(rest(in)));
                case WORK_REQUEST: {
                    int free = in.getInt();
                    requireEnd(in);
                    return new WorkRequest(free);
                }
                case REPAIR_REQUEST:
                    return new RepairRequest(VersionVector.decode(rest(in)));
                case REPAIR_BATCH:
                    return new RepairBatch(batch(in));
                default:
                    throw new IllegalArgumentException("unknown consensus message kind " + (wire[0] & 0xff));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("consensus message of kind " + wire[0] + " is truncated", e);
        }
    }

    private static List<Event> batch(ByteBuffer in) {
        int count = in.getInt();
        // every event takes at least its length prefix: a count beyond that is a lie, refuse before allocating
        if (count < 0 || (long) count * BATCH_EVENT_OVERHEAD > in.remaining()) {
            throw new IllegalArgumentException("repair batch claims " + count + " events in " + in.remaining() + " bytes");
        }
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.getInt();
            if (length < 1 || length > Math.min(in.remaining(), Event.MAX_ENCODED_BYTES)) {
                throw new IllegalArgumentException("repair batch event " + i + " claims " + length + " bytes, "
                        + in.remaining() + " left");
            }
            byte[] encoded = new byte[length];
            in.get(encoded);
            events.add(event(encoded));
        }
        requireEnd(in);
        return events;
    }

    private static Event event(byte[] encoded) {
        try {
            return Event.decode(encoded);
        } catch (InvalidEventException e) {
            throw new IllegalArgumentException("bad event in a consensus message: " + e.getMessage(), e);
        }
    }

    private static byte[] rest(ByteBuffer in) {
        byte[] out = new byte[in.remaining()];
        in.get(out);
        return out;
    }

    private static void requireEnd(ByteBuffer in) {
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " unexpected bytes after a consensus message");
        }
    }
}
