package io.strategyminer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.data.BundledDatasets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input on every HTTP route (DESIGN §8), 10,000 generated requests per route family against a real
 * server on loopback over a real ledger and dataset store: random and mutated-valid methods, paths, query
 * strings, headers ({@code Host}, {@code Origin}, content types, tokens, anything) and bodies (random bytes,
 * mutated JSON and candle files). The answer is never a 5xx and never a stack trace, and a refused change
 * stores nothing: ledger, datasets and the upload folder are the same before and after.
 */
class HostileInputProperties {
    private static final int TRIES = 10_000;
    private static final String VALID_SEARCH = "{\"dataset\": \"" + BundledDatasets.BTC_USD_5M + "\","
            + " \"population\": 8,"
            + " \"generations\": 2, \"workUnits\": 1, \"quorum\": 1}";
    private static final String VALID_CSV = LoopbackPeer.candleCsv(24);
    private static final String VALID_JSON_CANDLES = "[" + String.join(",", Stream.iterate(0, i -> i + 1).limit(24)
            .map(i -> "{\"time\": " + (1_700_000_000L + 300L * i) + ", \"open\": 1, \"high\": 2, \"low\": 0.5,"
                    + " \"close\": 1.5, \"volume\": 3}").toList()) + "]";

    private static Path dir;
    private static LoopbackPeer peer;
    private static RawHttp client;
    private static String searchId;

