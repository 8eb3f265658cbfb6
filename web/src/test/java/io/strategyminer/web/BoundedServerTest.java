package io.strategyminer.web;

import static io.strategyminer.web.BrowserGuardTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server is bounded (DESIGN §8): idle, half-sent and trickling connections are cut, connections
 * and one client's requests in progress are capped, headers and bodies are bounded before they are held,
 * uploads stream to disk, and hostile JSON is a short 400. Every test runs the attack on real sockets
 * and waits on conditions with deadlines.
 */
class BoundedServerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final byte[] PARTIAL = "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void slowlorisConnectionsAreCutAndANormalClientIsStillServed() throws Exception {
        ServerLimits quick = ServerLimits.DEFAULT.withConnections(16)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c.withEventStream(500, 16).withLimits(quick))) {
            List<Socket> silent = open(peer, 16);       // connect, send nothing
            List<Socket> partial = open(peer, 16);      // half a request, then nothing
            List<Socket> trickling = open(peer, 16);    // half a request, then a byte at a time, forever
            for (Socket socket : concat(partial, trickling)) {
                socket.getOutputStream().write(PARTIAL);
            }
            List<Socket> all = concat(silent, concat(partial, trickling));
            boolean[] closed = new boolean[all.size()];
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!allTrue(closed) && System.nanoTime() < deadline) {
                for (int i = 0; i < all.size(); i++) {
                    if (!closed[i]) {
                        closed[i] = (trickling.contains(all.get(i)) && !trickle(all.get(i)))
                                || RawHttp.closedByServer(all.get(i), System.nanoTime() + 5_000_000);
                    }
                }
                Thread.sleep(100); // the trickle's pace: one byte per connection per round
            }
            for (Socket socket : all) {
                socket.close();
            }
            assertTrue(allTrue(closed), "connections the server never closed: " + count(closed, false) + " of "
                    + all.size());
            assertEquals(200, peer.send("GET", "/api/status", peer.headers(), "").status());
        }
    }

    @Test
    void connectionsBeyondTheLimitWaitUntilOneCloses() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c.withLimits(ServerLimits.DEFAULT.withConnections(4)))) {
            List<RawHttp> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RawHttp client = peer.client(); // each answered once, so the server has accepted it; then kept idle
                assertEquals(200, client.send(RawHttp.request("GET", "/api/status", peer.headers(), new byte[0]), false)
                        .status());
                held.add(client);
            }
            CompletableFuture<Integer> fifth = CompletableFuture.supplyAsync(() -> {
                try {
                    return peer.send("GET", "/api/status", peer.headers(), "").status();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertFalse(waitUntil(fifth::isDone, Duration.ofMillis(500)), "a fifth connection is not served");
            held.get(0).close();
            assertEquals(200, fifth.get(DEADLINE.toSeconds(), TimeUnit.SECONDS), "served once a slot is free");
            held.forEach(RawHttp::close);
        }
    }

    @Test
    void aClientWithTooManyRequestsInProgressIsAnswered429() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c.withLimits(ServerLimits.DEFAULT.withPerClient(2)))) {
            RawHttp.Response[] last = new RawHttp.Response[1];
            List<Socket> slow = open(peer, 2);
            try {
                for (Socket socket : slow) { // each holds a worker: its body never finishes
                    socket.getOutputStream().write(RawHttp.request("POST", "/api/searches", peer.headers(
                            "Content-Type", "application/json", "Content-Length", "100"), "{\"dataset\"".getBytes(
                            StandardCharsets.US_ASCII)));
                }
                assertTrue(waitUntil(() -> peer.requestsInProgress() == 2, DEADLINE), "both are being served");
                assertEquals(429, status(peer, last), "the third request is refused");
                assertError(last[0], 429, "too many requests in progress");
                assertEquals("1", last[0].header("Retry-After"));
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
            assertTrue(waitUntil(() -> status(peer, last) == 200, DEADLINE), "served again once they ended");
        }
    }

    @Test
    void aClosedEventStreamStopsCountingAtOnce() throws Exception {
        // one request per client, heartbeats every 50 s: only noticing the closed connection itself ends a
        // stream, and frees its client's slot, within the 20 s waited for
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c.withEventStream(50_000, 16)
                .withLimits(ServerLimits.DEFAULT.withPerClient(1)))) {
            RawHttp.Response[] last = new RawHttp.Response[1];
            for (int reload = 0; reload < 5; reload++) {
                try (RawHttp page = peer.client()) {
                    RawHttp.Response stream = page.send(RawHttp.request("GET", "/api/events", peer.headers(),
                            new byte[0]), false);
                    assertEquals(200, stream.status(), stream.body());
                }
                assertTrue(waitUntil(() -> status(peer, last) == 200, Duration.ofSeconds(20)),
                        "the stream of reload " + reload + " ended with its connection");
                assertEquals(0, peer.server.eventClients());
                // the status request's own slot is released just after its answer reaches the client
                assertTrue(waitUntil(() -> peer.requestsInProgress() == 0, DEADLINE), "every slot released");
            }
        }
    }

    @Test
    void oversizedHeadersAreRefusedBeforeTheRequestIsHeld() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c)) {
            RawHttp.Response response;
            try {
                response = peer.send("GET", "/api/status", peer.headers("X-Big", "b".repeat(40 * 1024)), "");
            } catch (RawHttp.ClosedBeforeAnswer closed) {
                response = null; // closed without an answer: refused as well
            }
            assertTrue(response == null || (response.status() >= 400 && response.status() < 500),
                    "refused: " + (response == null ? "closed" : response.status()));
            assertEquals(200, peer.send("GET", "/api/status", peer.headers(), "").status());
        }
    }

    @Test
    void hostileJsonIsAShort400() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c)) {
            LoopbackPeer.Stored before = peer.stored();
            List<String> bodies = List.of(
                    "[".repeat(60_000),
                    "{\"a\":".repeat(10_000),
                    "[".repeat(33) + "]".repeat(33),
                    "{\"dataset\": \"x\", \"seed\": " + "9".repeat(1_000) + "}",
                    "{\"dataset\": \"" + "x".repeat(20_000) + "\"}",
                    "{\"" + "n".repeat(300) + "\": 1}",
                    "{\"dataset\": \"x\", \"seed\": 1e999999999}",
                    "\uFEFF{}", "\u0000", "{\"dataset\": \"\\ud800\"}", "{\"a\":1,\"a\":2}");
            for (String body : bodies) {
                RawHttp.Response response = peer.send("POST", "/api/searches",
                        peer.headers("Content-Type", "application/json"), body);
                assertShort400(response);
            }
            RawHttp.Response deepUpload = peer.send("POST", "/api/datasets?name=deep",
                    peer.headers("Content-Type", "application/json"), "[".repeat(60_000));
            assertShort400(deepUpload);
            assertEquals(before, peer.stored());
        }
    }

    @Test
    void aHugeSingleLineUploadIsRefusedWhileItStreamsAndNothingIsKept() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c.withBounds(64 * 1024, 1 << 20))) {
            LoopbackPeer.Stored before = peer.stored();
            long size = 64L << 20;
            assertError(peer.uploadOneLine("huge", size), 413, "larger than 1048576 bytes");
            try (RawHttp client = peer.client()) {
                RawHttp.Response declared = client.send(out -> out.write(RawHttp.request("POST",
                        "/api/datasets?name=huge", peer.headers("Content-Type", "text/csv", "Content-Length",
                                Long.toString(size)), new byte[0])));
                assertError(declared, 413, "larger than 1048576 bytes");
            }
            assertEquals(before, peer.stored(), "no dataset, no file left in the upload folder");
            assertEquals(200, peer.send("GET", "/api/status", peer.headers(), "").status());
        }
    }

    @Test
    void aSixtyTwoMegabyteSingleLineUploadAtTheDefaultBoundIsRefused() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c)) {
            LoopbackPeer.Stored before = peer.stored();
            RawHttp.Response response = peer.uploadOneLine("one-line", 62_000_000L);
            assertTrue(response.status() == 400 || response.status() == 413, response.status() + " "
                    + response.body().substring(0, Math.min(300, response.body().length())));
            assertTrue(response.body().length() <= 2_100, "the message is bounded: " + response.body().length());
            assertEquals(before, peer.stored());
        }
    }

    @Test
    void oneUploadIsImportedAtATime() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c)) {
            String csv = LoopbackPeer.candleCsv(30);
            try (Socket first = open(peer, 1).get(0)) {
                first.getOutputStream().write(RawHttp.request("POST", "/api/datasets?name=first", peer.headers(
                        "Content-Type", "text/csv", "Content-Length", "100000"), csv.substring(0, 50).getBytes(
                        StandardCharsets.US_ASCII)));
                assertTrue(waitUntil(() -> uploadsInProgress(peer) == 1, DEADLINE), "the first is being received");
                RawHttp.Response second = peer.send("POST", "/api/datasets?name=second", peer.headers(
                        "Content-Type", "text/csv"), csv);
                assertError(second, 429, "another dataset upload is in progress");
                assertEquals("5", second.header("Retry-After"));
            }
            RawHttp.Response[] second = new RawHttp.Response[1];
            assertTrue(waitUntil(() -> upload(peer, "second", csv, second) == 201, DEADLINE),
                    "accepted once the first ended: " + (second[0] == null ? "" : second[0].body()));
            assertEquals(List.of("second"), peer.stored().datasets());
            assertEquals(List.of(), peer.stored().uploads());
        }
    }

    @Test
    void uploadsAKilledPeerLeftAreDeletedAtStart() throws Exception {
        Path uploads = Files.createDirectories(dir.resolve("uploads"));
        Files.writeString(uploads.resolve("upload-123.part"), "half a file");
        Files.writeString(uploads.resolve("notes.txt"), "not ours");
        try (LoopbackPeer peer = LoopbackPeer.start(dir, c -> c)) {
            assertEquals(List.of("notes.txt"), peer.stored().uploads());
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static void assertShort400(RawHttp.Response response) throws Exception {
        assertError(response, 400, "");
        String message = Json.MAPPER.readTree(response.body()).get("error").asText();
        assertTrue(message.length() <= 400, "short: " + message.length() + " characters: " + message);
        assertFalse(message.contains("Exception") || message.contains("\tat "), message);
    }

    private static int status(LoopbackPeer peer, RawHttp.Response[] last) {
        try {
            last[0] = peer.send("GET", "/api/status", peer.headers(), "");
            return last[0].status();
        } catch (IOException e) {
            return -1;
        }
    }

    private static int uploadsInProgress(LoopbackPeer peer) {
        try {
            return peer.stored().uploads().size();
        } catch (IOException e) {
            return -1;
        }
    }

    private static int upload(LoopbackPeer peer, String name, String csv, RawHttp.Response[] last) {
        try {
            last[0] = peer.send("POST", "/api/datasets?name=" + name, peer.headers("Content-Type", "text/csv"), csv);
            return last[0].status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Writes one byte of a header value; false when the server has closed the connection. */
    private static boolean trickle(Socket socket) {
        try {
            socket.getOutputStream().write('x');
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static List<Socket> open(LoopbackPeer peer, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.connect(peer.address(), (int) LoopbackPeer.TIMEOUT.toMillis());
            sockets.add(socket);
        }
        return sockets;
    }

    private static List<Socket> concat(List<Socket> a, List<Socket> b) {
        List<Socket> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean allTrue(boolean[] flags) {
        return count(flags, true) == flags.length;
    }

    private static int count(boolean[] flags, boolean value) {
        int n = 0;
        for (boolean flag : flags) {
            n += flag == value ? 1 : 0;
        }
        return n;
    }

    /** Polls {@code condition} until it holds or {@code limit} passes; whether it held. */
    private static boolean waitUntil(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
