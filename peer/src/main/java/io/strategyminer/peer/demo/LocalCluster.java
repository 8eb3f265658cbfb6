package io.strategyminer.peer.demo;

import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.PeerRuntime;
import io.strategyminer.peer.runtime.PeerSettings;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A cluster of real peers in one JVM on loopback ({@code peer demo}): each a full {@link PeerRuntime} (own
 * JGroups, sync and HTTP ports, own data dir and identity, one worker slot) with its {@link HttpEndpoint}, all
 * sharing one fresh cluster secret and finding each other through TCP seeds, so no multicast is needed.
 * Closing it stops every endpoint and runtime and, when the data dirs were a temporary folder, deletes it.
 */
public final class LocalCluster implements AutoCloseable {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Peer i tries base + i × PORT_STEP first: JGroups on it, sync on +1, failure detection on +2. */
    private static final int PORT_STEP = 10;
    private static final int PORT_CANDIDATES = 500;

    /** One running peer of the cluster. */
    public record Node(PeerRuntime runtime, HttpEndpoint http) {
        public String name() {
            return runtime.settings().name();
        }

        /** The base URL of its HTTP API and dashboard. */
        public String url() {
            return "http://" + LOOPBACK.getHostAddress() + ":" + http.address().getPort();
        }
    }

    /**
     * How to run the cluster.
     *
     * @param size        how many peers (1–9)
     * @param basePort    the first peer's wanted JGroups port; busy ports are skipped in steps of 10
     * @param httpPort    the first peer's wanted HTTP port (peer i: +i); a busy one becomes any free port; 0 = any
     * @param calibration each peer's start-up throughput measurement (its warm-up takes as long again)
     */
    public record Options(int size, int basePort, int httpPort, Duration calibration) {
        public Options {
            if (size < 1 || size > 9) {
                throw new IllegalArgumentException("a local cluster has 1 to 9 peers, got " + size);
            }
            if (basePort < 1 || basePort > 65_000) {
                throw new IllegalArgumentException("--base-port " + basePort + " is outside 1–65000");
            }
            if (httpPort < 0 || httpPort > 65_535 - size) {
                throw new IllegalArgumentException("--http-port " + httpPort + " is outside 0–" + (65_535 - size));
            }
        }
    }

    private final Path root;
    private final boolean temporary;
    private final List<Node> nodes = new ArrayList<>();
    private boolean closed;

    private LocalCluster(Path root, boolean temporary) {
        this.root = root;
        this.temporary = temporary;
    }

    /**
     * Starts the peers one after the other (the first coordinates), each in {@code dataDir/<name>}; with no
     * {@code dataDir}, in a new temporary folder that {@link #close()} deletes. {@code started} hears of each peer
     * as soon as it serves HTTP. On failure everything started is stopped again.
     *
     * @throws IllegalStateException if no free ports are found or a peer cannot start
     */
    public static LocalCluster start(Optional<Path> dataDir, Options options, Consumer<Node> started) {
        LocalCluster cluster;
        try {
            cluster = dataDir.isPresent() ? new LocalCluster(Files.createDirectories(dataDir.get()), false)
                    : new LocalCluster(Files.createTempDirectory("strategy-miner-demo-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's data dir: " + e.getMessage(), e);
        }
        try {
            cluster.startPeers(options, started);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startPeers(Options options, Consumer<Node> started) {
        List<Integer> ports = freeBasePorts(options.basePort(), options.size());
        List<SeedAddress> seeds = ports.stream().map(p -> new SeedAddress(LOOPBACK.getHostAddress(), p)).toList();
        ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
        for (int i = 0; i < options.size(); i++) {
            String name = "demo-" + (i + 1);
            PeerSettings settings = new PeerSettings(name, root.resolve(name), Optional.of(LOOPBACK), ports.get(i), seeds,
                    secret, 1, options.calibration(), ClusterConfig.Timings.DEFAULT, Optional.empty());
            PeerRuntime runtime = PeerRuntime.start(settings);
            HttpEndpoint http;
            try {
                http = startHttp(runtime, options.httpPort() == 0 ? 0 : options.httpPort() + i);
            } catch (RuntimeException e) {
                runtime.close();
                throw e;
            }
            Node node = new Node(runtime, http);
            nodes.add(node);
            started.accept(node);
        }
    }

    /** The wanted port when it is free, else any free one: the demo must run next to a `peer start` on 8080. */
    private static HttpEndpoint startHttp(PeerRuntime runtime, int port) {
        if (port != 0) {
            try {
                return HttpEndpoint.start(runtime, LOOPBACK.getHostAddress(), port);
            } catch (IllegalStateException busy) {
                // taken by something else: fall through to any free port
            }
        }
        return HttpEndpoint.start(runtime, LOOPBACK.getHostAddress(), 0);
    }

    /** {@code count} base ports from {@code first} on, in steps of 10, whose three ports are free on loopback now. */
    private static List<Integer> freeBasePorts(int first, int count) {
        List<Integer> found = new ArrayList<>();
        for (int candidate = 0; candidate < PORT_CANDIDATES && found.size() < count; candidate++) {
            int base = first + candidate * PORT_STEP;
            if (base + 2 > 65_535) {
                break;
            }
            if (loopbackPortFree(base) && loopbackPortFree(base + 1) && loopbackPortFree(base + 2)) {
                found.add(base);
            }
        }
        if (found.size() < count) {
            throw new IllegalStateException("found only " + found.size() + " of " + count + " free port triples on "
                    + "loopback from port " + first + "; try another --base-port");
        }
        return found;
    }

    /** Whether a TCP socket can bind this loopback port now (no address reuse, so TIME_WAIT counts as busy). */
    public static boolean loopbackPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every peer, in start order. */
    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Where the peers' data dirs are. */
    public Path root() {
        return root;
    }

    /** Whether {@link #close()} deletes {@link #root()}. */
    public boolean temporary() {
        return temporary;
    }

    /**
     * Waits until every peer sees all of them in its view and knows all of their announcements.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}
     */
    public void awaitFormed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!formed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + nodes.size() + " local peers did not form one cluster within "
                        + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    private boolean formed() {
        return nodes.stream().allMatch(n -> n.runtime().view().size() == nodes.size()
                && n.runtime().read(state -> state.peers().size()) >= nodes.size());
    }

    /** Stops every HTTP endpoint, then every runtime (the last started first), then deletes a temporary root. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Node node : nodes) {
            node.http().close(); // the API reads the runtime: it goes first
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).runtime().close();
        }
        if (temporary) {
            deleteTree(root);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo's data dir " + dir + ": " + e.getMessage(), e);
        }
    }
}
