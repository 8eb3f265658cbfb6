package io.strategyminer.peer.sync;

import io.netty.channel.ChannelHandlerContext;
import io.strategyminer.ledger.Sha256;
import java.util.concurrent.CompletableFuture;

/**
 * The client end of a checkpoint-blob transfer: asks for the blob by its SHA-256, part after part, and accepts
 * the assembled blob only if it hashes to what was asked for (the hash is the blob's name, so nothing else
 * needs checking). The blob must have the size its checkpoint declares, checked on the first part before
 * anything is allocated for it; each part must be the one asked for, of the length that size implies.
 */
final class ClientBlobFetch extends SessionHandler {
    private final Sha256 wanted;
    private final long size;
    private final CompletableFuture<byte[]> result;
    private byte[] blob;
    private int nextPart;

    ClientBlobFetch(Sha256 wanted, long size, CompletableFuture<byte[]> result) {
        this.wanted = wanted;
        this.size = size;
        this.result = result;
    }

    @Override
    void onAuthenticated(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new Wire.BlobRequest(wanted, 0));
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, Wire.Message message) throws Exception {
        if (message instanceof Wire.BlobPart m) {
            accept(m);
            if (nextPart < Wire.blobParts(blob.length)) {
                ctx.writeAndFlush(new Wire.BlobRequest(wanted, nextPart));
                return;
            }
            Sha256 actual = Sha256.of(blob);
            if (!actual.equals(wanted)) {
                throw new SyncException("refused blob " + wanted.shortHex() + " from " + ctx.channel().remoteAddress()
                        + ": its content hashes to " + actual.shortHex());
            }
            result.complete(blob);
            finish(ctx, null);
        } else if (message instanceof Wire.BlobMissing m && m.hash().equals(wanted) && blob == null) {
            throw new SyncException("the peer at " + ctx.channel().remoteAddress() + " does not hold blob "
                    + wanted.shortHex());
        } else {
            throw new ProtocolException("unexpected " + message.getClass().getSimpleName() + " from the server");
        }
    }

    private void accept(Wire.BlobPart part) throws ProtocolException {
        if (blob == null) {
            if (part.size() != size) {
                throw new ProtocolException("blob " + wanted.shortHex() + " announced as " + part.size()
                        + " bytes, its checkpoint declares " + size);
            }
            blob = new byte[part.size()];
        } else if (part.size() != blob.length) {
            throw new ProtocolException("blob " + wanted.shortHex() + " announced " + blob.length + " bytes, then "
                    + part.size());
        }
        int from = nextPart * Wire.BLOB_PART_BYTES;
        int length = Math.min(Wire.BLOB_PART_BYTES, blob.length - from);
        if (part.part() != nextPart || part.bytes().length != length) {
            throw new ProtocolException("blob part " + part.part() + " of " + part.bytes().length + " bytes, asked for"
                    + " part " + nextPart + " of " + length);
        }
        System.arraycopy(part.bytes(), 0, blob, from, length);
        nextPart++;
    }

    @Override
    void failed(ChannelHandlerContext ctx, SyncException why) {
        result.completeExceptionally(why);
    }
}
