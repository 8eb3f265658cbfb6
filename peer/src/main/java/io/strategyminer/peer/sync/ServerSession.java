package io.strategyminer.peer.sync;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.peer.net.WarningBudget;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of one connection: answers a version vector with its own and runs the event
 * exchange, or serves a dataset chunk by chunk (one chunk per request: the client paces the transfer), or
 * serves one checkpoint blob by its hash, part by part.
 */
final class ServerSession extends SessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);

    private final Ledger ledger;
    private final DatasetStore datasets;
    private final SyncStats.Counters counters;
    private final EventExchange exchange;
    private final WarningBudget warnings;
    private Dataset serving;
    private Sha256 blobHash;
    private byte[] blob;

    /** At most 20 failure warnings a minute from one server: a flood of bad connections must not flood the log. */
    static WarningBudget failureWarnings() {
        return new WarningBudget(LOG, 20, Duration.ofMinutes(1));
    }

    /** @param warnings the server's {@link #failureWarnings()} */
    ServerSession(Ledger ledger, DatasetStore datasets, SyncSettings settings, SyncStats.Counters counters,
                  WarningBudget warnings) {
        this.warnings = warnings;
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
            ctx.writeAndFlush(new Wire.Vector(ledger.versionVector(), ledger.chainTips()));
            exchange.start(ctx, m.vector(), m.tips());
        } else if (message instanceof Wire.DatasetRequest m) {
            if (datasets.info(m.id()).isPresent()) {
                serving = datasets.load(m.id());
                ctx.writeAndFlush(new Wire.Manifest(DatasetManifest.of(serving)));
            } else {
                finish(ctx, ctx.writeAndFlush(new Wire.Missing(m.id())));
            }
        } else if (message instanceof Wire.ChunkRequest m) {
            if (serving == null || m.index() < 0 || m.index() >= DatasetChunks.chunkCount(serving)) {
                throw new ProtocolException("request for chunk " + m.index() + " of no dataset being served");
            }
            ChannelFuture sent = ctx.writeAndFlush(new Wire.Chunk(m.index(), DatasetChunks.chunk(serving, m.index())));
            if (m.index() == DatasetChunks.chunkCount(serving) - 1) {
                counters.sessions.incrementAndGet();
                LOG.info("served dataset {} to {}", serving.id().shortHex(), ctx.channel().remoteAddress());
                finish(ctx, sent);
            }
        } else if (message instanceof Wire.BlobRequest m) {
            serveBlob(ctx, m);
        } else if (!exchange.onStreamMessage(ctx, message)) {
            throw new ProtocolException("unexpected " + message.getClass().getSimpleName() + " from a client");
        }
        if (exchange.finished()) {
            counters.sessions.incrementAndGet();
            LOG.info("sync with {}: {}", ctx.channel().remoteAddress(), exchange.result());
            finish(ctx, exchange.lastWrite());
        }
    }

    /**
     * Serves one blob per connection, a part per request (the client paces the transfer, as with datasets);
     * the first request loads it, the last part ends the session.
     */
    private void serveBlob(ChannelHandlerContext ctx, Wire.BlobRequest request) throws ProtocolException {
        if (request.part() == 0 && blob == null) {
            Optional<byte[]> found = ledger.blob(request.hash());
            if (found.isEmpty()) {
                finish(ctx, ctx.writeAndFlush(new Wire.BlobMissing(request.hash())));
                return;
            }
            blobHash = request.hash();
            blob = found.get();
        } else if (blob == null || !request.hash().equals(blobHash) || request.part() >= Wire.blobParts(blob.length)) {
            throw new ProtocolException("request for part " + request.part() + " of blob " + request.hash().shortHex()
                    + ", which is not the one being served");
        }
        ChannelFuture sent = ctx.writeAndFlush(new Wire.BlobPart(blob.length, request.part(),
                Wire.blobPart(blob, request.part())));
        if (request.part() == Wire.blobParts(blob.length) - 1) {
            counters.sessions.incrementAndGet();
            LOG.info("served blob {} ({} bytes) to {}", blobHash.shortHex(), blob.length, ctx.channel().remoteAddress());
            finish(ctx, sent);
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
        warnings.warn(why::getMessage); // every failure message names the peer's address
    }

    @Override
    void closed(ChannelHandlerContext ctx) {
        exchange.close();
    }
}
