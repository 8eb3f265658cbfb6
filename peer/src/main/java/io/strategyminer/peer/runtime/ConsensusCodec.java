package io.strategyminer.peer.runtime;

import io.strategyminer.consensus.ConsensusMessage;
import io.strategyminer.consensus.ConsensusMessage.WorkRequest;
import java.nio.ByteBuffer;

/**
 * The wire form of {@link ConsensusMessage}s on the cluster channel: one kind byte, then
 * <ul>
 *   <li>2 WORK_REQUEST: leases wanted (free slots and queue), int32 (big-endian).</li>
 * </ul>
 * Nothing else is accepted. Kinds 1 (a live event), 3 (a repair request) and 4 (a repair batch) were once read
 * here; events now travel only by live gossip (topic 1) and repair sync (Netty, with back-pressure), so these
 * kinds are refused like any unknown one. Every refusal is an {@link IllegalArgumentException} naming the problem,
 * decided before anything is allocated.
 */
public final class ConsensusCodec {
    static final int WORK_REQUEST = 2;
    /** Length of a work request on the wire: the kind byte and an int32. */
    static final int WORK_REQUEST_BYTES = 5;

    private ConsensusCodec() {
    }

    public static byte[] encode(ConsensusMessage message) {
        if (message instanceof WorkRequest request) {
            return ByteBuffer.allocate(WORK_REQUEST_BYTES).put((byte) WORK_REQUEST).putInt(request.wanted()).array();
        }
        throw new IllegalArgumentException("unknown consensus message " + message);
    }

    /**
     * @throws IllegalArgumentException for an empty, truncated, overlong or unknown message, a removed kind (1, 3,
     *                                  4) or a work request for fewer than one slot
     */
    public static ConsensusMessage decode(byte[] wire) {
        if (wire.length < 1) {
            throw new IllegalArgumentException("empty consensus message");
        }
        int kind = wire[0] & 0xff;
        switch (kind) {
            case WORK_REQUEST: {
                if (wire.length < WORK_REQUEST_BYTES) {
                    throw new IllegalArgumentException("consensus message of kind " + kind + " is truncated");
                }
                if (wire.length > WORK_REQUEST_BYTES) {
                    throw new IllegalArgumentException((wire.length - WORK_REQUEST_BYTES)
                            + " unexpected bytes after a consensus message");
                }
                return new WorkRequest(ByteBuffer.wrap(wire, 1, 4).getInt());
            }
            case 1:
            case 3:
            case 4:
                throw new IllegalArgumentException("consensus message kind " + kind + " (" + (kind == 1 ? "live event"
                        : kind == 3 ? "repair request" : "repair batch") + ") is not accepted: events travel by live"
                        + " gossip and repair sync only");
            default:
                throw new IllegalArgumentException("unknown consensus message kind " + kind);
        }
    }
}
