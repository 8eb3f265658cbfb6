package io.strategyminer.data.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the fetcher talks to the exchange.
 *
 * @param baseUrl               the API root, {@link #COINBASE_EXCHANGE} unless testing
 * @param maxRequestsPerSecond  pacing: requests start at least {@code 1000 / this} ms apart
 * @param maxAttempts           tries per page before giving up (429, 5xx and network errors are retried)
 * @param initialBackoff        the wait after the first failure; doubled after each further one
 * @param maxBackoff            the longest wait between attempts (also caps a server's Retry-After)
 * @param requestTimeout        how long one request may take
 */
public record FetchSettings(URI baseUrl, double maxRequestsPerSecond, int maxAttempts, Duration initialBackoff,
                            Duration maxBackoff, Duration requestTimeout) {
    /** Coinbase Exchange's public REST API. */
    public static final URI COINBASE_EXCHANGE = URI.create("https://api.exchange.coinbase.com");

    public FetchSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!(maxRequestsPerSecond > 0) || maxAttempts < 1 || initialBackoff.isNegative()
                || maxBackoff.compareTo(initialBackoff) < 0 || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("bad fetch settings: " + maxRequestsPerSecond + " req/s, "
                    + maxAttempts + " attempts, backoff " + initialBackoff + ".." + maxBackoff);
        }
    }

    /**
     * Coinbase allows 10 public requests per second per IP; 3 leaves room for other tools on the same
     * machine. Six attempts with backoff 1, 2, 4, 8, 16 s ride out a half-minute outage.
     */
    public static FetchSettings defaults() {
        return new FetchSettings(COINBASE_EXCHANGE, 3, 6, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    public FetchSettings withBaseUrl(URI url) {
        return new FetchSettings(url, maxRequestsPerSecond, maxAttempts, initialBackoff, maxBackoff, requestTimeout);
    }

    /** The minimum time between the starts of two requests. */
    long intervalMillis() {
        return (long) Math.ceil(1000 / maxRequestsPerSecond);
    }

    /** The wait before attempt {@code attempt + 1} after {@code attempt} failures (1-based). */
    long backoffMillis(int attempt) {
        long base = initialBackoff.toMillis();
        long wait = base << Math.min(attempt - 1, 30);
        return Math.min(wait < 0 ? Long.MAX_VALUE : wait, maxBackoff.toMillis());
    }
}
