package io.strategyminer.peer.cli;

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

    @Mixin
    NetworkOptions network;

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
        LogFile.start(dir); // written until the process ends
        List<SeedAddress> seedList = network.seedList();
        Optional<InetAddress> bindAddress = network.bindAddress();
        ClusterSecret secret = secret(dir, out);
        PeerSettings settings = PeerSettings.defaults(name == null ? hostName() : name, dir, secret)
                .withNetwork(bindAddress, network.port, seedList).withThreads(threads.count());
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

        out.printf("Peer %s running: id %s, cluster port %d, sync %s, %d worker slots, %s candle-steps/s (start-up"
                        + " probe; measured on the real work from the first generations on)%n",
                settings.name(), runtime.peerId().hex(), network.port, runtime.syncEndpoint(), settings.threads(),
                StatusCommand.steps(runtime.capacityCandleStepsPerSecond()));
        out.printf("Cluster view: %d member(s), coordinator %s%n", runtime.view().size(), runtime.view().coordinator().name());
        endpoint.ifPresent(e -> printHttp(out, e, secret));
        if (join == null) {
            printJoinInstructions(out, secret, runtime, seedList);
        } else {
            out.println("`peer token` prints the join token on this machine too, for the next one to join.");
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
        } catch (IllegalStateException e) {
            // a port taken, no interface to bind: one line naming the fix (the runtime's message), the trace on debug
            LOG.debug("start failed", e);
            throw new CommandException(e.getMessage() + " (`peer doctor` checks ports, addresses and seeds)", 1, e);
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
        } catch (IllegalStateException e) {
            runtime.close();
            throw new CommandException(e.getMessage(), 1, e); // the address cannot be served: one line naming the fix
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
            throw new UncheckedIOException("cannot read or write the cluster secret in " + dir + ": " + e.getMessage()
                    + "; the data dir must be this user's (or choose another --data-dir)", e);
        }
    }

    private void printJoinInstructions(PrintWriter out, ClusterSecret secret, PeerRuntime runtime, List<SeedAddress> seedList) {
        new JoinInstructions(secret, new SeedAddress(runtime.syncEndpoint().host(), network.port), seedList).print(out);
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
