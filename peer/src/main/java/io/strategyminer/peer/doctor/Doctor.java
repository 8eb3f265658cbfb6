package io.strategyminer.peer.doctor;

import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.doctor.Checks.PortCheck;
import io.strategyminer.peer.doctor.Probes.Protocol;
import io.strategyminer.peer.doctor.Probes.RunningPeer;
import io.strategyminer.peer.runtime.DiskPolicy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code peer doctor}: runs every check against what {@link Probes} observe, in a fixed order, and says whether any
 * failed. The observations come from the probes, the judgements from {@link Checks}.
 */
public final class Doctor {
    /** How long the multicast datagram may take to come back: a local round trip takes well under a millisecond. */
    static final Duration MULTICAST_WAIT = Duration.ofSeconds(2);
    /** How long a seed may take to accept a TCP connection (a VPN round trip, a peer busy with work). */
    static final Duration SEED_DEADLINE = Duration.ofSeconds(3);

    private final Probes probes;
    private final Options options;

    /**
     * What the doctor examines: the settings of the peer that runs (or would run) here, as {@code peer start} takes them.
     *
     * @param dataDir     the data dir
     * @param port        the JGroups port (sync on +1, failure detection on +2)
     * @param seeds       {@code --seeds}; empty = LAN mode (multicast)
     * @param bind        {@code --bind}; empty = JGroups' choice (the cluster ports are probed on every interface)
     * @param httpAddress where the HTTP port is probed: the {@code --peer} URL's host
     * @param httpPort    the {@code --peer} URL's port
     * @param multicast   the LAN discovery group
     */
    public record Options(Path dataDir, int port, List<SeedAddress> seeds, Optional<InetAddress> bind,
                          Optional<InetAddress> httpAddress, int httpPort, ClusterConfig.Multicast multicast) {
        public Options {
            Objects.requireNonNull(dataDir, "dataDir");
            seeds = List.copyOf(seeds);
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(httpAddress, "httpAddress");
            Objects.requireNonNull(multicast, "multicast");
        }
    }

    public Doctor(Probes probes, Options options) {
        this.probes = probes;
        this.options = options;
    }

    /** Every check's finding: java, ports, data-dir, multicast, seeds, machine-ids, clock, sleep. */
    public List<Finding> examine() {
        RunningPeer peer = probes.runningPeer();
        String os = probes.osName();
        return List.of(
                Checks.java(probes.java()),
                Checks.ports(ports(), peer, options.httpPort()),
                Checks.dataDir(options.dataDir(), probes.dataDir(options.dataDir()), DiskPolicy.DEFAULT),
                options.seeds().isEmpty()
                        ? Checks.multicast(options.multicast(), probes.multicast(options.multicast(), options.bind(),
                        MULTICAST_WAIT))
                        : Checks.multicastNotUsed(),
                Checks.seeds(options.seeds().stream().map(seed -> probes.connect(seed, SEED_DEADLINE)).toList()),
                Checks.machineIds(peer),
                Checks.clock(peer),
                Checks.sleep(os, os.toLowerCase(java.util.Locale.ROOT).startsWith("mac") ? probes.powerSettings()
                        : Optional.empty()));
    }

    /** Whether any finding failed: {@code peer doctor} then exits with 1. */
    public static boolean failed(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.status() == Status.FAIL);
    }

    /** The cluster port over UDP on a LAN and TCP with seeds, sync and failure detection over TCP, then HTTP. */
    private List<PortCheck> ports() {
        int port = options.port();
        Protocol cluster = options.seeds().isEmpty() ? Protocol.UDP : Protocol.TCP;
        return List.of(
                new PortCheck(port, "cluster", cluster, probes.port(options.bind(), port, cluster)),
                new PortCheck(port + 1, "sync", Protocol.TCP, probes.port(options.bind(), port + 1, Protocol.TCP)),
                new PortCheck(port + ClusterConfig.FAILURE_DETECTION_PORT_OFFSET, "failure detection", Protocol.TCP,
                        probes.port(options.bind(), port + ClusterConfig.FAILURE_DETECTION_PORT_OFFSET, Protocol.TCP)),
                new PortCheck(options.httpPort(), "HTTP", Protocol.TCP,
                        probes.port(options.httpAddress(), options.httpPort(), Protocol.TCP)));
    }
}
