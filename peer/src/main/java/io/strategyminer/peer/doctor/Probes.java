package io.strategyminer.peer.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.SeedAddress;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything {@code peer doctor} looks at on the machine and the network, each as one observation; the judgement of
 * what it means is {@link Checks}'s, so tests give the doctor made-up observations ({@link SystemProbes} is the real
 * one). Every probe is bounded in time.
 */
public interface Probes {

    /** The Java runtime the doctor (and so a peer started the same way) runs on. */
    JavaRuntime java();

    /** Whether {@code port} can be bound now on {@code address} (the wildcard when empty). */
    PortState port(Optional<InetAddress> address, int port, Protocol protocol);

    /** Whether this user can write in the data dir (or create it), and its file system's free space. */
    DataDirState dataDir(Path dataDir);

    /**
     * Sends one datagram to the multicast group from the interface a peer would use and waits at most {@code wait}
     * for it to come back (the kernel loops a group's datagrams back to members on the same machine).
     */
    MulticastResult multicast(ClusterConfig.Multicast group, Optional<InetAddress> bind, Duration wait);

    /** Opens (and closes) a TCP connection to a seed within {@code deadline}. */
    SeedAnswer connect(SeedAddress seed, Duration deadline);

    /** The peer whose HTTP API is at the doctor's {@code --peer}, if one answers. */
    RunningPeer runningPeer();

    /** {@code os.name}. */
    String osName();

    /** The output of {@code pmset -g} (macOS power settings); empty where it cannot be run. */
    Optional<String> powerSettings();

    /** The runtime: its feature version (17, 21, …), full version, vendor and home. */
    record JavaRuntime(int feature, String version, String vendor, String home) {
    }

    enum Protocol {
        TCP, UDP;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A port as a bind attempt found it; {@code detail} is the error when it is not free. */
    record PortState(Availability availability, String detail) {
        public enum Availability {
            FREE,
            /** Something already listens there. */
            TAKEN,
            /** The address is not one of this machine's. */
            NOT_LOCAL
        }

        public static PortState free() {
            return new PortState(Availability.FREE, "");
        }
    }

    /**
     * @param notWritable why a file cannot be created in the data dir, if it cannot
     * @param shortage    the disk policy's complaint about free space, if any ({@code DiskPolicy.shortage})
     * @param usableBytes free space for this user in the data dir's file system (-1 if unreadable)
     */
    record DataDirState(boolean exists, Optional<String> notWritable, Optional<String> shortage, long usableBytes) {
    }

    /**
     * @param outcome   what happened to the datagram
     * @param iface     the interface it was sent on (name and address), or what was tried
     * @param detail    the error (NO_ROUTE) or the round-trip time (RECEIVED)
     * @param loopback  whether that interface is the loopback one (this machine only)
     */
    record MulticastResult(Outcome outcome, String iface, String detail, boolean loopback) {
        public enum Outcome { RECEIVED, NOT_RECEIVED, NO_ROUTE }
    }

    /** @param detail the error when it did not answer, else the connect time */
    record SeedAnswer(SeedAddress seed, boolean answered, String detail) {
    }

    /**
     * @param url         the API asked
     * @param status      {@code GET /api/status}, when it answered
     * @param peers       {@code GET /api/peers} ({@code {"peers": […]}}), when it answered
     * @param unreachable why it did not answer, when it did not
     */
    record RunningPeer(String url, Optional<JsonNode> status, Optional<JsonNode> peers, Optional<String> unreachable) {
        public static RunningPeer answered(String url, JsonNode status, JsonNode peers) {
            return new RunningPeer(url, Optional.of(status), Optional.of(peers), Optional.empty());
        }

        public static RunningPeer none(String url, String why) {
            return new RunningPeer(url, Optional.empty(), Optional.empty(), Optional.of(why));
        }

        public boolean answeredApi() {
            return status.isPresent() && peers.isPresent();
        }
    }
}
