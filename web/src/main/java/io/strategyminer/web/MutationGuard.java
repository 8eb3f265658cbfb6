package io.strategyminer.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * DESIGN §8: a request that changes anything needs the cluster token unless it comes from a trusted
 * (loopback) address. The token is compared in constant time.
 */
final class MutationGuard {
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;
    private final Predicate<InetAddress> trusted;

    MutationGuard(Optional<String> token, Predicate<InetAddress> trusted) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.trusted = trusted;
    }

    /**
     * Whether a change from this request's source needs the token: the one rule that both {@link #check}
     * enforces and {@code GET /api/status} tells the dashboard (so its form shows the token field exactly
     * when the server will ask for it, behind a proxy or a tunnel too).
     */
    boolean changesNeedToken(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null || !trusted.test(source.getAddress());
    }

    /** @throws ApiException 401 without a token, 403 with a wrong one or when this peer has none */
    void check(HttpServerExchange exchange) {
        if (!changesNeedToken(exchange)) {
            return;
        }
        if (token.isEmpty()) {
            throw new ApiException(403, "this peer accepts changes only from its own machine (loopback)");
        }
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
            throw new ApiException(401, "changes from another machine need the cluster token: "
                    + "Authorization: Bearer <token>");
        }
        byte[] given = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.get())) {
            throw new ApiException(403, "the cluster token is wrong");
        }
    }
}
