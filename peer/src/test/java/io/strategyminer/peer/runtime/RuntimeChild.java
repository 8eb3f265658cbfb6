package io.strategyminer.peer.runtime;

import io.strategyminer.peer.TestSearches;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A peer in its own JVM for {@link MultiProcessFailoverTest} and {@link NetworkNamespaceTest}:
 * {@code RuntimeChild NAME DATA_DIR PORT SEED_PORTS|- fast|default [BIND]} (seed ports on 127.0.0.1, or "-" for
 * none: UDP multicast discovery; failure-detection timings; bind address, 127.0.0.1 by default),
 * secret in {@code SM_TEST_CLUSTER_SECRET}. Reads {@code SUBMIT id population generations units seed} lines on
 * stdin; prints {@code READY peer-id}, {@code VIEW size coordinator}, {@code GRANTED epoch wall-millis search unit}
 * for each lease it grants, {@code HOLDS_CHECKPOINTED search unit} once it has checkpointed a unit it holds,
 * {@code SEES_CHECKPOINT search unit origin-peer-id} once its ledger holds another peer's checkpoint of a unit, and
 * {@code DONE search digest,digest,… resumed=N} when a search is done in its ledger (N: units this peer
 * resumed from another run's checkpoint).
 */
public final class RuntimeChild {
    /** The timings of the in-JVM tests: a killed peer is excluded within about 2 s. */
    static final ClusterConfig.Timings FAST = new ClusterConfig.Timings(Duration.ofSeconds(2),
            Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2));

    private RuntimeChild() {
    }

    public static void main(String[] args) throws Exception {
        List<SeedAddress> seeds = args[3].equals("-") ? List.of() : Arrays.stream(args[3].split(","))
                .map(p -> new SeedAddress("127.0.0.1", Integer.parseInt(p))).toList();
        InetAddress bind = args.length > 5 ? InetAddress.getByName(args[5]) : LoopbackTestSupport.LOOPBACK;
        PeerSettings settings = new PeerSettings(args[0], Path.of(args[1]), Optional.of(bind),
                Integer.parseInt(args[2]), seeds, ClusterSecret.decode(System.getenv("SM_TEST_CLUSTER_SECRET")), 1,
                Duration.ofMillis(150), args[4].equals("fast") ? FAST : ClusterConfig.Timings.DEFAULT, Optional.of(MachineId.fromSystemId("multi-process-test")));
        PeerRuntime peer = PeerRuntime.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(peer::close));
        peer.ledger().subscribe((event, local) -> {
            if (local && event.payload() instanceof LeaseGranted lease) {
                say("GRANTED " + lease.epoch() + " " + System.currentTimeMillis() + " " + lease.searchId() + " " + lease.unit());
            }
        });
        Thread commands = new Thread(() -> readCommands(peer), "commands");
        commands.setDaemon(true);
        commands.start();
        say("READY " + peer.peerId().hex());

        String view = "";
        Set<String> reported = new HashSet<>();
        while (true) {
            String now = "VIEW " + peer.view().size() + " " + peer.view().coordinator().name();
            if (!now.equals(view)) {
                view = now;
                say(now);
            }
            for (SearchView search : peer.read(state -> state.searches())) {
                for (UnitView unit : search.units()) {
                    if (holdsWithCheckpoint(unit, peer) && reported.add("held " + search.id())) {
                        say("HOLDS_CHECKPOINTED " + search.id() + " " + unit.unit());
                    }
                    Optional<String> author = unit.latestCheckpoint().map(c -> c.saved().origin().hex())
                            .filter(origin -> !origin.equals(peer.peerId().hex()));
                    if (author.isPresent() && reported.add("seen " + search.id() + " " + unit.unit() + " " + author.get())) {
                        say("SEES_CHECKPOINT " + search.id() + " " + unit.unit() + " " + author.get());
                    }
                }
                if (search.status() == SearchStatus.DONE && reported.add("done " + search.id())) {
                    say("DONE " + search.id() + " " + search.units().stream()
                            .map(u -> peer.read(state -> state.strategy(u.canonical().orElseThrow()).orElseThrow())
                                    .report().digest().hex())
                            .collect(Collectors.joining(",")) + " resumed=" + peer.unitsResumed());
                }
            }
            Thread.sleep(50);
        }
    }

    static boolean holdsWithCheckpoint(UnitView unit, PeerRuntime peer) {
        boolean holds = unit.currentLease().map(l -> l.lease().holder().equals(peer.peerId())).orElse(false);
        boolean checkpointed = unit.latestCheckpoint().map(c -> c.saved().origin().equals(peer.peerId())).orElse(false);
        return holds && checkpointed && unit.reports().isEmpty();
    }

    /** The searches of the multi-process tests: bundled BTC 5m, quorum 2, same-machine votes allowed. */
    static SearchSubmitted search(String id, int population, int generations, int units, long seed) {
        return TestSearches.search(id, BundledDatasets.btcUsd5m().id(), population, generations, units, 2, seed);
    }

    private static void readCommands(PeerRuntime peer) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                if (f[0].equals("SUBMIT")) {
                    peer.submit(search(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                            Long.parseLong(f[5])));
                }
            }
        } catch (java.io.IOException e) {
            say("stdin failed: " + e);
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
