package io.strategyminer.peer.sync;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.strategyminer.ledger.BatchResult;
import io.strategyminer.ledger.ChainTips;
import io.strategyminer.ledger.DeltaCursor;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of the event exchange of a sync session; both peers run the same logic at once. Given the
 * other's version vector, it streams {@link Ledger#delta} batches and ends with {@link Wire.Done}; it
 * applies each batch it receives with {@link Ledger#applyBatchEncoded} and only then acknowledges it.
 *
 * <p>Back-pressure: at most {@link #WINDOW} batches are unacknowledged, and the next batch is pulled from
 * the ledger only while the channel is writable (Netty's outbound buffer under its high-water mark, i.e.
 * the previous batch has been flushed to the socket). So each side holds at most a couple of batches
 * in memory, however far behind the other is. Runs on the session's executor thread only.
 */
final class EventExchange {
    static final int WINDOW = 2;
    private static final Logger LOG = LoggerFactory.getLogger(EventExchange.class);

    private final Ledger ledger;
    private final SyncSettings settings;
    private final SyncStats.Counters counters;
    private final long startNanos = System.nanoTime();
    private DeltaCursor cursor;
    private ChannelFuture lastWrite;
    private int unacknowledged;
    private boolean doneSent;
    private boolean peerDone;
    private long eventsSent;
    private long bytesSent;
    private long eventsReceived;
    private long bytesReceived;
    private long eventsApplied;
    private long eventsRejected;
    private int largestBatchReceived;

    EventExchange(Ledger ledger, SyncSettings settings, SyncStats.Counters counters) {
        this.ledger = ledger;
        this.settings = settings;
        this.counters = counters;
    }

    boolean started() {
        return cursor != null || doneSent;
    }

    /**
     * Starts streaming what a peer with version vector {@code theirs} lacks, and the newest event of every origin
     * where its {@code tips} show a different history at the same sequence (an equivocation it should see).
     */
    void start(ChannelHandlerContext ctx, VersionVector theirs, ChainTips tips) {
        cursor = ledger.delta(theirs, tips, settings.maxBatchEvents(), settings.maxBatchBytes());
        pump(ctx);
    }

    /** Sends batches while the window and the channel allow; called again on every ack and writability change. */
    void pump(ChannelHandlerContext ctx) {
        while (cursor != null && unacknowledged < WINDOW && ctx.channel().isWritable()) {
            if (!cursor.hasNext()) {
                cursor.close();
                cursor = null;
                doneSent = true;
                lastWrite = ctx.writeAndFlush(new Wire.Done());
                return;
            }
            List<Event> batch = cursor.next();
            List<byte[]> encoded = new ArrayList<>(batch.size());
            for (Event event : batch) {
                encoded.add(event.encoded());
                bytesSent += event.size();
            }
            eventsSent += batch.size();
            counters.eventsSent.addAndGet(batch.size());
            unacknowledged++;
            lastWrite = ctx.writeAndFlush(new Wire.Events(encoded));
        }
    }

    /**
     * Handles a message of the event stream (a batch, its acknowledgement, "done"), whichever side this is.
     *
     * @return false if {@code message} is not one, for the session to handle
     */
    boolean onStreamMessage(ChannelHandlerContext ctx, Wire.Message message) throws ProtocolException {
        if (message instanceof Wire.Events m) {
            onEvents(ctx, m);
        } else if (message instanceof Wire.Ack) {
            onAck(ctx);
        } else if (message instanceof Wire.Done) {
            onDone();
        } else {
            return false;
        }
        return true;
    }

    private void onEvents(ChannelHandlerContext ctx, Wire.Events events) throws ProtocolException {
        if (peerDone) {
            throw new ProtocolException("events after the peer said it was done");
        }
        List<byte[]> batch = events.events();
        largestBatchReceived = Math.max(largestBatchReceived, batch.size());
        eventsReceived += batch.size();
        counters.eventsReceived.addAndGet(batch.size());
        batch.forEach(event -> bytesReceived += event.length);
        BatchResult result = ledger.applyBatchEncoded(batch);
        eventsApplied += result.applied().size();
        if (result.rejectedCount() > 0) {
            eventsRejected += result.rejectedCount();
            LOG.warn("{} of {} events from {} refused by the ledger: {}", result.rejectedCount(), batch.size(),
                    ctx.channel().remoteAddress(), result.problems().subList(0, Math.min(3, result.problems().size())));
        }
        lastWrite = ctx.writeAndFlush(new Wire.Ack(result.applied().size()));
    }

    private void onAck(ChannelHandlerContext ctx) throws ProtocolException {
        if (unacknowledged == 0) {
            throw new ProtocolException("acknowledgement of a batch never sent");
        }
        unacknowledged--;
        pump(ctx);
    }

    private void onDone() throws ProtocolException {
        if (peerDone) {
            throw new ProtocolException("peer said it was done twice");
        }
        peerDone = true;
    }

    /** Both sides hold everything: every batch sent was applied by the peer, and the peer sent all it had. */
    boolean finished() {
        return doneSent && unacknowledged == 0 && peerDone;
    }

    /** The future of the last message this side sent, null if none. */
    ChannelFuture lastWrite() {
        return lastWrite;
    }

    SyncResult result() {
        return new SyncResult(eventsSent, eventsReceived, eventsApplied, eventsRejected, bytesSent, bytesReceived,
                largestBatchReceived, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
