package io.strategyminer.peer.sync;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;

/**
 * The application end of a sync connection, run on a session executor (not the I/O thread) because
 * it reads and writes the ledger and the dataset store. Subclasses see the {@link Handshake.Authenticated}
 * event and then one decoded {@link Wire.Message} at a time; any failure ends the session through
 * {@link #failed}, and the connection is closed.
 */
abstract class SessionHandler extends ChannelInboundHandlerAdapter {
    private boolean authenticated;
    private boolean ended;

    /** Both sides proved the cluster secret; sealed messages may flow. */
    abstract void onAuthenticated(ChannelHandlerContext ctx) throws Exception;

    abstract void onMessage(ChannelHandlerContext ctx, Wire.Message message) throws Exception;

    /** The session ended abnormally (already logged where it was detected, if it was the peer's fault). */
    abstract void failed(ChannelHandlerContext ctx, SyncException why);

    /** The connection closed; called once, after {@link #failed} if there was a failure. Releases resources. */
    void closed(ChannelHandlerContext ctx) {
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof Handshake.Authenticated) {
            authenticated = true;
            run(ctx, () -> onAuthenticated(ctx));
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!ended) {
            run(ctx, () -> onMessage(ctx, (Wire.Message) msg));
        }
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        String why;
        if (root instanceof ReadTimeoutException) {
            why = "no data from " + ctx.channel().remoteAddress() + " for too long: closed";
        } else if (root instanceof SyncException) {
            why = root.getMessage();
        } else {
            why = "sync with " + ctx.channel().remoteAddress() + " failed: "
                    + (root.getMessage() == null ? root.toString() : root.getMessage());
        }
        end(ctx, new SyncException(why, root));
    }

    @Override
    public final void channelInactive(ChannelHandlerContext ctx) {
        if (!ended) {
            end(ctx, new SyncException(authenticated
                    ? "the connection with " + ctx.channel().remoteAddress() + " closed before the session ended"
                    : "the peer at " + ctx.channel().remoteAddress() + " closed the connection during the handshake"
                    + " (does it use the same cluster secret?)"));
        }
        closed(ctx);
    }

    /**
     * Ends the session normally: the connection is closed, without a failure, once {@code lastWrite} (the
     * last message this side sent) has reached the socket, so the peer reads everything before the end.
     */
    final void finish(ChannelHandlerContext ctx, ChannelFuture lastWrite) {
        ended = true;
        if (lastWrite == null) {
            ctx.close();
        } else {
            lastWrite.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void end(ChannelHandlerContext ctx, SyncException why) {
        if (!ended) {
            ended = true;
            failed(ctx, why);
        }
        ctx.close();
    }

    private void run(ChannelHandlerContext ctx, Step step) {
        try {
            step.run();
        } catch (ProtocolException e) {
            end(ctx, new SyncException("sync with " + ctx.channel().remoteAddress() + " broke the protocol: "
                    + e.getMessage(), e));
        } catch (SyncException e) {
            end(ctx, e);
        } catch (Exception e) {
            end(ctx, new SyncException("sync with " + ctx.channel().remoteAddress() + " failed: " + e, e));
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