    /** One generated request. {@code fresh}: on a new connection (its framing may be anything). */
    record Case(String method, String target, Map<String, String> headers, byte[] body, boolean fresh) {
        @Override
        public String toString() {
            String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
            return method + " " + target + " " + headers + " body(" + body.length + "): " + text;
        }
    }

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("hostile-http");
        peer = LoopbackPeer.start(dir, config -> config.withBounds(64 * 1024, 256 * 1024));
        client = peer.client();
        RawHttp.Response submitted = peer.send("POST", "/api/searches", peer.headers("Content-Type",
                "application/json"), VALID_SEARCH);
        assertEquals(201, submitted.status(), submitted.body());
        searchId = Json.MAPPER.readTree(submitted.body()).get("id").asText();
    }

    @AfterContainer
    static void stop() throws IOException {
        client.close();
        peer.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    // ---- properties: one per route family --------------------------------------------------

    @Property(tries = TRIES)
    void readsOfTheApi(@ForAll("reads") Case request) throws IOException {
        check("reads", request);
    }

    @Property(tries = TRIES)
    void searchSubmissions(@ForAll("submissions") Case request) throws IOException {
        check("submissions", request);
    }

    @Property(tries = TRIES)
    void datasetUploads(@ForAll("uploads") Case request) throws IOException {
        check("uploads", request);
    }

    @Property(tries = TRIES)
    void dashboardFilesAndWebJars(@ForAll("files") Case request) throws IOException {
        check("files", request);
    }

    @Property(tries = TRIES)
    void anyMethodPathAndHeaders(@ForAll("anything") Case request) throws IOException {
        check("anything", request);
    }

    private static void check(String family, Case request) throws IOException {
        LoopbackPeer.Stored before = peer.stored();
        RawHttp.Response response = send(request);
        Statistics.label(family).collect(response.status()); // the report shows which answers each family reached
        assertTrue(response.status() >= 200 && response.status() < 500, response.status() + " " + response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
        boolean changes = !request.method().equals("GET") && !request.method().equals("HEAD");
        if (changes && response.status() >= 400) {
            assertEquals(before, peer.stored(), "a refused " + request.method() + " stored nothing");
        }
    }

    private static RawHttp.Response send(Case request) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        if (request.body().length > 0) {
            headers.put("Content-Length", Integer.toString(request.body().length));
        }
        byte[] bytes = RawHttp.request(request.method(), request.target(), headers, request.body());
        boolean head = request.method().equals("HEAD");
        if (request.fresh()) {
            try (RawHttp once = peer.client()) {
                return once.send(bytes, head);
            }
        }
        return client.send(bytes, head);
    }

    // ---- route families ----------------------------------------------------------------------

    @Provide
    Arbitrary<Case> reads() {
        Arbitrary<String> path = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("/api/status", "/api/peers", "/api/searches", "/api/strategies",
                        "/api/datasets", "/api/search-parameters", "/metrics", "/api/events",
                        "/api/searches/" + searchId)),
                Tuple.of(1, segment().map(id -> "/api/searches/" + id)),
                Tuple.of(1, segment().map(id -> "/api/strategies/" + id)),
                Tuple.of(1, Arbitraries.of(peer.cluster.self().hex() + "-1", peer.cluster.self().hex() + "-0",
                        "ff-1", "-1", peer.cluster.self().hex() + "-99999999999999999999")
                        .map(id -> "/api/strategies/" + id)));
        return request(Arbitraries.of("GET", "GET", "GET", "HEAD"), path.flatMap(p -> query().map(q -> p + q)),
                Arbitraries.just(""), Arbitraries.just(new byte[0]));
    }

    @Provide
    Arbitrary<Case> submissions() {
        return request(Arbitraries.of("POST", "POST", "POST", "PUT", "DELETE"),
                Arbitraries.oneOf(Arbitraries.just("/api/searches"), query().map(q -> "/api/searches" + q)),
                Arbitraries.of("application/json", "application/json; charset=utf-8"),
                Arbitraries.oneOf(searchJson().map(json -> json.getBytes(StandardCharsets.UTF_8)),
                        mutated(VALID_SEARCH), Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
    }

    @Provide
    Arbitrary<Case> uploads() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("?name=fuzz", "?name=fuzz&name=twice", "",
                        "?name=", "?name=a%2Fb", "?name=" + "n".repeat(200), "?name=x&extra=1", "?name=%00"),
                segment().map(n -> "?name=" + n));
        return request(Arbitraries.of("POST", "POST", "POST", "PUT"), name.map(n -> "/api/datasets" + n),
                Arbitraries.of("text/csv", "application/json", "application/octet-stream"),
                Arbitraries.oneOf(mutated(VALID_CSV), mutated(VALID_JSON_CANDLES),
                        Arbitraries.just(VALID_CSV.getBytes(StandardCharsets.US_ASCII)),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000),
                        Arbitraries.integers().between(1, 400).map(depth -> ("[".repeat(depth * 10))
                                .getBytes(StandardCharsets.US_ASCII))));
    }

    @Provide
    Arbitrary<Case> files() {
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("/", "/index.html", "/style.css", "/js/app.js", "/js/nothing.js", "/js/", "/js",
                        "/webjars/uplot/dist/uPlot.esm.js", "/webjars/uplot/", "/webjars/", "/webjars/x/y",
                        "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/js/..%2f..%2fWEB-INF",
                        "/META-INF/MANIFEST.MF",
                        "/webjars/uplot/../../META-INF/MANIFEST.MF", "/%00", "/%zz", "//", "/.", "/a%2Fb"),
                segment().list().ofMaxSize(4).map(segments -> "/" + String.join("/", segments)),
                segment().map(s -> "/webjars/" + s));
        return request(Arbitraries.of("GET", "GET", "GET", "HEAD", "POST", "DELETE"), path,
                Arbitraries.of("text/csv", "application/json"),
                Arbitraries.oneOf(Arbitraries.just(new byte[0]),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(64)));
    }

    @Provide
    Arbitrary<Case> anything() {
        Arbitrary<String> method = Arbitraries.oneOf(Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
                "HEAD", "TRACE", "CONNECT", "PROPFIND"), Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1)
                .ofMaxLength(12));
        Arbitrary<String> target = Arbitraries.oneOf(
                Arbitraries.strings().withChars("/abcz019.-_%?&=~:@!$'()*+,;[]{}|^`\"<>#\\").ofMaxLength(80)
                        .map(t -> "/" + t),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(80),
                Arbitraries.of("*", "http://evil.example/api/status", "/api/status?" + "a=1&".repeat(40),
                        "/" + "x".repeat(9_000)));
        Arbitrary<Map<String, String>> headers = Combinators.combine(host(), header().list().ofMaxSize(6))
                .as((host, extra) -> {
                    Map<String, String> all = new LinkedHashMap<>();
                    host.ifPresent(h -> all.put("Host", h));
                    extra.forEach(pair -> all.put(pair.get(0), pair.get(1)));
                    return all;
                });
        return Combinators.combine(method, target, headers, Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
                .as((m, t, h, b) -> new Case(m, t, h, b, true));
    }

    // ---- pieces ------------------------------------------------------------------------------

    /** A request of a family: its own method, target, valid content type and body, and hostile headers around them. */
    private static Arbitrary<Case> request(Arbitrary<String> method, Arbitrary<String> target,
                                           Arbitrary<String> validType, Arbitrary<byte[]> body) {
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(6, validType),
                Tuple.of(1, Arbitraries.of("text/plain", "multipart/form-data; boundary=x",
                        "application/x-www-form-urlencoded", "", "application/json;;", "TEXT/CSV", "*/*")),
                Tuple.of(1, headerValue()));
        Arbitrary<Map<String, String>> headers = Combinators.combine(host(), origin(), contentType, authorization(),
                header().list().ofMaxSize(3)).as((host, origin, type, auth, extra) -> {
                    Map<String, String> all = new LinkedHashMap<>();
                    host.ifPresent(h -> all.put("Host", h));
                    origin.ifPresent(o -> all.put("Origin", o));
                    if (!type.isEmpty()) {
                        all.put("Content-Type", type);
                    }
                    auth.ifPresent(a -> all.put("Authorization", a));
                    extra.forEach(pair -> all.put(pair.get(0), pair.get(1)));
                    return all;
                });
        return Combinators.combine(method, target, headers, body).as((m, t, h, b) -> new Case(m, t, h, b, false));
    }

    private static Arbitrary<Optional<String>> host() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(peer.host(), "localhost:" + peer.port(),
                        "[::1]:" + peer.port())),
                Tuple.of(1, Arbitraries.of("evil.example:" + peer.port(), "evil.example",
                        "127.0.0.1:" + (peer.port() + 1), "127.0.0.1", ":" + peer.port(), "[::1", "a b",
                        "localhost:99999", "localhost:-1", "LOCALHOST:" + peer.port())),
                Tuple.of(1, headerValue()))
                .map(Optional::of)
                .injectNull(0.03).map(h -> h == null ? Optional.<String>empty() : h);
    }

    private static Arbitrary<Optional<String>> origin() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(3, Arbitraries.of("http://" + peer.host(), "http://evil.example", "null",
                        "https://" + peer.host(), "http://localhost:" + peer.port(), "http://" + peer.host() + "/")
                        .map(Optional::of)),
                Tuple.of(1, headerValue().map(Optional::of)));
    }

    private static Arbitrary<Optional<String>> authorization() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(2, Arbitraries.of("Bearer cluster-secret", "Bearer wrong", "Bearer ", "Basic x",
                        "bearer cluster-secret").map(Optional::of)),
                Tuple.of(1, headerValue().map(Optional::of)));
    }

    /** A header the family does not set itself: a name of token characters and any visible value. */
    private static Arbitrary<List<String>> header() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.of("Accept", "Cookie", "Referer", "Sec-Fetch-Site", "X-Forwarded-For", "X-Forwarded-Host",
                        "Accept-Encoding", "Range", "If-None-Match", "Last-Event-ID", "Origin", "Authorization"),
                Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(20)
                        .filter(n -> !List.of("host", "content-length", "transfer-encoding", "expect", "connection",
                                "upgrade", "content-type").contains(n)));
        return Combinators.combine(name, headerValue()).as(List::of);
    }

    private static Arbitrary<String> headerValue() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(100).map(String::strip);
    }

    /** A path segment: ids, near-ids, encodings, traversal. */
    private static Arbitrary<String> segment() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdef0123456789-").ofMinLength(1).ofMaxLength(70),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40)
                        .filter(s -> !s.contains("?") && !s.contains("#") && !s.contains("/")),
                Arbitraries.of("..", ".", "%2e%2e", "%2F", "%00", "%ff", "%", "%zz", "a%20b", "\u00e9"));
    }

    private static Arbitrary<String> query() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("status", "limit", "search", "points", "name")),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("canonical", "all", "pending", "0", "1", "50", "1000", "1001", "-1", "99999999999",
                        "2", "100000", "abc", "", "%00", "%zz", searchId),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30)
                        .filter(s -> !s.contains("#") && !s.contains("&")));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("")),
                Tuple.of(1, pair.list().ofMinSize(1).ofMaxSize(4).map(pairs -> "?" + String.join("&", pairs))));
    }

    /** Search bodies: every field at, near and beyond its range, wrong types, unknown fields. */
    private static Arbitrary<String> searchJson() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 200_000).map(String::valueOf),
                Arbitraries.of("0", "-1", "2147483648", "1e3", "1.5", "\"7\"", "null", "true", "[]", "{}",
                        "9223372036854775808", "-9223372036854775809", "0.0000001"));
        Arbitrary<String> field = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("splitPercent", "population", "generations", "minTrades",
                        "workUnits", "quorum", "seed", "feePct", "slippagePct"), number)
                        .as((n, v) -> "\"" + n + "\": " + v),
                Arbitraries.of("\"risk\": \"low\"", "\"risk\": \"HIGH\"", "\"risk\": \"wild\"", "\"risk\": 3",
                        "\"objective\": \"sharpe\"", "\"objective\": \"pnl\"", "\"objective\": \"\"",
                        "\"allowSameMachine\": true", "\"allowSameMachine\": \"yes\"", "\"unknown\": 1",
                        "\"dataset\": \"" + BundledDatasets.BTC_USD_5M + "\"", "\"dataset\": \"no-such\"",
                        "\"dataset\": \"\"", "\"dataset\": 5"));
        return field.list().ofMaxSize(8).map(fields -> {
            List<String> all = new ArrayList<>(fields);
            all.add(0, "\"dataset\": \"" + BundledDatasets.BTC_USD_5M + "\"");
            return "{" + String.join(", ", all) + "}";
        });
    }

    /** {@code valid} with a few bytes deleted, replaced or inserted, or cut short. */
    private static Arbitrary<byte[]> mutated(String valid) {
        byte[] original = valid.getBytes(StandardCharsets.UTF_8);
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, original.length - 1), Arbitraries.integers().between(0, 255))
                .as((kind, at, value) -> new int[]{kind, at, value});
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            byte[] bytes = original.clone();
            for (int[] e : edits) {
                int at = Math.min(e[1], Math.max(0, bytes.length - 1));
                bytes = switch (e[0]) {
                    case 0 -> concat(slice(bytes, 0, at), slice(bytes, Math.min(bytes.length, at + 1), bytes.length));
                    case 1 -> {
                        byte[] copy = bytes.clone();
                        if (copy.length > 0) {
                            copy[at] = (byte) e[2];
                        }
                        yield copy;
                    }
                    case 2 -> concat(concat(slice(bytes, 0, at), new byte[]{(byte) e[2]}),
                            slice(bytes, at, bytes.length));
                    default -> slice(bytes, 0, at);
                };
            }
            return bytes;
        });
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
