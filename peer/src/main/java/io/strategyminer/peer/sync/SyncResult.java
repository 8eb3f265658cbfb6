package io.strategyminer.peer.sync;

import java.time.Duration;

/**
 * What one sync session moved, seen from the peer that reports it.
 *
 * @param eventsSent           events streamed to the other peer
 * @param eventsReceived       events received from the other peer
 * @param eventsApplied        events this ledger stored as a result (received ones and held ones they released)
 * @param eventsRejected       received events the ledger refused (counted there per reason)
 * @param bytesSent            encoded event bytes sent
 * @param bytesReceived        encoded event bytes received
 * @param largestBatchReceived the most events in one received batch
 * @param duration             from connecting to both sides having everything
 */
public record SyncResult(long eventsSent, long eventsReceived, long eventsApplied, long eventsRejected,
                         long bytesSent, long bytesReceived, int largestBatchReceived, Duration duration) {

    /** Whether the session moved nothing: the two ledgers already held the same events. */
    public boolean nothingMoved() {
        return eventsSent == 0 && eventsReceived == 0;
    }

    @Override
    public String toString() {
        return String.format("sent %,d events (%,d bytes), received %,d (%,d bytes, %,d applied, %,d rejected, "
                        + "largest batch %,d) in %,d ms", eventsSent, bytesSent, eventsReceived, bytesReceived,
                eventsApplied, eventsRejected, largestBatchReceived, duration.toMillis());
    }
}
