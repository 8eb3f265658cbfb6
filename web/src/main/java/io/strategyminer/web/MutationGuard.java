package io.strategyminer.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * DESIGN §8: who may change anything. A request that changes something (every route but a GET) must
 * <ol>
 *   <li>come from no web page but this peer's own: an {@code Origin} header, if any, is this peer's origin
 *       ({@code http://} or {@code https://} followed by the request's {@code Host}, which {@link PeerHosts}
 *       has checked); the CLI and scripts send none;</li>
 *   <li>carry the cluster token unless it comes from a trusted (loopback) address, compared in constant time;</li>
 *   <li>declare a body type the route takes, and no route takes one of the types a page of another site may
 *       send without asking the server first (the CORS-safelisted {@link #SAFELISTED_TYPES}): so a cross-site
 *       form or {@code fetch} is refused even by a browser that sends no {@code Origin}.</li>
 * </ol>
 */
final class MutationGuard {
    /**
     * Content types a browser sends cross-site without a preflight (Fetch standard, "CORS-safelisted request
     * header"); a route that takes one of them could be driven by any page.
     */
    static final Set<String> SAFELISTED_TYPES = Set.of("text/plain", "multipart/form-data",
            "application/x-www-form-urlencoded");
    private static final String BEARER = "Bearer ";
    private static final HttpString ORIGIN = new HttpString("Origin");

    private final Optional<byte[]> token;
    private final Predicate<InetAddress> trusted;
    private final WebMetrics metrics;

    MutationGuard(Optional<String> token, Predicate<InetAddress> trusted, WebMetrics metrics) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.trusted = trusted;
        this.metrics = metrics;
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

    /**
     * Checks a change before its body is read.
     *
     * @param bodyTypes the media types the route takes
     * @throws ApiException 403 for another site's page, 401 without a token, 403 with a wrong one or when
     *                      this peer has none, 415 for a body type the route does not take
     */
    void check(HttpServerExchange exchange, Set<String> bodyTypes) {
        checkOrigin(exchange);
        checkToken(exchange);
        checkContentType(exchange, bodyTypes);
    }

    private void checkOrigin(HttpServerExchange exchange) {
        int count = exchange.getRequestHeaders().count(ORIGIN);
        if (count == 0) {
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst(ORIGIN).strip().toLowerCase(Locale.ROOT);
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST).strip().toLowerCase(Locale.ROOT);
        if (count > 1 || !(origin.equals("http://" + host) || origin.equals("https://" + host))) {
            throw refused("origin", new ApiException(403, "a page of another site (Origin '"
                    + ApiExchange.abbreviate(origin) + "') may not change this peer: use the dashboard this peer "
                    + "serves (Origin http://" + ApiExchange.abbreviate(host) + "), or send no Origin (the CLI, "
                    + "curl and scripts send none)"));
        }
    }

    private void checkToken(HttpServerExchange exchange) {
        if (!changesNeedToken(exchange)) {
            return;
        }
        if (token.isEmpty()) {
            throw refused("token", new ApiException(403, "this peer has no token, so it accepts changes only"
                    + " from its own machine (loopback): send them from there"));
        }
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
            throw refused("token", new ApiException(401, "changes from another machine need the cluster token:"
                    + " send the header 'Authorization: Bearer <token>'; `peer token` on any peer of the cluster prints"
                    + " it (a request to this peer's LAN address counts as another machine, even from its own)"));
        }
        byte[] given = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.get())) {
            throw refused("token", new ApiException(403, "the cluster token is wrong: `peer token` on any peer of"
                    + " this cluster prints the right one"));
        }
    }

    private void checkContentType(HttpServerExchange exchange, Set<String> accepted) {
        int count = exchange.getRequestHeaders().count(Headers.CONTENT_TYPE);
        String header = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String type = header == null ? "" : header.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (count != 1 || !accepted.contains(type)) {
            String given = count == 0 ? "is missing" : count > 1 ? "is given " + count + " times"
                    : "'" + ApiExchange.abbreviate(header) + "' is not accepted";
            throw refused("content-type", new ApiException(415, "Content-Type " + given + "; send one of "
                    + String.join(", ", accepted.stream().sorted().toList())));
        }
    }

    private ApiException refused(String rule, ApiException refusal) {
        metrics.guardRefused(rule);
        return refusal;
    }
}
