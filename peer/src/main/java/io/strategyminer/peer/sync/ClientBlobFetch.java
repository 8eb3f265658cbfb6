package io.strategyminer.peer.sync;

import io.netty.channel.ChannelHandlerContext;
import io.strategyminer.ledger.Sha256;
import java.util.concurrent.CompletableFuture;

/**
 * The client end of a checkpoint-blob transfer: asks for the blob by its SHA-256 and accepts the answer
 * only if it hashes to what was asked for (the hash is the blob's name, so nothing else needs checking).
 */
final class ClientBlobFetch extends SessionHandler {
    private final Sha256 wanted;
    private final CompletableFuture<byte[]> result;

    ClientBlobFetch(Sha256 wanted, CompletableFuture<byte[]> result) {
        this.wanted = wanted;
        this.result = result;
    }

    @Override
    void onAuthenticated(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new Wire.BlobRequest(wanted));
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, Wire.Message message) throws Exception {
        if (message instanceof Wire.Blob m) {
            Sha256 actual = Sha256.of(m.bytes());
            if (!actual.equals(wanted)) {
                throw new SyncException("refused blob " + wanted.shortHex() + " from " + ctx.channel().remoteAddress()
                        + ": its content hashes to " + actual.shortHex());
            }
            result.complete(m.bytes());
            finish(ctx, null);
        } else if (message instanceof Wire.BlobMissing m && m.hash().equals(wanted)) {
            throw new SyncException("the peer at " + ctx.channel().remoteAddress() + " does not hold blob "
                    + wanted.shortHex());
        } else {
            throw new ProtocolException("unexpected " + message.getClass().getSimpleName() + " from the server");
        }
    }

    @Override
    void failed(ChannelHandlerContext ctx, SyncException why) {
        result.completeExceptionally(why);
    }
}
