package io.strategyminer.peer.cli;

import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.JoinToken;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.PeerRuntime;
import io.strategyminer.peer.runtime.PeerSettings;
import io.strategyminer.peer.runtime.SecretFile;
import io.strategyminer.peer.runtime.StartRefusedException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
                "A peer whose ledger is missing or corrupt does not start (it would fork its own history): restore the"
                        + " ledger, or start it with --rebuild-from-peers to recover its history from the cluster.",
                "LAN: peers find each other by UDP multicast. VPN (no multicast): give every peer the same --seeds"
                        + " and --bind its VPN address. Ports: --port (JGroups), --port+1 (sync), --port+2 (failure"
                        + " detection)."})
final class StartCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);

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

    @Option(names = "--http", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Serve the HTTP API and event stream here (default: ${DEFAULT-VALUE}; port 0: any free"
                    + " port). POSTs from other machines need the printed token.")
    String http;

    @Option(names = "--no-http", description = "Do not serve the HTTP API.")
    boolean noHttp;

    @Option(names = "--rebuild-from-peers", description = "This peer's ledger is missing or corrupt: set it aside (never"
            + " deleted: ledger.broken-<time>), get this peer's own history back from the other peers (waits up to"
            + " 2 minutes for them), then continue its chain.")
    boolean rebuildFromPeers;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = dataDir.path();
        List<SeedAddress> seedList = seeds == null ? List.of() : SeedAddress.parseList(seeds);
        Optional<InetAddress> bindAddress = Optional.ofNullable(bind).map(StartCommand::address);
        ClusterSecret secret = secret(dir, out);
        PeerSettings settings = PeerSettings.defaults(name == null ? hostName() : name, dir, secret)
                .withNetwork(bindAddress, port, seedList).withThreads(threads.count());
        if (rebuildFromPeers) {
            settings = settings.withRebuildFromPeers(PeerSettings.REBUILD_WAIT);
        }

        out.println("Starting peer '" + settings.name() + "' (data dir " + dir + "), measuring this machine's speed...");
        out.flush();
        PeerRuntime runtime = start(settings);
        runtime.recoveredThrough().ifPresent(through -> out.printf("Recovered this peer's history from its peers: its"
                + " chain continues after event %,d.%s%n", through, runtime.ledgerSetAside()
                .map(aside -> " The damaged ledger is kept in " + aside + ".").orElse("")));
        Optional<HttpEndpoint> endpoint = startHttp(runtime);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.ifPresent(HttpEndpoint::close); // the API reads the runtime: it goes first
            runtime.close();
            stopped.countDown();
        }, "peer-shutdown"));

        out.printf("Peer %s running: id %s, cluster port %d, sync %s, %d worker slots, %,.0f backtests/s%n",
                settings.name(), runtime.peerId().hex(), port, runtime.syncEndpoint(), settings.threads(),
                runtime.announcedBacktestsPerSecond());
        out.printf("Cluster view: %d member(s), coordinator %s%n", runtime.view().size(), runtime.view().coordinator().name());
        endpoint.ifPresent(e -> printHttp(out, e, secret));
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

    /** Starts the runtime; a refusal (a missing or corrupt ledger, a full disk) is one line, its trace on debug. */
    private static PeerRuntime start(PeerSettings settings) {
        try {
            return PeerRuntime.start(settings);
        } catch (StartRefusedException e) {
            LOG.debug("start refused", e);
            throw new CommandException(e.getMessage(), 1, e);
        }
    }

    /** Starts the HTTP API unless {@code --no-http}; if it cannot, the runtime is closed and the start fails. */
    private Optional<HttpEndpoint> startHttp(PeerRuntime runtime) {
        if (noHttp) {
            return Optional.empty();
        }
        try {
            int colon = http.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--http " + http + ": expected HOST:PORT, e.g. 127.0.0.1:8080");
            }
            int httpPort = httpPort(http.substring(colon + 1));
            return Optional.of(HttpEndpoint.start(runtime, http.substring(0, colon), httpPort));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private int httpPort(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("--http " + http + ": the port is outside 0..65535");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http " + http + ": the port '" + text + "' is not a number", e);
        }
    }

    private static void printHttp(PrintWriter out, HttpEndpoint endpoint, ClusterSecret secret) {
        String host = endpoint.address().getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        out.printf("HTTP API on http://%s:%d/api/status (GET open; POSTs from other machines need the header"
                + " 'Authorization: Bearer %s')%n", host, endpoint.address().getPort(), HttpEndpoint.token(secret));
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
