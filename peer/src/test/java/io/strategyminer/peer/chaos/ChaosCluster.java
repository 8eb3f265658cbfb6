package io.strategyminer.peer.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.peer.HostCommands;
import io.strategyminer.peer.Privileged;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.RuntimeTestSupport;
import io.strategyminer.peer.runtime.SecretFile;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * {@code size} real {@code peer start} processes, each in its own network namespace on one bridge
 * ({@link ChaosNetwork}), finding each other by multicast or through {@code --seeds}, optionally each with its
 * data dir on its own small tmpfs; the harness reads them over their HTTP APIs on the management links and follows
 * their event streams ({@link ChaosEvents}). {@link #close} removes every process, mount, namespace and file, also
 * when the test failed, and a shutdown hook does the same if the JVM is ended first.
 */
final class ChaosCluster implements AutoCloseable {
    /** Room for the peer's 256 MiB free-space reserve plus what RocksDB preallocates (below the 512 MiB safety bound). */
    static final String TMPFS_SIZE = "448m";
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<ChaosPeer> peers = new ArrayList<>();
    final ChaosNetwork network;
    final ChaosEvents events = new ChaosEvents();
    final boolean seeds;
    final boolean tmpfs;
    private final Path root;
    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private final String token = HttpEndpoint.token(secret);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Path> mounts = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private ChaosCluster(ChaosNetwork network, Path root, boolean seeds, boolean tmpfs) {
        this.network = network;
        this.root = root;
        this.seeds = seeds;
        this.tmpfs = tmpfs;
        this.shutdownHook = new Thread(() -> {
            try {
                closeQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chaos-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Creates the LAN, the data dirs (on tmpfs mounts if {@code tmpfs}) and starts the peers one after the other,
     * until all of them serve and share one view. Fails as root (skips otherwise) when namespaces or mounts cannot be
     * made.
     */
    static ChaosCluster start(int size, boolean seeds, boolean tmpfs) throws Exception {
        StringBuilder whyNot = new StringBuilder();
        ChaosNetwork network = ChaosNetwork.create(size, whyNot);
        Privileged.require("network namespaces on a bridge (ip netns, veth, bridge)",
                network == null ? Optional.of(whyNot.toString()) : Optional.empty());
        ChaosCluster cluster = new ChaosCluster(network, Files.createTempDirectory("sm-chaos"), seeds, tmpfs);
        try {
            cluster.create(size);
            return cluster;
        } catch (Throwable e) {
            for (ChaosPeer peer : cluster.peers) {
                System.out.println("chaos: " + peer + " answered " + cluster.get(peer, "/api/status").map(JsonNode::toString)
                        .orElse("nothing") + "; it printed:\n" + tail(peer.printed(), 2000));
            }
            cluster.close();
            throw e;
        }
    }

    private void create(int size) throws Exception {
        List<String> seedList = new ArrayList<>();
        if (seeds) {
            for (int i = 0; i < size; i++) {
                seedList.add(network.dataAddress(i) + ":" + ChaosPeer.PORT);
            }
        }
        for (int i = 0; i < size; i++) {
            Path home = root.resolve("p" + i);
            Files.createDirectories(home);
            if (tmpfs) {
                Optional<String> failed = ChaosNetwork.command(List.of("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_SIZE,
                        "tmpfs", home.toString()));
                Privileged.require("a small tmpfs for a data dir (mount -t tmpfs)", failed);
                mounts.add(home);
                FileStore store = Files.getFileStore(home);
                if (!store.type().equals("tmpfs") || store.getTotalSpace() > 512L << 20) {
                    throw new IllegalStateException(home + " is not the small tmpfs just mounted");
                }
            }
            Path dataDir = home.resolve("data");
            Files.createDirectories(dataDir);
            SecretFile.store(dataDir, secret);
            peers.add(new ChaosPeer(i, network.namespace(i), network.dataAddress(i), network.managementAddress(i),
                    dataDir, seedList));
        }
        for (ChaosPeer peer : peers) {
            peer.start(false);
            awaitServing(peer, Duration.ofSeconds(90));
            events.follow(peer);
        }
        await(Duration.ofSeconds(120), "one view of all " + size + " peers", () -> oneViewOfAll(peers));
        System.out.println("chaos: " + size + " peers " + peers + " in one view ("
                + (seeds ? "--seeds " + String.join(",", seedList) : "multicast discovery")
                + (tmpfs ? ", data dirs on " + TMPFS_SIZE + " tmpfs mounts" : "") + "), coordinator "
                + coordinator().map(ChaosPeer::toString).orElse("?"));
    }

    /** Waits until the peer answers {@code /api/status}, and learns its id. */
    void awaitServing(ChaosPeer peer, Duration timeout) {
        await(timeout, peer.name + " serves its HTTP API", () -> {
            if (!peer.isRunning()) {
                throw new AssertionError(peer.name + " ended (exit " + peer.process().map(Process::exitValue)
                        .orElse(-1) + "); it printed:\n" + tail(peer.printed(), 3000));
            }
            Optional<JsonNode> status = get(peer, "/api/status");
            status.ifPresent(s -> peer.id(s.path("self").path("id").asText()));
            return status.isPresent();
        });
    }

    ChaosPeer byId(String id) {
        return peers.stream().filter(p -> id.equals(p.id())).findFirst().orElseThrow(
                () -> new IllegalStateException("no peer has the id " + id));
    }

    /** The coordinator named by the first running, awake peer that has a view. */
    Optional<ChaosPeer> coordinator() {
        for (ChaosPeer peer : live()) {
            Optional<String> c = get(peer, "/api/status").map(s -> s.path("coordinator"))
                    .filter(JsonNode::isTextual).map(JsonNode::asText);
            if (c.isPresent()) {
                return Optional.of(byId(c.get()));
            }
        }
        return Optional.empty();
    }

    /** Running and not stopped by SIGSTOP. */
    List<ChaosPeer> live() {
        return peers.stream().filter(p -> p.isRunning() && !p.isStopped()).toList();
    }

    /** The ids in the peer's view (empty without one or without an answer). */
    Optional<Set<String>> view(ChaosPeer peer) {
        return get(peer, "/api/status").map(s -> {
            Set<String> members = new TreeSet<>();
            s.path("view").path("members").forEach(m -> members.add(m.asText()));
            return members;
        });
    }

    boolean oneViewOfAll(List<ChaosPeer> all) {
        if (all.stream().anyMatch(p -> p.id() == null)) {
            return false;
        }
        Set<String> ids = all.stream().map(ChaosPeer::id).collect(Collectors.toCollection(TreeSet::new));
        return all.stream().allMatch(p -> view(p).map(ids::equals).orElse(false));
    }

    /** Every peer answers, shares one view of all, holds as many events with none pending, the same canonical set. */
    boolean converged() {
        if (!oneViewOfAll(peers)) {
            return false;
        }
        Set<Long> events = new TreeSet<>();
        Set<Set<String>> canonical = new java.util.HashSet<>();
        for (ChaosPeer peer : peers) {
            Optional<JsonNode> status = get(peer, "/api/status");
            Optional<JsonNode> strategies = get(peer, "/api/strategies?status=canonical&limit=1000");
            if (status.isEmpty() || strategies.isEmpty() || status.get().path("ledger").path("pending").asLong() != 0) {
                return false;
            }
            events.add(status.get().path("ledger").path("events").asLong());
            Set<String> set = new TreeSet<>();
            strategies.get().path("strategies").forEach(s -> set.add(s.path("id").asText() + ":" + s.path("digest").asText()));
            canonical.add(set);
        }
        return events.size() == 1 && canonical.size() == 1;
    }

    /** GET {@code path} on the peer's API: its JSON, or empty if it did not answer 200 within 3 s. */
    Optional<JsonNode> get(ChaosPeer peer, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(peer.url() + path))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** POSTs a search (with the cluster's token: the harness is another machine to the peer); its id once acknowledged. */
    String submit(ChaosPeer via, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(via.url() + "/api/searches"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError(via.name + " refused the search " + body + ": " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    /** Every peer's answers now; a peer that does not answer is left out (and named in {@code unanswered}). */
    List<PeerSnapshot> snapshots(List<String> unanswered) {
        List<PeerSnapshot> snapshots = new ArrayList<>();
        for (ChaosPeer peer : peers) {
            Optional<PeerSnapshot> snapshot = snapshot(peer);
            snapshot.ifPresentOrElse(snapshots::add, () -> unanswered.add(peer.name));
        }
        return snapshots;
    }

    Optional<PeerSnapshot> snapshot(ChaosPeer peer) {
        Optional<JsonNode> status = get(peer, "/api/status");
        Optional<JsonNode> list = get(peer, "/api/searches");
        Optional<JsonNode> all = get(peer, "/api/strategies?status=all&limit=1000");
        if (status.isEmpty() || list.isEmpty() || all.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> details = new ArrayList<>();
        for (JsonNode s : list.get().path("searches")) {
            Optional<JsonNode> detail = get(peer, "/api/searches/" + s.path("id").asText());
            if (detail.isEmpty()) {
                return Optional.empty();
            }
            details.add(detail.get());
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        for (String st : PeerSnapshot.counts(status.get().path("work").path("strategies")).keySet()) {
            Optional<JsonNode> listed = get(peer, "/api/strategies?status=" + st.toLowerCase() + "&limit=1");
            if (listed.isEmpty()) {
                return Optional.empty();
            }
            totals.put(st, listed.get().path("total").asLong());
        }
        return Optional.of(PeerSnapshot.parse(peer.name, status.get(), details, totals, all.get()));
    }

    /** Stops every peer with SIGTERM (as Ctrl-C), so that each leaves and closes its ledger. */
    void stopAll() throws InterruptedException {
        for (ChaosPeer peer : peers) {
            peer.terminate();
        }
    }

    /**
     * Opens each stopped peer's ledger and verifies it whole: {@link Ledger#open} checks every chain link and the
     * newest signature per origin; then every event's link and signature are checked again here one by one.
     */
    List<InvariantChecker.LedgerAudit> auditLedgers() {
        List<InvariantChecker.LedgerAudit> audits = new ArrayList<>();
        for (ChaosPeer peer : peers) {
            audits.add(audit(peer.name, peer.dataDir));
        }
        return audits;
    }

    static InvariantChecker.LedgerAudit audit(String name, Path dataDir) {
        Map<String, List<String>> chains = new TreeMap<>();
        try (Ledger ledger = Ledger.open(dataDir.resolve("ledger"), PeerIdentity.load(dataDir.resolve(PeerIdentity.FILE_NAME)))) {
            VersionVector vector = ledger.versionVector();
            for (Map.Entry<PeerId, Long> head : vector.entries().entrySet()) {
                List<String> chain = new ArrayList<>();
                chains.put(head.getKey().hex(), chain);
                PublicKey key = null;
                Event previous = null;
                for (long seq = 1; seq <= head.getValue(); seq++) {
                    Optional<Event> event = ledger.event(head.getKey(), seq);
                    if (event.isEmpty()) {
                        return new InvariantChecker.LedgerAudit(name, Optional.of("event " + seq + " of "
                                + head.getKey().shortHex() + " is missing below its head " + head.getValue()), chains);
                    }
                    if (event.get().payload() instanceof PeerAnnounced announced && key == null) {
                        key = announced.verifyingKey();
                    }
                    if (previous != null && !event.get().previous().equals(previous.hash())) {
                        return new InvariantChecker.LedgerAudit(name, Optional.of("event " + seq + " of "
                                + head.getKey().shortHex() + " does not chain onto event " + (seq - 1)), chains);
                    }
                    if (key != null && !event.get().signedBy(key)) {
                        return new InvariantChecker.LedgerAudit(name, Optional.of("event " + seq + " of "
                                + head.getKey().shortHex() + " has a bad signature"), chains);
                    }
                    chain.add(event.get().hash().hex());
                    previous = event.get();
                }
                if (key == null) {
                    return new InvariantChecker.LedgerAudit(name, Optional.of("origin " + head.getKey().shortHex()
                            + " has events but no announcement with its key"), chains);
                }
            }
            return new InvariantChecker.LedgerAudit(name, Optional.empty(), chains);
        } catch (IOException | RuntimeException e) { // LedgerCorruptedException among them
            return new InvariantChecker.LedgerAudit(name, Optional.of("does not open: " + e), Map.of());
        }
    }

    /** Fills the tmpfs of the peer's data dir to the last byte; the file to delete to free it. */
    Path fillDisk(ChaosPeer peer) throws IOException {
        if (!tmpfs) {
            throw new IllegalStateException("the cluster's data dirs are not on tmpfs mounts");
        }
        return HostCommands.fillUntilFull(peer.dataDir.resolveSibling("filler"));
    }

    Path root() {
        return root;
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        if (!awaitQuietly(timeout, condition)) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
        }
    }

    /** Polls {@code condition} every 100 ms until it holds (true) or {@code timeout} passed (false). */
    static boolean awaitQuietly(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        return true;
    }

    static String tail(String text, int chars) {
        return text.length() <= chars ? text : "…" + text.substring(text.length() - chars);
    }

    @Override
    public void close() throws InterruptedException {
        closeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void closeQuietly() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        events.close();
        for (ChaosPeer peer : peers) {
            peer.destroy();
        }
        for (Path mount : mounts) {
            Optional<String> failed = ChaosNetwork.command(List.of("umount", mount.toString()));
            if (failed.isPresent()) {
                ChaosNetwork.command(List.of("umount", "-l", mount.toString()));
            }
        }
        network.close();
        RuntimeTestSupport.deleteTree(root);
    }

    /** Keeps the peers' outputs and logs (for a failed run) under {@code target/chaos/<label>} before cleanup. */
    void keepLogs(Path into) {
        try {
            Files.createDirectories(into);
            for (ChaosPeer peer : peers) {
                if (Files.exists(peer.output)) {
                    Files.copy(peer.output, into.resolve(peer.name + ".out"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Path log = peer.dataDir.resolve("logs").resolve("peer.log");
                if (Files.exists(log)) {
                    Files.copy(log, into.resolve(peer.name + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.out.println("chaos: could not keep the logs: " + e.getMessage());
        }
    }

    static void pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
