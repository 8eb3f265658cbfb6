package io.strategyminer.peer.sync;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one {@link SyncServer} or {@link SyncClient} since it started, for logs and metrics.
 *
 * @param sessions          sync sessions and dataset transfers that completed
 * @param refusedHandshakes connections refused because the other side did not prove the cluster secret
 * @param refusedConnections connections closed on accept because the server's connection limit was reached
 * @param handshakeTimeouts connections closed because the handshake did not end in time
 * @param tamperedFrames    sessions ended by a frame that failed authentication or came out of order
 * @param protocolErrors    sessions ended by a malformed or out-of-turn message, or a refused chunk
 * @param eventsSent        events streamed to other peers
 * @param eventsReceived    events received from other peers
 * @param bytesSent         bytes written to sync sockets, everything included (see {@link WireTraffic})
 * @param bytesReceived     bytes read from sync sockets, everything included
 */
public record SyncStats(long sessions, long refusedHandshakes, long refusedConnections, long handshakeTimeouts,
                        long tamperedFrames, long protocolErrors, long eventsSent, long eventsReceived, long bytesSent,
                        long bytesReceived) {

    /** The live counters behind a {@link SyncStats}. */
    static final class Counters {
        final AtomicLong sessions = new AtomicLong();
        final AtomicLong refusedHandshakes = new AtomicLong();
        final AtomicLong refusedConnections = new AtomicLong();
        final AtomicLong handshakeTimeouts = new AtomicLong();
        final AtomicLong tamperedFrames = new AtomicLong();
        final AtomicLong protocolErrors = new AtomicLong();
        final AtomicLong eventsSent = new AtomicLong();
        final AtomicLong eventsReceived = new AtomicLong();
        final AtomicLong bytesSent = new AtomicLong();
        final AtomicLong bytesReceived = new AtomicLong();
        /** Shared by every connection these counters belong to. */
        final WireTraffic traffic = new WireTraffic(this);

        SyncStats snapshot() {
            return new SyncStats(sessions.get(), refusedHandshakes.get(), refusedConnections.get(),
                    handshakeTimeouts.get(), tamperedFrames.get(), protocolErrors.get(),
                    eventsSent.get(), eventsReceived.get(), bytesSent.get(), bytesReceived.get());
        }
    }
}
