package io.strategyminer.web;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Host} rule (DESIGN §8), applied to every request, reads included: the header must name this
 * peer, or a page of another site can read and drive it by DNS rebinding (its own name made to resolve to
 * 127.0.0.1: same origin to the browser, so neither CORS nor the {@code Origin} rule stops it; only the
 * {@code Host} it sends gives it away).
 *
 * <p>A name passes with the peer's port when it is the address the client connected to (an IP literal
 * cannot be rebound), one of {@code localhost}, {@code 127.0.0.1}, {@code [::1]} on a loopback connection,
 * or the host name the server was told to bind; a configured name passes with any port or with the port it
 * names. No name is ever resolved: a request cannot make the peer query DNS.
 */
final class PeerHosts {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]{2,45}]");
    /** {@code name[:port]}: the characters of a host name or an IP literal, then a port of up to 5 digits. */
    private static final Pattern HOST = Pattern.compile("([a-z0-9._-]{1,253}|\\[[0-9a-f:.]{2,45}])(?::(\\d{1,5}))?");

    private final String bindName;
    private final Set<String> configured;
    private final WebMetrics metrics;

    /**
     * @param bindHost   the host the server binds ({@link WebConfig#host()}); a name (not an IP literal) is
     *                   accepted with the peer's port, since the user chose it for this peer
     * @param configured {@link WebConfig#hostNames()}, lower case
     */
    PeerHosts(String bindHost, Set<String> configured, WebMetrics metrics) {
        this.metrics = metrics;
        String lower = bindHost.toLowerCase(Locale.ROOT);
        this.bindName = IPV4.matcher(lower).matches() || lower.contains(":") ? "" : lower;
        this.configured = configured;
    }

    /** @throws ApiException 400 without a well-formed {@code Host}, 403 when it names something else */
    void check(HttpServerExchange exchange) {
        InetSocketAddress local = exchange.getDestinationAddress();
        String example = example(local);
        int count = exchange.getRequestHeaders().count(Headers.HOST);
        if (count != 1) {
            throw refused(ApiException.badRequest((count == 0 ? "the request has no Host header" : "the request has "
                    + count + " Host headers") + "; send one naming this peer, e.g. Host: " + example));
        }
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST).strip().toLowerCase(Locale.ROOT);
        Matcher parts = HOST.matcher(host);
        if (!parts.matches()) {
            throw refused(ApiException.badRequest("Host '" + ApiExchange.abbreviate(host) + "' is not a host name or "
                    + "address with an optional port; send Host: " + example));
        }
        String name = parts.group(1);
        int port = parts.group(2) == null ? 80 : Integer.parseInt(parts.group(2));
        if (!names(name, port, local)) {
            throw refused(new ApiException(403, "Host '" + ApiExchange.abbreviate(host) + "' does not name this peer, "
                    + "so the request may come from a page of another site (DNS rebinding): send Host: " + example
                    + ", the address you connected to, or list the name in the peer's allowed host names"));
        }
    }

    private ApiException refused(ApiException refusal) {
        metrics.guardRefused("host");
        return refusal;
    }

    private boolean names(String name, int port, InetSocketAddress local) {
        if (configured.contains(name) || configured.contains(name + ":" + port)) {
            return true;
        }
        if (local == null || port != local.getPort()) {
            return false;
        }
        InetAddress address = local.getAddress();
        return name.equals(bindName) || (address.isLoopbackAddress() && LOOPBACK_NAMES.contains(name))
                || isLiteralOf(name, address);
    }

    /** Whether {@code name} is an IP literal of {@code address}; never resolves a name. */
    private static boolean isLiteralOf(String name, InetAddress address) {
        if (IPV4.matcher(name).matches()) {
            return name.equals(address.getHostAddress());
        }
        if (!IPV6.matcher(name).matches()) {
            return false;
        }
        try {
            // a bracketed string of hex digits, colons and dots is parsed as an IPv6 literal, never looked up
            return InetAddress.getByName(name).equals(address);
        } catch (UnknownHostException malformed) {
            return false;
        }
    }

    private static String example(InetSocketAddress local) {
        if (local == null) {
            return "<this peer's address>:<port>";
        }
        InetAddress address = local.getAddress();
        String literal = address.getHostAddress();
        return (literal.contains(":") ? "[" + literal.replaceFirst("%.*$", "") + "]" : literal) + ":" + local.getPort();
    }
}
