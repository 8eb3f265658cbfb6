package io.strategyminer.peer.cli;

import io.strategyminer.peer.cluster.JoinToken;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * How another machine joins this cluster, as {@code peer start} and {@code peer token} print it: the join token
 * (the cluster secret and this peer's address) and the exact command, with {@code --seeds} when this peer runs
 * with seeds (VPN/TCP mode; on a LAN peers find each other by multicast).
 *
 * @param secret the cluster secret
 * @param self   this peer's address and cluster port, as the others reach it
 * @param seeds  the {@code --seeds} this peer runs with; empty on a LAN
 */
record JoinInstructions(ClusterSecret secret, SeedAddress self, List<SeedAddress> seeds) {
    JoinInstructions {
        seeds = List.copyOf(seeds);
    }

    String token() {
        return new JoinToken(secret, List.of(self)).encode();
    }

    /** The command to run on another machine: the launcher next to its peer.jar, which keeps the peer's memory bounded. */
    String command() {
        StringBuilder command = new StringBuilder("peer start --join ").append(token());
        if (!seeds.isEmpty()) {
            List<SeedAddress> joinerSeeds = new ArrayList<>(seeds);
            if (!joinerSeeds.contains(self)) {
                joinerSeeds.add(0, self);
            }
            command.append(" --seeds ").append(SeedAddress.formatList(joinerSeeds)).append(" --bind <its VPN address>");
        }
        return command.toString();
    }

    /** The token for {@code Authorization: Bearer} and {@code --token}: changes through the HTTP API from other machines. */
    String httpToken() {
        return HttpEndpoint.token(secret);
    }

    void print(PrintWriter out) {
        out.println();
        out.println("Join token (it contains the cluster secret: share it only with your machines):");
        out.println("  " + token());
        out.println("On another machine run (peer: the launcher next to peer.jar, peer.cmd on Windows):");
        out.println("  " + command());
        out.println();
    }
}
