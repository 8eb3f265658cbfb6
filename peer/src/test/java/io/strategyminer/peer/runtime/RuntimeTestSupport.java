package io.strategyminer.peer.runtime;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Free loopback ports, bounded waits and temp-dir cleanup for the runtime and start-command tests. */
public final class RuntimeTestSupport {

    private RuntimeTestSupport() {
    }

    /**
     * Settings of a test peer on loopback for tests outside this package: one worker slot, a short calibration,
     * {@link PeerRuntimeClusterTest#FAST} failure detection, and the machine all test peers share
     * ({@link PeerRuntimeClusterTest#MACHINE}: searches must allow same-machine votes).
     *
     * @param seedPorts the cluster ports of every peer of the test cluster
     */
    public static PeerSettings loopbackPeer(String name, Path dataDir, int port, List<Integer> seedPorts,
                                            ClusterSecret secret) {
        List<SeedAddress> seeds = seedPorts.stream()
                .map(p -> new SeedAddress(LoopbackTestSupport.LOOPBACK.getHostAddress(), p)).toList();
        return new PeerSettings(name, dataDir, Optional.of(LoopbackTestSupport.LOOPBACK), port, seeds, secret, 1,
                Duration.ofMillis(150), PeerRuntimeClusterTest.FAST, Optional.of(PeerRuntimeClusterTest.MACHINE));
    }

    /**
     * The digests of {@code search}'s units mined on this machine alone with the miner, unit by unit: what the
     * cluster's canonical strategies must equal ({@link PeerRuntimeClusterTest#oneMachineDigests}).
     */
    public static List<Sha256> oneMachineDigests(SearchSubmitted search) {
        return PeerRuntimeClusterTest.oneMachineDigests(search);
    }

    /**
     * The value of one sample in Prometheus text, e.g. {@code name} or {@code name{label="x"}} (regex-escaped);
     * fails if the scrape lacks it.
     */
    public static double prometheusValue(String scrape, String sample) {
        Matcher m = Pattern.compile("(?m)^" + sample + " (\\S+)$").matcher(scrape);
        if (!m.find()) {
            throw new AssertionError(sample + " is not in the scrape");
        }
        return Double.parseDouble(m.group(1));
    }

    /** Waits until every peer sees all of them in its view and knows every one's announcement. */
    public static void awaitOneView(List<PeerRuntime> peers) {
        LoopbackTestSupport.await(Duration.ofSeconds(30), "all " + peers.size() + " peers in one view, each knowing the"
                + " others' announcements", () -> peers.stream().allMatch(p -> p.view().size() == peers.size()
                && p.read(s -> s.peers().size()) == peers.size()));
    }

    /** Stops the HTTP endpoints, then the peers (last started first), then deletes their data under {@code root}. */
    public static void stopAll(List<HttpEndpoint> endpoints, List<PeerRuntime> peers, Path root) {
        endpoints.forEach(HttpEndpoint::close);
        for (int i = peers.size() - 1; i >= 0; i--) {
            peers.get(i).close();
        }
        deleteTree(root);
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
