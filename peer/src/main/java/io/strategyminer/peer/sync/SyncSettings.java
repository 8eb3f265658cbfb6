package io.strategyminer.peer.sync;

import java.time.Duration;

/**
 * Limits of the repair protocol. Both peers enforce {@link Wire#MAX_FRAME_BYTES} and
 * {@link Wire#MAX_BATCH_EVENTS} whatever their settings; these settings only choose smaller batches
 * or other waits.
 *
 * @param maxBatchEvents events per batch sent, 1 to {@link Wire#MAX_BATCH_EVENTS}
 * @param maxBatchBytes  about this many event bytes per batch (a batch stops after the event that
 *                       crosses it), 1 byte to 1 MiB
 * @param readTimeout      a connection silent for this long is closed (a stalled or vanished peer)
 * @param sessionTimeout   a whole sync or dataset fetch that takes longer fails
 * @param handshakeTimeout a connection that has not proved the cluster secret within this time is closed, however
 *                         much it sends (a stranger holding connections open, a half-open connection)
 */
public record SyncSettings(int maxBatchEvents, long maxBatchBytes, Duration readTimeout, Duration sessionTimeout,
                           Duration handshakeTimeout) {
    public static final long MAX_BATCH_BYTES = 1L << 20;
    /** 1,000 events / 1 MiB per batch, 30 s of silence, 10 minutes per session, 10 s for the handshake. */
    public static final SyncSettings DEFAULTS = new SyncSettings(Wire.MAX_BATCH_EVENTS, MAX_BATCH_BYTES,
            Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(10));

    public SyncSettings {
        if (maxBatchEvents < 1 || maxBatchEvents > Wire.MAX_BATCH_EVENTS) {
            throw new IllegalArgumentException("batches hold 1 to " + Wire.MAX_BATCH_EVENTS + " events, got "
                    + maxBatchEvents);
        }
        if (maxBatchBytes < 1 || maxBatchBytes > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("batches hold 1 to " + MAX_BATCH_BYTES + " bytes, got "
                    + maxBatchBytes);
        }
        for (Duration timeout : new Duration[] {readTimeout, sessionTimeout, handshakeTimeout}) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, got " + timeout);
            }
        }
    }

    public SyncSettings withBatch(int events, long bytes) {
        return new SyncSettings(events, bytes, readTimeout, sessionTimeout, handshakeTimeout);
    }

    public SyncSettings withTimeouts(Duration read, Duration session) {
        return new SyncSettings(maxBatchEvents, maxBatchBytes, read, session, handshakeTimeout);
    }

    public SyncSettings withHandshakeTimeout(Duration handshake) {
        return new SyncSettings(maxBatchEvents, maxBatchBytes, readTimeout, sessionTimeout, handshake);
    }
}
