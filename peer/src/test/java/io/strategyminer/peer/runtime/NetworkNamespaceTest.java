package io.strategyminer.peer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.peer.HostCommands;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.Privileged;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LAN mode between two "machines": two network namespaces joined by a veth pair (a virtual cable), one peer
 * JVM in each, bound to its namespace's address, no seeds. They find each other by UDP multicast on the
 * default group, as on a home LAN, and run a search together. Needs root and {@code ip netns}; skipped with
 * the reason otherwise. The namespaces (and with them the veth pair) are deleted after the test.
 */
class NetworkNamespaceTest {
    private static final long COMMAND_SECONDS = 10;
    private static final String SEARCH_ID = "netns-lan";

    private final List<ChildJvm> children = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private Path root;

    @AfterEach
    void cleanUp() throws Exception {
        for (ChildJvm child : children) {
            child.close();
        }
        for (String namespace : namespaces) {
            ip("netns", "del", namespace);
        }
        RuntimeTestSupport.deleteTree(root);
    }

    @Test
    void twoPeersInTheirOwnNetworkNamespacesFindEachOtherByMulticastAndAgree() throws Exception {
        String tag = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()); // names only
        int subnet = 1 + ThreadLocalRandom.current().nextInt(250);
        List<String> addresses = List.of("10.213." + subnet + ".1", "10.213." + subnet + ".2");
        Optional<String> whyNot = createLan(tag, addresses);
        Privileged.require("network namespaces on a bridge", whyNot);

        root = Files.createTempDirectory("sm-netns");
        ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
        int port = LoopbackTestSupport.freeBasePort(); // each namespace has its own ports: the same one for both
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ChildJvm child = ChildJvm.start(List.of("ip", "netns", "exec", namespaces.get(i)),
                    RuntimeChild.class.getName(), List.of("lan-" + i, root.resolve("lan-" + i).toString(),
                            String.valueOf(port), "-", "fast", addresses.get(i)),
                    Map.of("SM_TEST_CLUSTER_SECRET", secret.encoded()));
            children.add(child);
            ids.add(child.await(Pattern.compile("^READY (\\S+)$"), 60).group(1)); // in turn: lan-0 coordinates
        }
        for (ChildJvm child : children) {
            assertEquals(ids.get(0), child.await(Pattern.compile("^VIEW 2 (\\S+)$"), 60).group(1),
                    "both see a view of two found by multicast, lan-0 coordinating");
        }

        SearchSubmitted search = RuntimeChild.search(SEARCH_ID, 12, 4, 2, 3L);
        children.get(1).send("SUBMIT " + SEARCH_ID + " 12 4 2 3");
        String expected = PeerRuntimeClusterTest.oneMachineDigests(search).stream().map(Sha256::hex)
                .collect(Collectors.joining(","));
        Pattern done = Pattern.compile("^DONE " + SEARCH_ID + " (\\S+) resumed=\\d+$");
        for (ChildJvm child : children) {
            assertEquals(expected, child.await(done, 90).group(1), "canonical digests, as one machine computes them");
        }
    }

    /** Two namespaces joined by a veth pair, each end up with its address; empty if that worked, else why not. */
    private Optional<String> createLan(String tag, List<String> addresses) throws InterruptedException {
        List<String> ends = List.of("sm" + tag + "a", "sm" + tag + "b");
        for (String end : ends) {
            Optional<String> failed = ip("netns", "add", end);
            if (failed.isPresent()) {
                return failed;
            }
            namespaces.add(end);
        }
        List<List<String>> steps = new ArrayList<>();
        steps.add(List.of("link", "add", ends.get(0), "netns", ends.get(0), "type", "veth", "peer", "name", ends.get(1),
                "netns", ends.get(1)));
        for (int i = 0; i < 2; i++) {
            String ns = ends.get(i);
            steps.add(List.of("-n", ns, "addr", "add", addresses.get(i) + "/24", "dev", ends.get(i)));
            steps.add(List.of("-n", ns, "link", "set", ends.get(i), "up"));
            steps.add(List.of("-n", ns, "link", "set", "lo", "up"));
            steps.add(List.of("-n", ns, "route", "add", "224.0.0.0/4", "dev", ends.get(i)));
        }
        for (List<String> step : steps) {
            Optional<String> failed = ip(step.toArray(String[]::new));
            if (failed.isPresent()) {
                return failed;
            }
        }
        return Optional.empty();
    }

    /** Runs {@code ip args...} (bounded); empty if it succeeded, else the command and its output. */
    private static Optional<String> ip(String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        return HostCommands.run(command, COMMAND_SECONDS);
    }
}
