package io.strategyminer.peer.chaos;

import io.strategyminer.peer.HostCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A LAN of {@code size} "machines" on one Linux bridge, and the faults of its cables (root and {@code ip netns}).
 *
 * <ul>
 *   <li>a hub namespace holds the bridges {@code br0…br3} (multicast snooping off: every port gets the multicast,
 *       as on a home switch); {@code br0} is the LAN, the others are where partitions put peers;</li>
 *   <li>peer {@code i} has its own namespace with a veth pair into the hub ({@code 10.A.B.(i+1)/24}, the route for
 *       224.0.0.0/4 on it, so that JGroups' multicast discovery works as on a LAN) and its own
 *       {@code /etc/machine-id} ({@code /etc/netns/NS/machine-id}, which {@code ip netns exec} mounts over
 *       {@code /etc/machine-id}), so that every peer announces its own machine id;</li>
 *   <li>a second veth pair joins each peer namespace to the test's namespace ({@code 10.A.C.(4i+1)} here,
 *       {@code 10.A.C.(4i+2)} there): the management link that the peer's HTTP API listens on, never cut, so the
 *       harness reads every peer during a partition.</li>
 * </ul>
 * A partition moves the hub-side ends of the data veths between bridges ({@code ip link set X master brK}); packet
 * loss is an nftables rule in the peer's namespace ({@code numgen random mod 100 < P drop}, both directions).
 * {@link #close} deletes the namespaces (their veths and bridges go with them) and the machine-id files.
 */
final class ChaosNetwork implements AutoCloseable {
    private static final long COMMAND_SECONDS = 15;
    private static final int BRIDGES = 4;

    private final String tag;
    private final int size;
    private final int dataSubnet;
    private final int managementSubnet;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Path> etcDirs = new ArrayList<>();
    private boolean nftables;

    private ChaosNetwork(int size) {
        this.tag = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt()); // names only
        this.size = size;
        int b = 16 + ThreadLocalRandom.current().nextInt(100) * 2;
        this.dataSubnet = b;
        this.managementSubnet = b + 1;
    }

    /** Creates the LAN; on failure everything created is removed and {@code whyNot} says what failed. */
    static ChaosNetwork create(int size, StringBuilder whyNot) throws InterruptedException {
        ChaosNetwork network = new ChaosNetwork(size);
        Optional<String> failed = network.build();
        if (failed.isPresent()) {
            network.close();
            whyNot.append(failed.get());
            return null;
        }
        return network;
    }

    String hub() {
        return "smx" + tag + "h";
    }

    String namespace(int peer) {
        return "smx" + tag + "p" + peer;
    }

    /** The peer's LAN address (JGroups binds it). */
    String dataAddress(int peer) {
        return "10.213." + dataSubnet + "." + (peer + 1);
    }

    /** The peer's end of its management link (its HTTP API listens there). */
    String managementAddress(int peer) {
        return "10.213." + managementSubnet + "." + (4 * peer + 2);
    }

    private String hostEnd(int peer) {
        return "smx" + tag + "h" + peer;
    }

    private String peerEnd(int peer) {
        return "smx" + tag + "d" + peer;
    }

    private Optional<String> build() throws InterruptedException {
        List<List<String>> steps = new ArrayList<>();
        steps.add(List.of("ip", "netns", "add", hub()));
        namespaces.add(hub());
        steps.add(List.of("ip", "-n", hub(), "link", "set", "lo", "up"));
        for (int b = 0; b < BRIDGES; b++) {
            steps.add(List.of("ip", "-n", hub(), "link", "add", "br" + b, "type", "bridge", "mcast_snooping", "0"));
            steps.add(List.of("ip", "-n", hub(), "link", "set", "br" + b, "up"));
        }
        for (Optional<String> failed : run(steps)) {
            return failed;
        }
        for (int i = 0; i < size; i++) {
            String ns = namespace(i);
            Path etc = Path.of("/etc/netns", ns);
            try {
                Files.createDirectories(etc);
                etcDirs.add(etc);
                byte[] id = new byte[16];
                ThreadLocalRandom.current().nextBytes(id);
                Files.writeString(etc.resolve("machine-id"), HexFormat.of().formatHex(id) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Optional.of("cannot write " + etc + "/machine-id: " + e.getMessage());
            }
            steps.clear();
            steps.add(List.of("ip", "netns", "add", ns));
            namespaces.add(ns);
            steps.add(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
            steps.add(List.of("ip", "link", "add", peerEnd(i), "netns", ns, "type", "veth", "peer", "name", hostEnd(i),
                    "netns", hub()));
            steps.add(List.of("ip", "-n", ns, "addr", "add", dataAddress(i) + "/24", "dev", peerEnd(i)));
            steps.add(List.of("ip", "-n", ns, "link", "set", peerEnd(i), "up"));
            steps.add(List.of("ip", "-n", ns, "route", "add", "224.0.0.0/4", "dev", peerEnd(i)));
            steps.add(List.of("ip", "-n", hub(), "link", "set", hostEnd(i), "master", "br0"));
            steps.add(List.of("ip", "-n", hub(), "link", "set", hostEnd(i), "up"));
            String mgmtHere = "smx" + tag + "m" + i;
            String mgmtThere = "smx" + tag + "n" + i;
            steps.add(List.of("ip", "link", "add", mgmtHere, "type", "veth", "peer", "name", mgmtThere, "netns", ns));
            steps.add(List.of("ip", "addr", "add", "10.213." + managementSubnet + "." + (4 * i + 1) + "/30", "dev",
                    mgmtHere));
            steps.add(List.of("ip", "link", "set", mgmtHere, "up"));
            steps.add(List.of("ip", "-n", ns, "addr", "add", managementAddress(i) + "/30", "dev", mgmtThere));
            steps.add(List.of("ip", "-n", ns, "link", "set", mgmtThere, "up"));
            for (Optional<String> failed : run(steps)) {
                return failed;
            }
        }
        nftables = command(List.of("ip", "netns", "exec", namespace(0), "nft", "list", "tables")).isEmpty();
        return Optional.empty();
    }

    /** Whether packet loss can be made here ({@code nft} runs in a peer's namespace). */
    boolean hasNftables() {
        return nftables;
    }

    /** Puts the peers in groups: group k on bridge k (k < 4); every peer not named stays on br0. */
    void partition(List<List<Integer>> groups) throws InterruptedException {
        for (int g = 0; g < groups.size(); g++) {
            for (int peer : groups.get(g)) {
                require(List.of("ip", "-n", hub(), "link", "set", hostEnd(peer), "master", "br" + g));
            }
        }
    }

    /** Every peer back on br0. */
    void heal() throws InterruptedException {
        for (int i = 0; i < size; i++) {
            require(List.of("ip", "-n", hub(), "link", "set", hostEnd(i), "master", "br0"));
        }
    }

    /** Drops {@code percent} % of the peer's packets, in and out, at random (nftables). */
    void loss(int peer, int percent) throws InterruptedException {
        String ns = namespace(peer);
        require(List.of("ip", "netns", "exec", ns, "nft", "add", "table", "inet", "chaos"));
        for (String hook : List.of("input", "output")) {
            require(List.of("ip", "netns", "exec", ns, "nft", "add", "chain", "inet", "chaos", hook,
                    "{ type filter hook " + hook + " priority 0; }"));
            // the management link (HTTP to the harness) is spared: only the LAN loses packets
            require(List.of("ip", "netns", "exec", ns, "nft", "add", "rule", "inet", "chaos", hook,
                    hook.equals("input") ? "iifname" : "oifname", peerEnd(peer), "numgen", "random", "mod", "100", "<",
                    String.valueOf(percent), "drop"));
        }
    }

    void clearLoss(int peer) throws InterruptedException {
        command(List.of("ip", "netns", "exec", namespace(peer), "nft", "delete", "table", "inet", "chaos"));
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            command(List.of("ip", "netns", "del", namespaces.get(i)));
        }
        namespaces.clear();
        for (Path etc : etcDirs) {
            try {
                Files.deleteIfExists(etc.resolve("machine-id"));
                Files.deleteIfExists(etc);
            } catch (IOException e) {
                System.err.println("chaos: could not remove " + etc + ": " + e.getMessage());
            }
        }
        etcDirs.clear();
        try (var left = Files.list(Path.of("/etc/netns"))) {
            if (left.findAny().isEmpty()) {
                Files.deleteIfExists(Path.of("/etc/netns"));
            }
        } catch (IOException e) {
            // /etc/netns absent or in use by someone else: leave it
        }
    }

    private static List<Optional<String>> run(List<List<String>> steps) throws InterruptedException {
        for (List<String> step : steps) {
            Optional<String> failed = command(step);
            if (failed.isPresent()) {
                return List.of(failed);
            }
        }
        return List.of();
    }

    private static void require(List<String> command) throws InterruptedException {
        Optional<String> failed = command(command);
        if (failed.isPresent()) {
            throw new IllegalStateException(failed.get());
        }
    }

    /** Runs a command (bounded); empty if it succeeded, else the command and its output. */
    static Optional<String> command(List<String> command) throws InterruptedException {
        return HostCommands.run(command, COMMAND_SECONDS);
    }
}
