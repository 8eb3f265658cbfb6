package io.strategyminer.peer.sync;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of one connection: answers a version vector with its own and runs the event
 * exchange, or serves a dataset chunk by chunk (one chunk per request: the client paces the transfer), or
 * serves one checkpoint blob by its hash.
 */
final class ServerSession extends SessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);

    private final Ledger ledger;
    private final DatasetStore datasets;
    private final SyncStats.Counters counters;
    private final EventExchange exchange;
    private Dataset serving;

    ServerSession(Ledger ledger, DatasetStore datasets, SyncSettings settings, SyncStats.Counters counters) {
        this.ledger = ledger;
        this.datasets = datasets;
        this.counters = counters;
        this.exchange = new EventExchange(ledger, settings, counters);
    }

    @Override
    void onAuthenticated(ChannelHandlerContext ctx) {
        LOG.debug("sync connection from {} authenticated", ctx.channel().remoteAddress());
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, Wire.Message message) throws Exception {
        if (message instanceof Wire.Vector m) {
            if (exchange.started()) {
                throw new ProtocolException("second version vector in one session");
            }
            ctx.writeAndFlush(new Wire.Vector(ledger.versionVector()));
            exchange.start(ctx, m.vector());
        } else if (message instanceof Wire.DatasetRequest m) {
            if (datasets.info(m.id()).isPresent()) {
                serving = datasets.load(m.id());
                ctx.writeAndFlush(new Wire.Manifest(DatasetManifest.of(serving)));
            } else {
                finish(ctx, ctx.writeAndFlush(new Wire.Missing(m.id())));
            }
        } else if (message instanceof Wire.ChunkRequest m) {
            if (serving == null || m.index() < 0 || m.index() >= DatasetChunks.chunkCount(serving.size())) {
                throw new ProtocolException("request for chunk " + m.index() + " of no dataset being served");
            }
            ChannelFuture sent = ctx.writeAndFlush(
                    new Wire.Chunk(m.index(), DatasetChunks.chunk(serving.candles(), m.index())));
            if (m.index() == DatasetChunks.chunkCount(serving.size()) - 1) {
                counters.sessions.incrementAndGet();
                LOG.info("served dataset {} to {}", serving.id().shortHex(), ctx.channel().remoteAddress());
                finish(ctx, sent);
            }
        } else if (message instanceof Wire.BlobRequest m) {
            serveBlob(ctx, m.hash());
        } else if (!exchange.onStreamMessage(ctx, message)) {
            throw new ProtocolException("unexpected " + message.getClass().getSimpleName() + " from a client");
        }
        if (exchange.finished()) {
            counters.sessions.incrementAndGet();
            LOG.info("sync with {}: {}", ctx.channel().remoteAddress(), exchange.result());
            finish(ctx, exchange.lastWrite());
        }
    }

    /** One blob per connection, whole: checkpoint blobs are small next to a frame (larger ones are refused). */
    private void serveBlob(ChannelHandlerContext ctx, Sha256 hash) {
        Optional<byte[]> blob = ledger.blob(hash).filter(bytes -> bytes.length <= Wire.MAX_BLOB_BYTES);
        if (blob.isPresent()) {
            counters.sessions.incrementAndGet();
            LOG.info("served blob {} ({} bytes) to {}", hash.shortHex(), blob.get().length, ctx.channel().remoteAddress());
            finish(ctx, ctx.writeAndFlush(new Wire.Blob(blob.get())));
        } else {
            finish(ctx, ctx.writeAndFlush(new Wire.BlobMissing(hash)));
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
        LOG.warn(why.getMessage()); // every failure message names the peer's address
    }

    @Override
    void closed(ChannelHandlerContext ctx) {
        exchange.close();
    }
}
