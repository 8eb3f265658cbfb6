package io.strategyminer.peer.sync;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Mutual challenge-response on a new connection, in plaintext frames:
 * <pre>
 *   client → server  HELLO        "SM-SYNC1" ‖ client nonce (32)
 *   server → client  CHALLENGE    server nonce (32)
 *   client → server  CLIENT PROOF HMAC(auth key, "client-proof" ‖ nonces)   — server checks, or refuses
 *   server → client  SERVER PROOF HMAC(auth key, "server-proof" ‖ nonces)   — client checks, or refuses
 * </pre>
 * The client proves first, so a stranger learns nothing from the server. Then each side replaces this
 * handler with a {@link SealedCodec} under the session's per-direction keys (followed by a
 * {@link FlowGuard}) and tells the session
 * handler with an {@link Authenticated} event. A wrong proof is counted and ends the session (the server logs it).
 * A connection still in the handshake when its timeout expires is counted and closed: a stranger can hold a
 * connection open for no longer than that, whatever it sends (the read timeout alone would let it trickle a byte
 * at a time).
 */
final class Handshake extends ChannelInboundHandlerAdapter {
    private static final byte[] MAGIC = "SM-SYNC1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fired to the session handler once both sides proved the cluster secret. */
    record Authenticated(SocketAddress peer) {
    }

    private final boolean client;
    private final SessionKeys keys;
    private final SyncStats.Counters counters;
    private final Duration timeout;
    private final byte[] ownNonce = new byte[SessionKeys.NONCE_BYTES];
    private ScheduledFuture<?> deadline;
    private byte[] clientNonce;
    private byte[] serverNonce;

    Handshake(boolean client, SessionKeys keys, SyncStats.Counters counters, Duration timeout) {
        this.client = client;
        this.keys = keys;
        this.counters = counters;
        this.timeout = timeout;
        RANDOM.nextBytes(ownNonce);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        deadline = ctx.executor().schedule(() -> timedOut(ctx), timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (client) {
            clientNonce = ownNonce;
            send(ctx, concat(MAGIC, clientNonce));
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        byte[] frame;
        ByteBuf buf = (ByteBuf) msg;
        try {
            frame = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        try {
            if (client) {
                clientStep(ctx, frame);
            } else {
                serverStep(ctx, frame);
            }
        } catch (ProtocolException e) {
            counters.protocolErrors.incrementAndGet();
            throw e;
        }
    }

    private void clientStep(ChannelHandlerContext ctx, byte[] frame) throws ProtocolException {
        if (serverNonce == null) {
            serverNonce = expect(frame, SessionKeys.NONCE_BYTES, "challenge");
            send(ctx, keys.clientProof(clientNonce, serverNonce));
        } else {
            byte[] proof = expect(frame, SessionKeys.PROOF_BYTES, "server proof");
            if (!SessionKeys.sameProof(keys.serverProof(clientNonce, serverNonce), proof)) {
                refuse(ctx, "the peer at " + ctx.channel().remoteAddress()
                        + " does not know the cluster secret (its handshake proof is wrong): not syncing with it");
                return;
            }
            authenticated(ctx, keys.clientToServer(clientNonce, serverNonce),
                    keys.serverToClient(clientNonce, serverNonce));
        }
    }

    private void serverStep(ChannelHandlerContext ctx, byte[] frame) throws ProtocolException {
        if (clientNonce == null) {
            byte[] hello = expect(frame, MAGIC.length + SessionKeys.NONCE_BYTES, "hello");
            if (!Arrays.equals(hello, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new ProtocolException("not a Strategy Miner sync client (or another protocol version)");
            }
            clientNonce = Arrays.copyOfRange(hello, MAGIC.length, hello.length);
            serverNonce = ownNonce;
            send(ctx, serverNonce);
        } else {
            byte[] proof = expect(frame, SessionKeys.PROOF_BYTES, "client proof");
            if (!SessionKeys.sameProof(keys.clientProof(clientNonce, serverNonce), proof)) {
                refuse(ctx, "refused a sync connection from " + ctx.channel().remoteAddress()
                        + ": it does not know the cluster secret (handshake proof mismatch)");
                return;
            }
            send(ctx, keys.serverProof(clientNonce, serverNonce));
            authenticated(ctx, keys.serverToClient(clientNonce, serverNonce),
                    keys.clientToServer(clientNonce, serverNonce));
        }
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        counters.handshakeTimeouts.incrementAndGet();
        ctx.fireExceptionCaught(new SyncException("the handshake with " + ctx.channel().remoteAddress()
                + " did not end within " + timeout.toMillis() + " ms: closed"));
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private void authenticated(ChannelHandlerContext ctx, byte[] sealKey, byte[] openKey) {
        ctx.pipeline().get(SyncFrameDecoder.class).admitSessionFrames();
        SealedCodec codec = new SealedCodec(FrameCipher.sealer(sealKey), FrameCipher.opener(openKey), counters);
        FlowGuard flow = new FlowGuard(counters);
        ctx.pipeline().replace(this, SealedCodec.NAME, codec);
        ctx.pipeline().addAfter(SealedCodec.NAME, FlowGuard.NAME, flow);
        ctx.pipeline().context(flow).fireUserEventTriggered(new Authenticated(ctx.channel().remoteAddress()));
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        counters.refusedHandshakes.incrementAndGet();
        ctx.fireExceptionCaught(new SyncException(why)); // the session handler reports it and closes
        ctx.close();
    }

    private static byte[] expect(byte[] frame, int length, String what) throws ProtocolException {
        if (frame.length != length) {
            throw new ProtocolException("handshake " + what + " of " + frame.length + " bytes, expected " + length);
        }
        return frame;
    }

    private static void send(ChannelHandlerContext ctx, byte[] frame) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(frame));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
