package io.strategyminer.peer.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Free loopback ports, bounded waits and temp-dir cleanup for the runtime and start-command tests. */
public final class RuntimeTestSupport {
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Random PORTS = new Random(); // port choice only: parallel runs rarely collide

    private RuntimeTestSupport() {
    }

    /** A base port whose JGroups (TCP and UDP), sync (+1) and failure-detection (+2) ports are free now. */
    public static int freeBasePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + PORTS.nextInt(20_000);
            if (tcpFree(base) && udpFree(base) && tcpFree(base + 1) && tcpFree(base + 2)) {
                return base;
            }
        }
        throw new IllegalStateException("no free loopback port found in 200 tries");
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
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
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }

    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
