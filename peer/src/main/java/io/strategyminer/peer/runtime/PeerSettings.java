package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.security.ClusterSecret;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link PeerRuntime} is built from: what {@code peer start} parses, or what a test chooses.
 *
 * @param name        the human name announced in the ledger (1–64 characters)
 * @param dataDir     where the identity, the ledger ({@code dataDir/ledger}) and the datasets live
 * @param bind        the interface to listen on; empty = JGroups picks a site-local address (LAN)
 * @param port        the JGroups port; sync listens on {@code port + 1}, failure detection on {@code port + 2}
 * @param seeds       members to contact over TCP; empty = UDP multicast discovery
 * @param secret      the cluster secret (from the data dir or the join token)
 * @param threads     worker slots: work units or verifications running at once, one thread each
 * @param calibration how long the start-up throughput measurement runs (warm-up of the same length
 *                    before it); zero skips it and announces 0 backtests/s (consensus then assumes a
 *                    slow peer and grants long deadlines)
 * @param timings     JGroups failure detection and join timings
 * @param machine     the machine id to announce; empty = {@link MachineId#detect()}
 * @param disk        when the data dir's disk counts as full, and how often that is checked
 * @param rebuildFromPeers {@code peer start --rebuild-from-peers}: set a missing or corrupt ledger aside and recover
 *                    this peer's own chain from the others before appending anything, waiting at most this long for
 *                    them ({@link OwnChainRecovery}); empty = a missing or corrupt ledger refuses the start
 */
public record PeerSettings(String name, Path dataDir, Optional<InetAddress> bind, int port, List<SeedAddress> seeds,
                           ClusterSecret secret, int threads, Duration calibration, ClusterConfig.Timings timings,
                           Optional<MachineId> machine, DiskPolicy disk, Optional<Duration> rebuildFromPeers) {
    /** How long {@code --rebuild-from-peers} waits for the others by default. */
    public static final Duration REBUILD_WAIT = Duration.ofMinutes(2);

    public PeerSettings {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("a peer name is 1 to 64 characters, got '" + name + "'");
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bind, "bind");
        seeds = List.copyOf(seeds);
        Objects.requireNonNull(secret, "secret");
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be between 1 and 1024, got " + threads);
        }
        if (calibration.isNegative()) {
            throw new IllegalArgumentException("calibration time is negative: " + calibration);
        }
        Objects.requireNonNull(timings, "timings");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(disk, "disk");
        if (rebuildFromPeers.isPresent() && (rebuildFromPeers.get().isNegative() || rebuildFromPeers.get().isZero())) {
            throw new IllegalArgumentException("the wait for peers to rebuild from must be positive, got "
                    + rebuildFromPeers.get());
        }
    }

    /** The default disk policy, a normal start (no rebuild). */
    public PeerSettings(String name, Path dataDir, Optional<InetAddress> bind, int port, List<SeedAddress> seeds,
                        ClusterSecret secret, int threads, Duration calibration, ClusterConfig.Timings timings,
                        Optional<MachineId> machine) {
        this(name, dataDir, bind, port, seeds, secret, threads, calibration, timings, machine, DiskPolicy.DEFAULT,
                Optional.empty());
    }

    /** Production defaults for everything but the identity of the cluster and where to listen. */
    public static PeerSettings defaults(String name, Path dataDir, ClusterSecret secret) {
        return new PeerSettings(name, dataDir, Optional.empty(), ClusterConfig.DEFAULT_PORT, List.of(), secret,
                Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(2), ClusterConfig.Timings.DEFAULT,
                Optional.empty());
    }

    public PeerSettings withNetwork(Optional<InetAddress> bind, int port, List<SeedAddress> seeds) {
        return new PeerSettings(name, dataDir, bind, port, seeds, secret, threads, calibration, timings, machine, disk,
                rebuildFromPeers);
    }

    public PeerSettings withThreads(int threads) {
        return new PeerSettings(name, dataDir, bind, port, seeds, secret, threads, calibration, timings, machine, disk,
                rebuildFromPeers);
    }

    public PeerSettings withCalibration(Duration calibration) {
        return new PeerSettings(name, dataDir, bind, port, seeds, secret, threads, calibration, timings, machine, disk,
                rebuildFromPeers);
    }

    public PeerSettings withTimings(ClusterConfig.Timings timings) {
        return new PeerSettings(name, dataDir, bind, port, seeds, secret, threads, calibration, timings, machine, disk,
                rebuildFromPeers);
    }

    public PeerSettings withDisk(DiskPolicy disk) {
        return new PeerSettings(name, dataDir, bind, port, seeds, secret, threads, calibration, timings, machine, disk,
                rebuildFromPeers);
    }

    /** {@code --rebuild-from-peers}, waiting at most {@code wait} for the others. */
    public PeerSettings withRebuildFromPeers(Duration wait) {
        return new PeerSettings(name, dataDir, bind, port, seeds, secret, threads, calibration, timings, machine, disk,
                Optional.of(wait));
    }

    /** The Netty repair-sync port. */
    public int syncPort() {
        return port + 1;
    }
}
