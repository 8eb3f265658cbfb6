package io.strategyminer.peer.sync;

import io.netty.channel.ChannelHandlerContext;
import io.strategyminer.ledger.Ledger;
import java.util.concurrent.CompletableFuture;

/** The client end of a sync session: sends its version vector, then runs the event exchange. */
final class ClientSync extends SessionHandler {
    private final Ledger ledger;
    private final EventExchange exchange;
    private final CompletableFuture<SyncResult> result;
    private boolean vectorReceived;

    ClientSync(Ledger ledger, SyncSettings settings, SyncStats.Counters counters, CompletableFuture<SyncResult> result) {
        this.ledger = ledger;
        this.exchange = new EventExchange(ledger, settings, counters);
        this.result = result;
    }

    @Override
    void onAuthenticated(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new Wire.Vector(ledger.versionVector(), ledger.chainTips()));
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, Wire.Message message) throws Exception {
        if (message instanceof Wire.Vector m && !vectorReceived) {
            vectorReceived = true;
            exchange.start(ctx, m.vector(), m.tips());
        } else if (!exchange.onStreamMessage(ctx, message)) {
            throw new ProtocolException("unexpected " + message.getClass().getSimpleName() + " from the server");
        }
        if (exchange.finished()) {
            result.complete(exchange.result());
            finish(ctx, exchange.lastWrite());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            exchange.pump(ctx);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    void failed(ChannelHandlerContext ctx, SyncException why) {
        result.completeExceptionally(why);
    }

    @Override
    void closed(ChannelHandlerContext ctx) {
        exchange.close();
    }
}
