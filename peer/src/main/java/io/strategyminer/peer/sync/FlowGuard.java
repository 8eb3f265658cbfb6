package io.strategyminer.peer.sync;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Holds the other peer to the flow-control window on the I/O thread: it may have at most
 * {@link EventExchange#WINDOW} event batches unacknowledged. Batches wait for the session executor
 * between being read and being applied; without this check a peer that ignored the window could make
 * that queue, and this peer's memory, grow without bound.
 */
final class FlowGuard extends ChannelDuplexHandler {
    static final String NAME = "flow";

    private final SyncStats.Counters counters;
    private long batchesReceived;
    private long acksSent;

    FlowGuard(SyncStats.Counters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof Wire.Events && ++batchesReceived - acksSent > EventExchange.WINDOW) {
            counters.protocolErrors.incrementAndGet();
            String why = "peer sent " + (batchesReceived - acksSent) + " unacknowledged batches, the window is "
                    + EventExchange.WINDOW;
            ctx.close();
            throw new ProtocolException(why);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof Wire.Ack) {
            acksSent++;
        }
        super.write(ctx, msg, promise);
    }
}
