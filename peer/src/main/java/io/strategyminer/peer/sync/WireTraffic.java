package io.strategyminer.peer.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Counts the bytes a sync connection moves on the socket: frames, length prefixes, handshake and sealing
 * overhead included, events, dataset chunks and checkpoint blobs alike. It sits first in the pipeline, so it
 * sees what the socket reads and what is handed to it for writing.
 */
@ChannelHandler.Sharable
final class WireTraffic extends ChannelDuplexHandler {
    static final String NAME = "traffic";
    private final SyncStats.Counters counters;

    WireTraffic(SyncStats.Counters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        counters.bytesReceived.addAndGet(size(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        counters.bytesSent.addAndGet(size(msg));
        ctx.write(msg, promise);
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        return msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
    }
}
