package io.strategyminer.peer.cluster;

import io.strategyminer.peer.security.ClusterSecret;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one peer takes part in the cluster's group membership (DESIGN §5).
 *
 * <p>With no seeds the peer finds the others by UDP multicast (a LAN); with seeds it uses TCP and asks
 * the seeds (a VPN such as Tailscale has no multicast). Ports, all derived from {@link #port()} so a
 * firewall rule is simple: JGroups on {@code port} (UDP in LAN mode, TCP with seeds), the failure
 * detector's TCP socket on {@code port + 2}; {@code port + 1} is left to the Netty repair sync.
 *
 * @param memberName   how other peers see this one (the integration passes the ledger peer id's hex)
 * @param machine      the machine this peer runs on, as other peers see it (the integration passes the
 *                     ledger machine id's hex), so a view alone yields consensus {@code Member}s
 * @param secret       the cluster secret: authenticates joins and encrypts all JGroups traffic
 * @param bindAddress  the interface to listen on; empty = let JGroups pick a site-local address
 * @param port         the JGroups port (default 7800)
 * @param portRange    how many ports above {@code port} may be tried if it is taken; 0 = exactly {@code port}
 *                     (the default, since port + 1 and port + 2 belong to sync and failure detection)
 * @param seeds        members to contact over TCP; empty = UDP multicast discovery
 * @param multicast    the multicast group and port for LAN discovery and broadcasts
 * @param timings      failure detection and join timings
 */
public record ClusterConfig(String memberName, String machine, ClusterSecret secret, Optional<InetAddress> bindAddress, int port,
                            int portRange, List<SeedAddress> seeds, Multicast multicast, Timings timings) {
    public static final int DEFAULT_PORT = 7800;
    /** Offset of the FD_SOCK2 listening port from {@link #port()}; +1 is the Netty sync port. */
    public static final int FAILURE_DETECTION_PORT_OFFSET = 2;

    public ClusterConfig {
        if (memberName == null || memberName.isBlank() || memberName.length() > 200) {
            throw new IllegalArgumentException("a member name is 1 to 200 characters");
        }
        if (machine == null || machine.isBlank() || machine.length() > 200) {
            throw new IllegalArgumentException("a machine name is 1 to 200 characters");
        }
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 1 || port + FAILURE_DETECTION_PORT_OFFSET + portRange > 65_535) {
            throw new IllegalArgumentException("port " + port + " leaves no room for sync (port+1) and failure detection (port+2)");
        }
        if (portRange < 0 || portRange > 10) {
            throw new IllegalArgumentException("port range " + portRange + " is outside 0..10");
        }
        seeds = List.copyOf(seeds);
        Objects.requireNonNull(multicast, "multicast");
        Objects.requireNonNull(timings, "timings");
    }

    /** LAN defaults: multicast discovery, port 7800, JGroups picks the interface. */
    public static ClusterConfig lan(String memberName, String machine, ClusterSecret secret) {
        return new ClusterConfig(memberName, machine, secret, Optional.empty(), DEFAULT_PORT, 0, List.of(),
                Multicast.DEFAULT, Timings.DEFAULT);
    }

    public ClusterConfig withBind(InetAddress address, int port) {
        return new ClusterConfig(memberName, machine, secret, Optional.of(address), port, portRange, seeds, multicast, timings);
    }

    public ClusterConfig withSeeds(List<SeedAddress> seeds) {
        return new ClusterConfig(memberName, machine, secret, bindAddress, port, portRange, seeds, multicast, timings);
    }

    public ClusterConfig withMulticast(Multicast multicast) {
        return new ClusterConfig(memberName, machine, secret, bindAddress, port, portRange, seeds, multicast, timings);
    }

    public ClusterConfig withTimings(Timings timings) {
        return new ClusterConfig(memberName, machine, secret, bindAddress, port, portRange, seeds, multicast, timings);
    }

    /** Whether discovery asks seeds over TCP (true) or multicasts on the LAN (false). */
    public boolean usesSeeds() {
        return !seeds.isEmpty();
    }

    /**
     * Multicast group and port for LAN mode.
     *
     * @param group a multicast address (default 239.8.8.8, site-local scope)
     * @param port  the UDP port every peer of the LAN listens on (default 45588)
     * @param ttl   hops a multicast packet may travel (1 = this subnet only)
     */
    public record Multicast(InetAddress group, int port, int ttl) {
        public static final Multicast DEFAULT = new Multicast(address("239.8.8.8"), 45_588, 2);

        public Multicast {
            if (!group.isMulticastAddress()) {
                throw new IllegalArgumentException(group.getHostAddress() + " is not a multicast address");
            }
            if (port < 1 || port > 65_535 || ttl < 0 || ttl > 255) {
                throw new IllegalArgumentException("multicast port " + port + " or ttl " + ttl + " out of range");
            }
        }

        private static InetAddress address(String literal) {
            try {
                return InetAddress.getByName(literal);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("a literal address always resolves", e);
            }
        }
    }

    /**
     * Failure detection and join timings (DESIGN §5: a killed peer suspected in about 3 s, a silent one
     * in about 15 s).
     *
     * @param joinTimeout          how long a starting peer waits for an answer before founding its own cluster
     * @param heartbeatInterval    FD_ALL3 heartbeat period
     * @param silenceTimeout       FD_ALL3: a member silent this long is suspected (sleep, cable pulled)
     * @param verifySuspectTimeout VERIFY_SUSPECT2: how long a suspect gets to answer before it is excluded
     * @param mergeInterval        MERGE3: minimum period of the partition checks (the maximum is twice it)
     */
    public record Timings(Duration joinTimeout, Duration heartbeatInterval, Duration silenceTimeout,
                          Duration verifySuspectTimeout, Duration mergeInterval) {
        public static final Timings DEFAULT = new Timings(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(15), Duration.ofMillis(1500), Duration.ofSeconds(10));

        public Timings {
            if (heartbeatInterval.compareTo(silenceTimeout) >= 0) {
                throw new IllegalArgumentException("the heartbeat interval must be shorter than the silence timeout");
            }
            for (Duration d : List.of(joinTimeout, heartbeatInterval, verifySuspectTimeout, mergeInterval)) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timings must be positive, got " + d);
                }
            }
        }
    }
}
