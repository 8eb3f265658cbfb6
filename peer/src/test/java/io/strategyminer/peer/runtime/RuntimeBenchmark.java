package io.strategyminer.peer.runtime;

import io.strategyminer.peer.TestSearches;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.ledger.LedgerListener;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The network figures measured through whole runtimes (real JGroups over loopback TCP, RocksDB, Netty
 * sync, miner), printed, never asserted on:
 * <ul>
 *   <li>event propagation: events appended on one of three peers, time until each of the two others has
 *       stored them (p50 / p99);</li>
 *   <li>catch-up: a peer that was away while another appended events rejoins; events per second until its
 *       ledger holds them all;</li>
 *   <li>work share against capacity share with unequal thread counts (2 vs 1 worker threads).</li>
 * </ul>
 * Run with {@code mvn -Dsm.target=target-net -pl peer -am test -Dtest=RuntimeBenchmark -Dsm.excludedGroups=
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class RuntimeBenchmark {
    private static final int PROPAGATION_EVENTS = 1_000;
    private static final int CATCH_UP_EVENTS = 50_000;

    private final List<PeerRuntime> peers = new ArrayList<>();
    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private final List<Integer> ports = new ArrayList<>();
    private Path root;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createTempDirectory("sm-runtime-benchmark");
    }

    @AfterEach
    void stopAll() {
        peers.forEach(PeerRuntime::close);
        RuntimeTestSupport.deleteTree(root);
    }

    /** Starts peers 0..n-1 in turn (peer 0 coordinates), all seeded with each other, and waits for the view. */
    private void startPeers(List<Integer> threads, Duration calibration) {
        for (int i = 0; i < threads.size(); i++) {
            ports.add(LoopbackTestSupport.freeBasePort());
        }
        for (int i = 0; i < threads.size(); i++) {
            peers.add(PeerRuntime.start(settings(i, ports.get(i), threads.get(i), calibration)));
        }
        await(Duration.ofSeconds(30), "every peer sees the whole view",
                () -> peers.stream().allMatch(p -> p.view().size() == threads.size()));
        await(Duration.ofSeconds(30), "every peer knows every announcement",
                () -> peers.stream().allMatch(p -> p.read(state -> state.peers().size()) == threads.size()));
    }

    private PeerSettings settings(int index, int port, int threads, Duration calibration) {
        return RuntimeTestSupport.loopbackPeer("bench-" + index, root.resolve("bench-" + index), port, ports, secret)
                .withThreads(threads).withCalibration(calibration);
    }

    /** An event the peer may append any number of times: its own announcement again, unchanged. */
    private static PeerAnnounced reannouncement(PeerRuntime peer) {
        return peer.read(state -> state.peer(peer.peerId()).orElseThrow().announced());
    }

    @Test
    void eventPropagationAcrossThreePeers() {
        startPeers(List.of(1, 1, 1), Duration.ZERO);
        PeerRuntime origin = peers.get(0);
        PeerAnnounced event = reannouncement(origin);
        // times are taken where each ledger stores an event: at the origin on append, elsewhere on apply
        List<Map<Long, Long>> storedAt = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
        List<LedgerListener.Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<Long, Long> times = storedAt.get(i);
            subscriptions.add(peers.get(i).ledger().subscribe((stored, local) -> {
                if (stored.origin().equals(origin.peerId())) {
                    times.put(stored.sequence(), System.nanoTime());
                }
            }));
        }
        for (int i = 0; i < PROPAGATION_EVENTS; i++) {
            origin.ledger().append(event);
            LockSupport.parkNanos(5_000_000); // a steady trickle, as peers append in practice: latency, not a burst's queue
        }
        await(Duration.ofSeconds(60), "both others hold all " + PROPAGATION_EVENTS + " events",
                () -> storedAt.get(1).size() == PROPAGATION_EVENTS && storedAt.get(2).size() == PROPAGATION_EVENTS);
        subscriptions.forEach(LedgerListener.Subscription::close);

        long[] latencies = new long[2 * PROPAGATION_EVENTS];
        int n = 0;
        for (Map<Long, Long> remote : storedAt.subList(1, 3)) {
            for (Map.Entry<Long, Long> arrival : remote.entrySet()) {
                latencies[n++] = arrival.getValue() - storedAt.get(0).get(arrival.getKey());
            }
        }
        Arrays.sort(latencies);
        System.out.printf("runtime propagation: %,d events from one peer to 2 others, p50 %.2f ms, p90 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms (load average %.1f on %d cores)%n", PROPAGATION_EVENTS,
                latencies[n / 2] / 1e6, latencies[(int) (n * 0.9)] / 1e6, latencies[(int) (n * 0.99)] / 1e6,
                latencies[n - 1] / 1e6, loadAverage(), Runtime.getRuntime().availableProcessors());
        assertEquals(origin.ledger().versionVector(), peers.get(1).ledger().versionVector());
    }

    @Test
    void catchUpOfARejoiningPeer() {
        startPeers(List.of(1, 1), Duration.ZERO);
        PeerRuntime stayer = peers.get(0);
        PeerRuntime leaver = peers.get(1);
        long held = leaver.ledger().stats().events();
        leaver.close();
        await(Duration.ofSeconds(15), "the stayer is alone", () -> stayer.view().size() == 1);
        PeerAnnounced event = reannouncement(stayer);
        for (int i = 0; i < CATCH_UP_EVENTS; i++) {
            stayer.ledger().append(event);
        }
        long behind = stayer.ledger().stats().events() - held;

        long startedAt = System.nanoTime();
        PeerRuntime back = PeerRuntime.start(settings(1, LoopbackTestSupport.freeBasePort(), 1, Duration.ZERO));
        peers.set(1, back);
        long connectedAt = System.nanoTime();
        await(Duration.ofSeconds(120), "the rejoined peer holds every event of the stayer",
                () -> back.ledger().versionVector().dominates(stayer.ledger().versionVector()));
        long caughtUpAt = System.nanoTime();
        double fromConnect = (caughtUpAt - connectedAt) / 1e9;
        double fromStart = (caughtUpAt - startedAt) / 1e9;
        System.out.printf("runtime catch-up: %,d events missed; caught up %.2f s after connecting (%,.0f events/s),"
                        + " %.2f s after start() was called (%,.0f events/s) (load average %.1f on %d cores)%n",
                behind, fromConnect, behind / fromConnect, fromStart, behind / fromStart, loadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    @Test
    void workShareAgainstCapacityShareWithTwoAndOneThreads() {
        startPeers(List.of(2, 1), Duration.ofSeconds(2));
        // many units of ~40,000 backtests (about a second on one slot), one report each suffices (quorum 1)
        SearchSubmitted search = TestSearches.search("bench-share", BundledDatasets.btcUsd5m().id(), 40, 1_000, 40, 1,
                5L);
        long submittedAt = System.nanoTime();
        peers.get(1).submit(search);
        await(Duration.ofMinutes(10), "the search is DONE on both peers", () -> peers.stream().allMatch(p -> p.read(
                state -> state.search(search.searchId()).map(s -> s.status() == SearchStatus.DONE).orElse(false))));
        double seconds = (System.nanoTime() - submittedAt) / 1e9;

        double capacity = peers.stream().mapToDouble(PeerRuntime::announcedBacktestsPerSecond).sum();
        long backtests = peers.stream().mapToLong(PeerRuntime::backtestsRun).sum();
        List<UnitView> units = peers.get(0).read(state -> state.search(search.searchId()).orElseThrow().units());
        System.out.printf("work share: %d units of %d x %d in %.1f s (load average %.1f on %d cores)%n",
                search.spec().workUnits(), search.spec().population(), search.spec().generations(), seconds, loadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (PeerRuntime peer : peers) {
            PeerId id = peer.peerId();
            long won = units.stream().filter(u -> peer.read(state -> state.strategy(u.canonical().orElseThrow())
                    .orElseThrow().id().reporter().equals(id))).count();
            System.out.printf("  %s: %d threads, announced %,.0f backtests/s = capacity share %.1f %%;"
                            + " backtests run %,d = %.1f %%; reports appended %d, canonical units %d = %.1f %%%n",
                    peer.settings().name(), peer.settings().threads(), peer.announcedBacktestsPerSecond(),
                    100 * peer.announcedBacktestsPerSecond() / capacity, peer.backtestsRun(),
                    100.0 * peer.backtestsRun() / backtests, peer.reportsAppended(), won, 100.0 * won / search.spec().workUnits());
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
