package io.strategyminer.peer.cli;

import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.SeedAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a peer listens and how it finds the others: the options {@code peer start} runs with, and that
 * {@code peer token} and {@code peer doctor} take to speak of that same peer (one definition, so the three agree).
 */
final class NetworkOptions {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ClusterConfig.DEFAULT_PORT,
            description = "The peer's JGroups port; sync uses PORT+1, failure detection PORT+2 (default:"
                    + " ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--seeds", paramLabel = "HOST:PORT,...",
            description = "Members to contact over TCP (VPNs); without it, UDP multicast discovery on the LAN.")
    String seeds;

    @Option(names = "--bind", paramLabel = "ADDR", description = "The address the peer listens on and gives the others"
            + " (default: the LAN address JGroups picks).")
    String bind;

    List<SeedAddress> seedList() {
        return seeds == null ? List.of() : SeedAddress.parseList(seeds);
    }

    Optional<InetAddress> bindAddress() {
        if (bind == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bind));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + bind + ": unknown address; give an IP address of this"
                    + " machine (its LAN or VPN address)", e);
        }
    }
}
