package io.strategyminer.peer.sync;

import io.netty.channel.ChannelHandlerContext;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import java.util.concurrent.CompletableFuture;

/**
 * The client end of a dataset transfer: asks for the dataset, then for one chunk at a time, checking
 * each against the manifest's hash as it arrives and the whole against the dataset id at the end.
 */
final class ClientFetch extends SessionHandler {
    private final DatasetId wanted;
    private final CompletableFuture<Dataset> result;
    private DatasetChunks.Assembler assembler;

    ClientFetch(DatasetId wanted, CompletableFuture<Dataset> result) {
        this.wanted = wanted;
        this.result = result;
    }

    @Override
    void onAuthenticated(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new Wire.DatasetRequest(wanted));
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, Wire.Message message) throws Exception {
        if (message instanceof Wire.Manifest m && assembler == null) {
            if (!m.manifest().id().equals(wanted)) {
                throw new ProtocolException("asked for dataset " + wanted.shortHex() + ", offered "
                        + m.manifest().id().shortHex());
            }
            assembler = new DatasetChunks.Assembler(m.manifest());
            ctx.writeAndFlush(new Wire.ChunkRequest(0));
        } else if (message instanceof Wire.Missing m && assembler == null) {
            throw new SyncException("the peer at " + ctx.channel().remoteAddress() + " does not hold dataset " + m.id());
        } else if (message instanceof Wire.Chunk m && assembler != null) {
            try {
                assembler.accept(m.index(), m.bytes());
            } catch (IllegalArgumentException e) {
                throw new SyncException("refused dataset " + wanted.shortHex() + " from "
                        + ctx.channel().remoteAddress() + ": " + e.getMessage(), e);
            }
            if (!assembler.complete()) {
                ctx.writeAndFlush(new Wire.ChunkRequest(assembler.next()));
                return;
            }
            Dataset dataset;
            try {
                dataset = assembler.dataset();
            } catch (IllegalArgumentException e) {
                throw new SyncException("refused dataset " + wanted.shortHex() + " from "
                        + ctx.channel().remoteAddress() + ": " + e.getMessage(), e);
            }
            result.complete(dataset);
            finish(ctx, null);
        } else {
            throw new ProtocolException("unexpected " + message.getClass().getSimpleName() + " from the server");
        }
    }

    @Override
    void failed(ChannelHandlerContext ctx, SyncException why) {
        result.completeExceptionally(why);
    }
}
