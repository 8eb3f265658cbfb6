package io.strategyminer.peer.cluster;

import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Loopback ports, configs and bounded waits for the cluster tests. */
final class ClusterTestSupport {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Failure detection scaled down about five times, so that a test can put a member to sleep past the
     * silence timeout and wake it for a merge within seconds. The mechanism is the one of the defaults.
     */
    static final ClusterConfig.Timings FAST = new ClusterConfig.Timings(Duration.ofSeconds(2), Duration.ofMillis(500),
            Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2));

    private ClusterTestSupport() {
    }

    static ClusterSecret newSecret() {
        return ClusterSecret.generate(RANDOM);
    }

    /**
     * A base port whose JGroups port (TCP and UDP) and failure-detection port (base + 2) are free now.
     * Ports are drawn at random in a high range so that parallel test runs rarely collide.
     */
    static int freeBasePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
            if (tcpFree(base) && udpFree(base) && tcpFree(base + ClusterConfig.FAILURE_DETECTION_PORT_OFFSET)) {
                return base;
            }
        }
        throw new IllegalStateException("no free loopback port found in 200 tries");
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
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

    /** A TCP/TCPPING config on loopback; every node of a test lists the same seeds. */
    static ClusterConfig seeded(String name, ClusterSecret secret, int port, List<Integer> seedPorts) {
        List<SeedAddress> seeds = seedPorts.stream().map(p -> new SeedAddress(LOOPBACK.getHostAddress(), p)).toList();
        return ClusterConfig.lan(name, "machine-" + name, secret).withBind(LOOPBACK, port).withSeeds(seeds);
    }

    /** Waits until {@code condition} holds, or fails with {@code what} after {@code timeout}. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
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

    /** Closes every node, even if some fail. */
    static void closeAll(List<? extends AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("closing " + closeable + " failed: " + e);
            }
        }
    }
}
