package io.strategyminer.peer.sync;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * The 4-byte length framing of a sync connection, with two limits checked on the length prefix, before
 * anything is buffered for the frame: {@link #HANDSHAKE_FRAME_BYTES} until both sides proved the cluster
 * secret (the largest handshake frame is 40 bytes), {@link Wire#MAX_FRAME_BYTES} after. So a stranger can make
 * a peer buffer at most a few dozen bytes per connection, not 2 MiB.
 */
final class SyncFrameDecoder extends LengthFieldBasedFrameDecoder {
    static final String NAME = "frames";
    static final int HANDSHAKE_FRAME_BYTES = 64;

    private int limit = HANDSHAKE_FRAME_BYTES;

    SyncFrameDecoder() {
        super(Wire.MAX_FRAME_BYTES, 0, 4, 0, 4);
    }

    /** Called (on the I/O thread) once the handshake succeeded. */
    void admitSessionFrames() {
        limit = Wire.MAX_FRAME_BYTES;
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long frameLength = super.getUnadjustedFrameLength(buf, offset, length, order);
        if (frameLength > limit) {
            throw new TooLongFrameException("a frame of " + frameLength + " bytes"
                    + (limit == HANDSHAKE_FRAME_BYTES ? " during the handshake" : "") + ", the limit is " + limit);
        }
        return frameLength;
    }
}
