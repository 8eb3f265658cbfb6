package io.strategyminer.peer.cluster;

import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.security.ClusterSecret;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/** Loopback ports, configs and bounded waits for the cluster tests. */
final class ClusterTestSupport {
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

    /** A TCP/TCPPING config on loopback; every node of a test lists the same seeds. */
    static ClusterConfig seeded(String name, ClusterSecret secret, int port, List<Integer> seedPorts) {
        List<SeedAddress> seeds = seedPorts.stream().map(p -> new SeedAddress(LoopbackTestSupport.LOOPBACK.getHostAddress(), p)).toList();
        return ClusterConfig.lan(name, "machine-" + name, secret).withBind(LoopbackTestSupport.LOOPBACK, port).withSeeds(seeds);
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
