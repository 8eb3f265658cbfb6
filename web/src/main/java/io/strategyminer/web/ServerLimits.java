package io.strategyminer.web;

import java.time.Duration;
import java.util.Objects;

/**
 * What one HTTP server lets its clients hold (DESIGN §8: bounded before memory is allocated), so that
 * idle, half-sent or flooding connections are cut and no client can take the whole server.
 *
 * @param idleTimeout          a connection with no bytes read or written for this long is closed (longer
 *                             than the event stream's heartbeat, which keeps live streams busy)
 * @param requestParseTimeout  a request whose line and headers are not complete this long after its first
 *                             byte is closed, however slowly the bytes keep coming (slowloris)
 * @param noRequestTimeout     a connection that sends no request for this long (new or kept alive) is closed
 * @param maxConnections       open connections; more wait in the listen backlog until one closes
 * @param maxHeaderBytes       request line and headers together; more is refused before the request is read
 * @param maxRequestsPerClient requests one source address may have in progress at once, event streams
 *                             included; the next is answered 429
 * @param maxConcurrentUploads dataset uploads received and imported at once; the next is answered 429
 */
public record ServerLimits(Duration idleTimeout, Duration requestParseTimeout, Duration noRequestTimeout,
                           int maxConnections, int maxHeaderBytes, int maxRequestsPerClient,
                           int maxConcurrentUploads) {
    /**
     * The defaults. A browser opens at most 6 connections to one host, so 8 requests per client leave the
     * dashboard and the CLI room on one machine while one remote client can hold at most half of the
     * server's 16 worker threads.
     */
    public static final ServerLimits DEFAULT = new ServerLimits(Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofSeconds(30), 256, 32 * 1024, 8, 1);

    public ServerLimits {
        for (Duration timeout : new Duration[]{idleTimeout, requestParseTimeout, noRequestTimeout}) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("HTTP timeouts must be between 1 ms and 24 days, got " + timeout);
            }
        }
        if (maxConnections < 1 || maxHeaderBytes < 1024 || maxRequestsPerClient < 1 || maxConcurrentUploads < 1) {
            throw new IllegalArgumentException("HTTP limits must be positive (headers at least 1024 bytes)");
        }
    }

    public ServerLimits withTimeouts(Duration idle, Duration requestParse, Duration noRequest) {
        return new ServerLimits(idle, requestParse, noRequest, maxConnections, maxHeaderBytes, maxRequestsPerClient,
                maxConcurrentUploads);
    }

    public ServerLimits withConnections(int connections) {
        return new ServerLimits(idleTimeout, requestParseTimeout, noRequestTimeout, connections, maxHeaderBytes,
                maxRequestsPerClient, maxConcurrentUploads);
    }

    public ServerLimits withPerClient(int requestsPerClient) {
        return new ServerLimits(idleTimeout, requestParseTimeout, noRequestTimeout, maxConnections, maxHeaderBytes,
                requestsPerClient, maxConcurrentUploads);
    }
}
