package io.strategyminer.web;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
 * @param hostNames        more names a request's {@code Host} may give for this peer besides its own address
 *                         (see {@link PeerHosts}): {@code name} (any port) or {@code name:port}, e.g. the name
 *                         a reverse proxy forwards or {@code localhost:9000} for a tunnel on another port
 * @param limits           timeouts, connection and per-client limits
 */
public record WebConfig(String host, int port, Optional<String> clusterToken, Predicate<InetAddress> trustedSource,
                        int maxJsonBytes, int maxUploadBytes, long heartbeatMillis, int sseQueueEvents,
                        Set<String> hostNames, ServerLimits limits) {
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
        Objects.requireNonNull(hostNames, "hostNames");
        Objects.requireNonNull(limits, "limits");
        if (maxJsonBytes < 1 || maxUploadBytes < 1 || heartbeatMillis < 1 || sseQueueEvents < 1) {
            throw new IllegalArgumentException("body bounds, heartbeat and queue size must be positive");
        }
        if (heartbeatMillis >= limits.idleTimeout().toMillis()) {
            throw new IllegalArgumentException("the event stream's heartbeat (" + heartbeatMillis + " ms) must be "
                    + "shorter than the idle timeout (" + limits.idleTimeout().toMillis() + " ms), or every "
                    + "quiet stream is cut");
        }
        hostNames = hostNames.stream().map(name -> name.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The defaults on {@code host:port}, trusting loopback clients. */
    public static WebConfig of(String host, int port, Optional<String> clusterToken) {
        return new WebConfig(host, port, clusterToken, InetAddress::isLoopbackAddress, DEFAULT_MAX_JSON_BYTES,
                DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_HEARTBEAT_MILLIS, DEFAULT_SSE_QUEUE_EVENTS, Set.of(),
                ServerLimits.DEFAULT);
    }

    public WebConfig withTrustedSource(Predicate<InetAddress> trusted) {
        return new WebConfig(host, port, clusterToken, trusted, maxJsonBytes, maxUploadBytes, heartbeatMillis,
                sseQueueEvents, hostNames, limits);
    }

    public WebConfig withBounds(int jsonBytes, int uploadBytes) {
        return new WebConfig(host, port, clusterToken, trustedSource, jsonBytes, uploadBytes, heartbeatMillis,
                sseQueueEvents, hostNames, limits);
    }

    public WebConfig withEventStream(long heartbeat, int queueEvents) {
        return new WebConfig(host, port, clusterToken, trustedSource, maxJsonBytes, maxUploadBytes, heartbeat,
                queueEvents, hostNames, limits);
    }

    public WebConfig withHostNames(Set<String> names) {
        return new WebConfig(host, port, clusterToken, trustedSource, maxJsonBytes, maxUploadBytes, heartbeatMillis,
                sseQueueEvents, names, limits);
    }

    public WebConfig withLimits(ServerLimits newLimits) {
        return new WebConfig(host, port, clusterToken, trustedSource, maxJsonBytes, maxUploadBytes, heartbeatMillis,
                sseQueueEvents, hostNames, newLimits);
    }
}
