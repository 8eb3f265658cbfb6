package io.strategyminer.web;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How the HTTP server runs.
 *
 * @param host             the address to bind (DESIGN §8: loopback by default)
 * @param port             the port, 0 for any free one
 * @param clusterToken     the token that authorises changes from outside loopback
 *                         ({@code Authorization: Bearer <token>}); empty = changes only from trusted sources
 * @param trustedSource    which client addresses may change things without the token (loopback)
 * @param maxJsonBytes     largest JSON request body
 * @param maxUploadBytes   largest dataset upload
 * @param heartbeatMillis  idle time after which the event stream sends a comment line
 * @param sseQueueEvents   events that may wait to be written to one event-stream client; more are dropped
 */
public record WebConfig(String host, int port, Optional<String> clusterToken, Predicate<InetAddress> trustedSource,
                        int maxJsonBytes, int maxUploadBytes, long heartbeatMillis, int sseQueueEvents) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_JSON_BYTES = 64 * 1024;
    /** A 30,000-candle CSV is about 2.5 MB; 64 MiB holds some 800,000 candles, years of 5-minute data. */
    public static final int DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
    public static final long DEFAULT_HEARTBEAT_MILLIS = 15_000;
    public static final int DEFAULT_SSE_QUEUE_EVENTS = 1_000;

    public WebConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("HTTP port " + port + " is outside 0–65535");
        }
        Objects.requireNonNull(clusterToken, "clusterToken");
        Objects.requireNonNull(trustedSource, "trustedSource");
        if (maxJsonBytes < 1 || maxUploadBytes < 1 || heartbeatMillis < 1 || sseQueueEvents < 1) {
            throw new IllegalArgumentException("body bounds, heartbeat and queue size must be positive");
        }
    }

    /** The defaults on {@code host:port}, trusting loopback clients. */
    public static WebConfig of(String host, int port, Optional<String> clusterToken) {
        return new WebConfig(host, port, clusterToken, InetAddress::isLoopbackAddress, DEFAULT_MAX_JSON_BYTES,
                DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_HEARTBEAT_MILLIS, DEFAULT_SSE_QUEUE_EVENTS);
    }

    public WebConfig withTrustedSource(Predicate<InetAddress> trusted) {
        return new WebConfig(host, port, clusterToken, trusted, maxJsonBytes, maxUploadBytes, heartbeatMillis,
                sseQueueEvents);
    }

    public WebConfig withBounds(int jsonBytes, int uploadBytes) {
        return new WebConfig(host, port, clusterToken, trustedSource, jsonBytes, uploadBytes, heartbeatMillis,
                sseQueueEvents);
    }

    public WebConfig withEventStream(long heartbeat, int queueEvents) {
        return new WebConfig(host, port, clusterToken, trustedSource, maxJsonBytes, maxUploadBytes, heartbeat,
                queueEvents);
    }
}
