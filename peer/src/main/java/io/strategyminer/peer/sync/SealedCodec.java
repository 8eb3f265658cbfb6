package io.strategyminer.peer.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.util.List;

/**
 * After the handshake: {@link Wire.Message}s to sealed frames and back ({@link FrameCipher}). A frame
 * that does not open (altered, replayed, reordered) or a malformed message is counted, the connection
 * is closed and nothing after it is read; the exception reaches the session handler, which reports it.
 */
final class SealedCodec extends MessageToMessageCodec<ByteBuf, Wire.Message> {
    static final String NAME = "sealed";

    private final FrameCipher sealer;
    private final FrameCipher opener;
    private final SyncStats.Counters counters;
    /** Set by the first bad frame: nothing after it is read (it could not be opened anyway). */
    private boolean broken;

    SealedCodec(FrameCipher sealer, FrameCipher opener, SyncStats.Counters counters) {
        this.sealer = sealer;
        this.opener = opener;
        this.counters = counters;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Wire.Message message, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(sealer.seal(Wire.encode(message))));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws Exception {
        if (broken) {
            return;
        }
        byte[] plaintext;
        try {
            plaintext = opener.open(ByteBufUtil.getBytes(frame));
        } catch (FrameCipher.TamperedFrameException e) {
            counters.tamperedFrames.incrementAndGet();
            broken = true;
            ctx.close();
            throw e;
        }
        try {
            out.add(Wire.decode(plaintext));
        } catch (ProtocolException e) {
            counters.protocolErrors.incrementAndGet();
            broken = true;
            ctx.close();
            throw e;
        }
    }
}
