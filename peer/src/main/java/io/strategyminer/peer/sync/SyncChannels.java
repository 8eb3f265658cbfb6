package io.strategyminer.peer.sync;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline every sync connection has, client or server:
 * byte counter → read timeout → 4-byte length framing (at most {@link SyncFrameDecoder#HANDSHAKE_FRAME_BYTES} until
 * the handshake succeeded, {@link Wire#MAX_FRAME_BYTES} after) → handshake (which must end within
 * {@link SyncSettings#handshakeTimeout()}), replaced by the sealed codec and the flow guard once both sides proved
 * the secret → session handler on a session executor.
 */
final class SyncChannels {
    private SyncChannels() {
    }

    static void configure(Channel channel, boolean client, SessionKeys keys, SyncStats.Counters counters,
                          SyncSettings settings, EventExecutorGroup sessionExecutors, SessionHandler session) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(WireTraffic.NAME, counters.traffic);
        pipeline.addLast("timeout", new ReadTimeoutHandler(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast(SyncFrameDecoder.NAME, new SyncFrameDecoder());
        pipeline.addLast("length", new LengthFieldPrepender(4));
        pipeline.addLast("handshake", new Handshake(client, keys, counters, settings.handshakeTimeout()));
        pipeline.addLast(sessionExecutors, "session", session);
    }
}
