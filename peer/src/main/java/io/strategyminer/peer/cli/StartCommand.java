package io.strategyminer.peer.cli;

import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.JoinToken;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.runtime.PeerRuntime;
import io.strategyminer.peer.runtime.PeerSettings;
import io.strategyminer.peer.runtime.SecretFile;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer start}: runs this machine's peer in the foreground until Ctrl-C, which leaves the cluster
 * gracefully (its leases move to the others at once). The first start without {@code --join} creates the
 * cluster secret (kept in the data dir, owner-only) and every start without {@code --join} prints the join
 * token and the exact command for another machine.
 */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a peer in the foreground until Ctrl-C.",
                "Without --join: uses the cluster secret in the data dir, creating a new cluster on first start, and"
                        + " prints the join token and the command to run on another machine.",
                "With --join TOKEN: stores the token's cluster secret in the data dir and joins that cluster.",
                "LAN: peers find each other by UDP multicast. VPN (no multicast): give every peer the same --seeds"
                        + " and --bind its VPN address. Ports: --port (JGroups), --port+1 (sync), --port+2 (failure"
                        + " detection)."})
final class StartCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "N", description = "Name shown to the other peers (default: host name).")
    String name;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ClusterConfig.DEFAULT_PORT,
            description = "JGroups port; sync uses PORT+1, failure detection PORT+2 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--seeds", paramLabel = "HOST:PORT,...",
            description = "Members to contact over TCP (VPNs); without it, UDP multicast discovery on the LAN.")
    String seeds;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on and to give the others.")
    String bind;

    @Option(names = "--join", paramLabel = "TOKEN", description = "Join the cluster of this token (printed by its first peer).")
    String join;

    @Mixin
    ThreadsOption threads;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = dataDir.path();
        List<SeedAddress> seedList = seeds == null ? List.of() : SeedAddress.parseList(seeds);
        Optional<InetAddress> bindAddress = Optional.ofNullable(bind).map(StartCommand::address);
        ClusterSecret secret = secret(dir, out);
        PeerSettings settings = PeerSettings.defaults(name == null ? hostName() : name, dir, secret)
                .withNetwork(bindAddress, port, seedList).withThreads(threads.count());

        out.println("Starting peer '" + settings.name() + "' (data dir " + dir + "), measuring this machine's speed...");
        out.flush();
        PeerRuntime runtime = PeerRuntime.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "peer-shutdown"));

        out.printf("Peer %s running: id %s, cluster port %d, sync %s, %d worker slots, %,.0f backtests/s%n",
                settings.name(), runtime.peerId().hex(), port, runtime.syncEndpoint(), settings.threads(),
                runtime.announcedBacktestsPerSecond());
        out.printf("Cluster view: %d member(s), coordinator %s%n", runtime.view().size(), runtime.view().coordinator().name());
        if (join == null) {
            printJoinInstructions(out, secret, runtime, seedList);
        }
        out.println("Press Ctrl-C to leave the cluster and stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ClusterSecret secret(Path dir, PrintWriter out) {
        try {
            if (join != null) {
                JoinToken token = JoinToken.decode(join);
                SecretFile.store(dir, token.secret());
                return token.secret();
            }
            Optional<ClusterSecret> stored = SecretFile.load(dir);
            if (stored.isPresent()) {
                return stored.get();
            }
            ClusterSecret created = ClusterSecret.generate(new SecureRandom());
            SecretFile.store(dir, created);
            out.println("Created a new cluster: its secret is in " + SecretFile.in(dir) + " (readable by you only).");
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the cluster secret in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void printJoinInstructions(PrintWriter out, ClusterSecret secret, PeerRuntime runtime, List<SeedAddress> seedList) {
        SeedAddress self = new SeedAddress(runtime.syncEndpoint().host(), port);
        JoinToken token = new JoinToken(secret, List.of(self));
        out.println();
        out.println("Join token (it contains the cluster secret: share it only with your machines):");
        out.println("  " + token.encode());
        out.println("On another machine run:");
        StringBuilder command = new StringBuilder("  java -jar peer.jar start --join ").append(token.encode());
        if (!seedList.isEmpty()) {
            List<SeedAddress> joinerSeeds = new ArrayList<>(seedList);
            if (!joinerSeeds.contains(self)) {
                joinerSeeds.add(0, self);
            }
            command.append(" --seeds ").append(SeedAddress.formatList(joinerSeeds)).append(" --bind <its VPN address>");
        }
        out.println(command);
        out.println();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + text + ": unknown address", e);
        }
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host.length() > 64 ? host.substring(0, 64) : host;
        } catch (UnknownHostException e) {
            return "peer";
        }
    }
}
