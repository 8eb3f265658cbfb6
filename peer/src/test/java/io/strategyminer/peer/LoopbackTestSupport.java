package io.strategyminer.peer;

import io.strategyminer.peer.demo.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Loopback ports, bounded waits and HTTP calls shared by the peer's network tests. */
public final class LoopbackTestSupport {
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LoopbackTestSupport() {
    }

    /**
     * A base port whose JGroups port (TCP and UDP), sync port (+1) and failure-detection port (+2) are
     * free now. Drawn at random (port choice only) so that parallel runs rarely collide, below Linux's ephemeral
     * range (32768 and up): a port found free there can be taken by any outgoing connection before the peer binds it.
     */
    public static int freeBasePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            if (LocalCluster.loopbackPortFree(base) && udpFree(base) && LocalCluster.loopbackPortFree(base + 1) && LocalCluster.loopbackPortFree(base + 2)) {
                return base;
            }
        }
        throw new IllegalStateException("no free loopback port found in 200 tries");
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until {@code condition} holds, or fails naming {@code what} after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }

    /** Sends {@code request} and reads the body as text; I/O failures are unchecked, an interrupt fails the test. */
    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** GET {@code url}, answered within {@code timeout}. */
    public static HttpResponse<String> get(String url, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    }
}
