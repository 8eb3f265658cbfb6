package io.strategyminer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.data.BundledDatasets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a web page in the user's browser can and cannot do to its local peer (DESIGN §8), each attack run
 * as a browser would send it, on raw sockets so that {@code Host} and {@code Origin} are exactly the
 * attacker's: another site's page, a DNS-rebinding page (its own name resolving to 127.0.0.1), and a plain
 * cross-site form (text/plain, multipart, urlencoded: no preflight).
 */
class BrowserGuardTest {
    private static final String EVIL = "http://evil.example";

    @TempDir
    Path dir;
    private LoopbackPeer peer;

    /** Every route that changes something, with a body it would accept. */
    record Mutation(String method, String target, String contentType, String body) {
        @Override
        public String toString() {
            return method + " " + target;
        }
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                new Mutation("POST", "/api/searches", "application/json",
                        "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M + "\"}"),
                new Mutation("POST", "/api/datasets?name=page-upload", "text/csv", LoopbackPeer.candleCsv(40)));
    }

    @BeforeEach
    void start() {
        peer = LoopbackPeer.start(dir, config -> config);
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void aPageOfAnotherSiteCannotChangeAnything(Mutation m) throws Exception {
        LoopbackPeer.Stored before = peer.stored();

        assertError(send(m, "Origin", EVIL), 403, "a page of another site (Origin 'http://evil.example')");
        assertError(send(m, "Origin", "null"), 403, "may not change this peer"); // sandboxed frames, file: pages
        assertError(send(m, "Origin", "http://" + peer.host() + ".evil.example"), 403, "may not change this peer");
        assertError(send(m, "Origin", "http://localhost:" + peer.port()), 403, "may not change this peer");
        // DNS rebinding: same origin to the browser, but the Host gives it away
        String rebound = "evil.example:" + peer.port();
        assertError(peer.send(m.method(), m.target(), Map.of("Host", rebound, "Origin", "http://" + rebound,
                "Content-Type", m.contentType()), m.body()), 403, "does not name this peer");
        // a cross-site form or no-cors fetch: no preflight, and an old browser may send no Origin at all
        for (String formType : List.of("text/plain", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "text/plain; charset=utf-8")) {
            assertError(peer.send(m.method(), m.target(), peer.headers("Content-Type", formType), m.body()), 415,
                    "Content-Type '" + formType + "' is not accepted");
        }
        assertError(peer.send(m.method(), m.target(), peer.headers(), m.body()), 415, "Content-Type is missing");

        assertEquals(before, peer.stored(), "nothing was stored");
        assertEquals(4, peer.guardRefusals("origin"));
        assertEquals(1, peer.guardRefusals("host"));
        assertEquals(5, peer.guardRefusals("content-type"));
        assertTrue(peer.metrics.scrape().contains("sm_web_guard_refusals_total{rule=\"origin\"} 4.0"));
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void thePeersOwnPageAndTheCliCanChangeThings(Mutation m) throws Exception {
        // the dashboard: same origin, the declared type (what a browser sends for the page's fetch)
        RawHttp.Response page = send(m, "Origin", "http://" + peer.host(), "Sec-Fetch-Site", "same-origin");
        assertEquals(201, page.status(), page.body());
        // the CLI and curl: no Origin
        assertEquals(201, send(m).status());
        // the dashboard opened as http://localhost:<port>/ sends that origin and that Host
        String localhost = "localhost:" + peer.port();
        RawHttp.Response named = peer.send(m.method(), m.target(), Map.of("Host", localhost,
                "Origin", "http://" + localhost, "Content-Type", m.contentType()), m.body());
        assertEquals(201, named.status(), named.body());
    }

    @Test
    void everyRequestReadsIncludedMustNameThisPeerInItsHost() throws Exception {
        List<String> reads = List.of("/api/status", "/api/peers", "/api/searches", "/api/strategies", "/api/datasets",
                "/metrics", "/", "/js/app.js", "/webjars/uplot/dist/uPlot.esm.js", "/api/events", "/api/nothing");
        for (String target : reads) {
            for (String host : List.of("evil.example:" + peer.port(), "evil.example", "127.0.0.1:" + (peer.port() + 1),
                    "127.0.0.2:" + peer.port(), "localhost.:" + peer.port(), "[::2]:" + peer.port())) {
                assertError(peer.send("GET", target, Map.of("Host", host), ""), 403, "does not name this peer");
            }
            assertEquals(400, peer.send("GET", target, Map.of(), "").status(), "HTTP/1.1 requires Host (Undertow)");
            assertError(http10WithoutHost(target), 400, "no Host header");
            assertError(peer.send("GET", target, Map.of("Host", "a b"), ""), 400, "is not a host name");
        }
        for (String host : List.of(peer.host(), "localhost:" + peer.port(), "LOCALHOST:" + peer.port(),
                "[::1]:" + peer.port())) {
            assertEquals(200, peer.send("GET", "/api/status", Map.of("Host", host), "").status(), host);
        }
        assertEquals(reads.size() * 8, peer.guardRefusals("host"), "every refusal of the rule counted");
    }

    @Test
    void twoHostHeadersAreRefused() throws Exception {
        byte[] request = ("GET /api/status HTTP/1.1\r\nHost: " + peer.host() + "\r\nHost: evil.example\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (RawHttp client = peer.client()) {
            RawHttp.Response response = client.send(request, false);
            assertEquals(400, response.status(), response.body());
        }
    }

    @Test
    void configuredNamesPassWithAnyPortOrTheirOwn(@TempDir Path other) throws Exception {
        try (LoopbackPeer named = LoopbackPeer.start(other,
                config -> config.withHostNames(Set.of("Peer.Example", "localhost:9000")))) {
            assertEquals(200, named.send("GET", "/api/status", Map.of("Host", "peer.example"), "").status());
            assertEquals(200, named.send("GET", "/api/status", Map.of("Host", "peer.example:443"), "").status());
            assertEquals(200, named.send("GET", "/api/status", Map.of("Host", "localhost:9000"), "").status());
            assertError(named.send("GET", "/api/status", Map.of("Host", "peer.example.evil"), ""), 403, "");
            // a tunnel's Host and the Origin its page sends
            RawHttp.Response tunnel = named.send("POST", "/api/searches", Map.of("Host", "localhost:9000",
                    "Origin", "http://localhost:9000", "Content-Type", "application/json"),
                    "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M + "\"}");
            assertEquals(201, tunnel.status(), tunnel.body());
        }
    }

    @Test
    void aPreflightGetsNoPermissionToCrossOrigins() throws Exception {
        for (Mutation m : mutations().toList()) {
            RawHttp.Response preflight = peer.send("OPTIONS", m.target(), peer.headers("Origin", EVIL,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"), "");
            assertEquals(405, preflight.status(), preflight.body());
            assertNull(preflight.header("Access-Control-Allow-Origin"));
            assertNull(preflight.header("Access-Control-Allow-Methods"));
        }
        RawHttp.Response read = peer.send("GET", "/api/status", peer.headers("Origin", EVIL), "");
        assertEquals(200, read.status(), "a cross-origin read is answered, and the browser hides it from the page");
        assertNull(read.header("Access-Control-Allow-Origin"));
    }

    @Test
    void noRouteTakesABodyTypeThatAnyPageMaySend() {
        for (String type : MutationGuard.SAFELISTED_TYPES) {
            assertThrows(IllegalArgumentException.class,
                    () -> ApiRoutes.Route.change("POST", "/api/x", Set.of(type), 10, exchange -> { }));
        }
    }

    @Test
    void theDashboardPostsJson() throws Exception {
        // the one fetch that changes something; peer's DashboardBrowserTest submits through it in Chromium
        String api;
        try (InputStream in = WebServer.class.getResourceAsStream("/web/js/api.js")) {
            api = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String postJson = api.substring(api.indexOf("export async function postJson"));
        postJson = postJson.substring(0, postJson.indexOf("\n}\n"));
        assertTrue(postJson.contains("'Content-Type': 'application/json'"), postJson);
        for (String module : List.of("app.js", "cluster.js", "live.js", "searches.js", "strategies.js", "strategy.js",
                "charts.js", "table.js")) {
            try (InputStream in = WebServer.class.getResourceAsStream("/web/js/" + module)) {
                String js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertFalse(js.contains("method: 'POST'"), module + " changes things only through postJson");
                assertFalse(js.matches("(?s).*<form[^>]*(action|method)=.*"), module + ": a form that the browser "
                        + "would submit itself (urlencoded) instead of the page's script");
            }
        }
    }

    /** HTTP/1.0 lets a request omit {@code Host}; the rule still asks for one. */
    private RawHttp.Response http10WithoutHost(String target) throws IOException {
        try (RawHttp client = peer.client()) {
            return client.send(("GET " + target + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII), false);
        }
    }

    private RawHttp.Response send(Mutation m, String... headers) throws IOException {
        String[] all = Stream.concat(Stream.of("Content-Type", m.contentType()), Stream.of(headers))
                .toArray(String[]::new);
        return peer.send(m.method(), m.target(), peer.headers(all), m.body());
    }

    static void assertError(RawHttp.Response response, int status, String fragment) throws Exception {
        assertEquals(status, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/json"), response.headers().toString());
        JsonNode body = Json.MAPPER.readTree(response.body());
        String message = body.get("error").asText();
        assertTrue(message.contains(fragment), "'" + message + "' should contain '" + fragment + "'");
    }
}
