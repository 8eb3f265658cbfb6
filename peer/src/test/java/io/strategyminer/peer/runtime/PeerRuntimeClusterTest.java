package io.strategyminer.peer.runtime;

import io.strategyminer.peer.TestSearches;
import io.strategyminer.peer.LoopbackTestSupport;
import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.miner.CancellationToken;
import io.strategyminer.miner.CheckpointSink;
import io.strategyminer.miner.ProgressListener;
import io.strategyminer.miner.WorkUnitRunner;
import io.strategyminer.miner.WorkUnitSpec;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three real peer runtimes in one JVM (real JGroups over loopback TCP with seeds, real RocksDB ledgers,
 * real Netty sync, real miner): a search submitted on one peer is leased, mined, verified and made
 * canonical, and every peer agrees with a one-machine run of the same units.
 */
class PeerRuntimeClusterTest {
    /** Failure detection scaled down, so a closed coordinator is replaced within a couple of seconds. */
    static final ClusterConfig.Timings FAST = new ClusterConfig.Timings(Duration.ofSeconds(2),
            Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2));
    /** All peers of the test share a machine: searches allow same-machine votes. */
    static final MachineId MACHINE = MachineId.fromSystemId("runtime-test-machine");
    private static final Dataset BTC = BundledDatasets.btcUsd5m();

    private final List<PeerRuntime> peers = new ArrayList<>();
    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private Path root;

    private PeerSettings settings(int index, int port, List<Integer> seedPorts) {
        List<SeedAddress> seeds = seedPorts.stream()
                .map(p -> new SeedAddress(LoopbackTestSupport.LOOPBACK.getHostAddress(), p)).toList();
        return new PeerSettings("peer-" + index, root.resolve("peer-" + index), Optional.of(LoopbackTestSupport.LOOPBACK),
                port, seeds, secret, 1, Duration.ofMillis(150), FAST, Optional.of(MACHINE));
    }

    @BeforeEach
    void startThreePeers() throws IOException {
        root = Files.createTempDirectory("sm-runtime");
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        for (int i = 0; i < ports.size(); i++) {
            peers.add(PeerRuntime.start(settings(i, ports.get(i), ports))); // in turn: peer-0 coordinates first
        }
        await(Duration.ofSeconds(20), "every peer sees a view of three",
                () -> peers.stream().allMatch(p -> p.view().size() == 3));
        await(Duration.ofSeconds(20), "every peer knows every announcement",
                () -> peers.stream().allMatch(p -> p.read(state -> state.peers().size()) == 3));
    }

    @AfterEach
    void stopAll() {
        for (PeerRuntime peer : peers) {
            peer.close();
        }
        RuntimeTestSupport.deleteTree(root);
    }

    private static SearchSubmitted search(String id, int population, int generations, int units) {
        return TestSearches.search(id, BTC.id(), population, generations, units, 2, 20_261_125L);
    }

    @Test
    void aSearchSubmittedOnOnePeerBecomesCanonicalEverywhereWithTheOneMachineDigests() {
        assertTrue(peers.get(0).isCoordinator(), "the first peer started coordinates");
        SearchSubmitted search = search("runtime-test", 12, 4, 2);
        peers.get(2).submit(search);

        awaitSearchDone(peers, search.searchId(), Duration.ofSeconds(60));

        List<Sha256> expected = oneMachineDigests(search);
        for (PeerRuntime peer : peers) {
            assertEquals(expected, canonicalDigests(peer, search), "canonical digests on " + peer.settings().name());
            for (int unit = 0; unit < search.spec().workUnits(); unit++) {
                StrategyView canonical = canonical(peer, search.searchId(), unit);
                // quorum 2: the reporter and at least one verifier on another peer reproduced the digest
                assertTrue(canonical.verifications().stream().anyMatch(v -> v.verification().digest().equals(
                        canonical.report().digest()) && !v.reported().origin().equals(canonical.id().reporter())),
                        "unit " + unit + " was verified by another peer: " + canonical.verifications());
            }
        }
        int reports = peers.stream().mapToInt(PeerRuntime::reportsAppended).sum();
        int verifications = peers.stream().mapToInt(PeerRuntime::verificationsAppended).sum();
        assertTrue(reports >= search.spec().workUnits() && verifications >= search.spec().workUnits(),
                "reports " + reports + ", verifications " + verifications);
    }

    @Test
    void whenTheCoordinatorLeavesMidUnitTheSurvivorsResumeFromItsCheckpointFinishAndAgree() {
        PeerRuntime coordinator = peers.get(0);
        assertTrue(coordinator.isCoordinator());
        // units of 400 generations: long enough that the coordinator is seen mid-unit however fast the machine is
        SearchSubmitted search = search("runtime-failover", 40, 400, 4);
        peers.get(2).submit(search);
        // as soon as the coordinator has checkpointed a unit it still holds, it goes away mid-unit
        await(Duration.ofSeconds(30), "the coordinator checkpoints a unit it holds", () -> coordinator.read(state ->
                state.search(search.searchId()).map(s -> s.units().stream().anyMatch(u -> holdsWithCheckpoint(
                        u, coordinator))).orElse(false)));
        coordinator.close();
        List<PeerRuntime> survivors = peers.subList(1, 3);
        await(Duration.ofSeconds(15), "the survivors install a view of two",
                () -> survivors.stream().allMatch(p -> p.view().size() == 2));
        assertTrue(survivors.get(0).isCoordinator(), "the next oldest peer coordinates");

        awaitSearchDone(survivors, search.searchId(), Duration.ofSeconds(60));

        assertTrue(survivors.stream().mapToInt(PeerRuntime::unitsResumed).sum() >= 1,
                "a survivor resumed the departed coordinator's unit from its gossiped checkpoint");
        List<Sha256> expected = oneMachineDigests(search); // resumed ≡ uninterrupted
        for (PeerRuntime survivor : survivors) {
            assertEquals(expected, canonicalDigests(survivor, search), "canonical digests on " + survivor.settings().name());
        }
    }

    /**
     * A peer that leaves right after saving a checkpoint can get the event out but not the blob. Here the
     * holder's latest checkpoint names a blob nobody has; the unit's new holder passes over it, resumes from the
     * newest one it can obtain, and the result is the same as an uninterrupted run.
     */
    @Test
    void aLatestCheckpointWhoseBlobNobodyHoldsIsPassedOverForAnOlderOne() {
        SearchSubmitted search = search("runtime-lost-blob", 40, 400, 1);
        peers.get(2).submit(search);
        List<PeerRuntime> holders = new ArrayList<>();
        await(Duration.ofSeconds(30), "a peer checkpoints the unit it holds", () -> {
            holders.clear();
            peers.stream().filter(p -> p.read(state -> state.search(search.searchId())
                    .map(s -> holdsWithCheckpoint(s.units().get(0), p)).orElse(false))).forEach(holders::add);
            return !holders.isEmpty();
        });
        PeerRuntime holder = holders.get(0);
        Sha256 lost = Sha256.of("a blob whose broadcast never got out".getBytes(StandardCharsets.UTF_8));
        holder.ledger().append(new CheckpointSaved(search.searchId(), 0, search.spec().generations() - 1, lost, 4096));
        holder.close();
        List<PeerRuntime> survivors = peers.stream().filter(p -> p != holder).toList();

        awaitSearchDone(survivors, search.searchId(), Duration.ofSeconds(90));

        assertTrue(survivors.stream().mapToInt(PeerRuntime::unitsResumed).sum() >= 1,
                "a survivor resumed from an older checkpoint instead of starting afresh");
        assertTrue(survivors.stream().noneMatch(p -> p.ledger().hasBlob(lost)), "nobody ever had the lost blob");
        List<Sha256> expected = oneMachineDigests(search);
        for (PeerRuntime survivor : survivors) {
            assertEquals(expected, canonicalDigests(survivor, search), "canonical digests on " + survivor.settings().name());
        }
    }

    /**
     * The third peer is away while the first two run the search's two units, so it never sees the first
     * peer's checkpoint blobs go by. The first peer leaves mid-unit; the second, still busy with its own unit,
     * is the only one holding those blobs. The third comes back, is given the orphaned unit, fetches the
     * latest checkpoint's blob by hash from the second over repair sync, and resumes from it.
     */
    @Test
    void aPeerAwayWhenACheckpointWasShippedFetchesItsBlobAndResumesFromIt() {
        PeerRuntime away = peers.get(2);
        away.close();
        PeerRuntime leaver = peers.get(0);
        PeerRuntime holder = peers.get(1);
        await(Duration.ofSeconds(15), "a view of two", () -> leaver.view().size() == 2 && holder.view().size() == 2);
        // Long units (600,000 backtests, many seconds on one slot): the holder must still be busy with its own
        // unit when the orphaned one is handed out, or it would take that unit itself (it holds the blob). The
        // third peer cannot come back before the first leaves: the first checkpoints every 5 generations, and a
        // peer in the view would get those blobs by broadcast.
        SearchSubmitted search = search("runtime-blob-repair", 100, 6_000, 2);
        holder.submit(search);
        await(Duration.ofSeconds(30), "the first peer checkpoints the unit it holds while the second runs the other",
                () -> holder.read(state -> state.search(search.searchId()).map(s -> s.units().stream()
                        .anyMatch(u -> holdsWithCheckpoint(u, leaver)) && s.units().stream()
                        .anyMatch(u -> u.currentLease().map(l -> l.lease().holder().equals(holder.peerId()))
                                .orElse(false))).orElse(false)));
        leaver.close();
        await(Duration.ofSeconds(15), "the second peer is alone", () -> holder.view().size() == 1);

        int newPort = LoopbackTestSupport.freeBasePort();
        PeerRuntime returning = PeerRuntime.start(settings(2, newPort, List.of(holder.settings().port(), newPort)));
        peers.set(2, returning);
        await(Duration.ofSeconds(60), "the returning peer fetches the orphaned unit's checkpoint and resumes from it",
                () -> returning.checkpointBlobsFetched() >= 1 && returning.unitsResumed() >= 1);

        awaitSearchDone(List.of(holder, returning), search.searchId(), Duration.ofSeconds(120));
        List<Sha256> expected = oneMachineDigests(search); // resumed ≡ uninterrupted
        assertEquals(expected, canonicalDigests(holder, search));
        assertEquals(expected, canonicalDigests(returning, search));
    }

    /** Whether {@code peer} holds the unit's current lease and has saved a checkpoint of it, not yet reported. */
    private static boolean holdsWithCheckpoint(UnitView unit, PeerRuntime peer) {
        boolean holds = unit.currentLease().map(l -> l.lease().holder().equals(peer.peerId())).orElse(false);
        boolean checkpointed = unit.latestCheckpoint().map(c -> c.saved().origin().equals(peer.peerId())).orElse(false);
        return holds && checkpointed && unit.reports().isEmpty();
    }

    @Test
    void aPeerWithoutTheSearchDatasetFetchesItFromItsPublisher() throws IOException {
        Dataset oneMinute = BundledDatasets.btcUsd1m(); // published by peer-0 only; the others never stored it
        peers.get(0).publish(oneMinute, "test");
        await(Duration.ofSeconds(20), "every peer knows the publication", () -> peers.stream().allMatch(
                p -> p.read(state -> state.dataset(oneMinute.id()).isPresent())));
        SearchSubmitted search = TestSearches.search("runtime-fetch", oneMinute.id(), 12, 3, 3, 2, 7L);
        peers.get(2).submit(search);

        awaitSearchDone(peers, search.searchId(), Duration.ofSeconds(60));

        int holders = 0;
        for (int i = 0; i < peers.size(); i++) {
            if (new DatasetStore(root.resolve("peer-" + i)).info(oneMinute.id()).isPresent()) {
                holders++;
            }
        }
        // 3 units and 3 verifications over 3 single-slot peers: at least one other peer needed the candles
        assertTrue(holders >= 2, "peers holding the fetched dataset: " + holders);
        assertEquals(oneMachineDigests(search, oneMinute), canonicalDigests(peers.get(1), search));
    }

    @Test
    void aRestartedPeerCatchesUpThroughSyncAndAgrees() {
        PeerRuntime stopped = peers.get(2);
        PeerSettings before = stopped.settings();
        stopped.close();
        List<PeerRuntime> running = peers.subList(0, 2);
        await(Duration.ofSeconds(15), "a view of two", () -> running.stream().allMatch(p -> p.view().size() == 2));
        SearchSubmitted search = search("runtime-restart", 12, 4, 2);
        running.get(1).submit(search);
        awaitSearchDone(running, search.searchId(), Duration.ofSeconds(60));

        int newPort = LoopbackTestSupport.freeBasePort();
        peers.set(2, PeerRuntime.start(settings(2, newPort, List.of(peers.get(0).settings().port(),
                peers.get(1).settings().port(), newPort))));
        assertEquals(before.dataDir(), peers.get(2).settings().dataDir());

        awaitSearchDone(List.of(peers.get(2)), search.searchId(), Duration.ofSeconds(30));
        await(Duration.ofSeconds(30), "the restarted peer holds every event of the others", () -> peers.get(2).ledger()
                .versionVector().dominates(peers.get(0).ledger().versionVector()));
        assertEquals(canonicalDigests(peers.get(0), search), canonicalDigests(peers.get(2), search));
        assertEquals(oneMachineDigests(search), canonicalDigests(peers.get(2), search));
    }

    @Test
    void everyPeerSeesTheProgressOfUnitsRunningElsewhere() {
        // units of 200,000 backtests: they run for seconds, across several 2-second progress broadcasts
        SearchSubmitted search = search("runtime-progress", 100, 2_000, 3);
        peers.get(2).submit(search);
        PeerRuntime watcher = peers.get(2);
        await(Duration.ofSeconds(30), "the third peer sees another peer's unit advance", () -> watcher.progress().stream()
                .anyMatch(p -> !p.peer().equals(watcher.peerId()) && p.searchId().equals(search.searchId())
                        && p.generation() >= 1 && p.generations() == search.spec().generations()));
        for (UnitProgress unit : watcher.progress()) {
            assertTrue(unit.unit() < search.spec().workUnits() && unit.generation() <= unit.generations(), unit.toString());
        }
    }

    @Test
    void aPeerWithAnotherSecretStaysOutAndLearnsNothing() {
        int port = LoopbackTestSupport.freeBasePort();
        List<Integer> seedPorts = List.of(peers.get(0).settings().port(), peers.get(1).settings().port(), port);
        PeerSettings stranger = settings(3, port, seedPorts);
        stranger = new PeerSettings(stranger.name(), stranger.dataDir(), stranger.bind(), port, stranger.seeds(),
                ClusterSecret.generate(new SecureRandom()), 1, stranger.calibration(), stranger.timings(), stranger.machine());
        PeerRuntime outsider = PeerRuntime.start(stranger);
        peers.add(outsider);
        SearchSubmitted search = search("runtime-secret", 12, 4, 1);
        peers.get(0).submit(search);
        // Positive controls, so that "nothing arrived" means something: meanwhile the members gossip and repair among
        // themselves (the search completes on each of them), the outsider keeps knocking at their ports (they refuse
        // its unsealed frames), and at least two repair rounds pass.
        Instant twoRepairRounds = Instant.now().plus(PeerRuntime.REPAIR_PERIOD.multipliedBy(2));
        awaitSearchDone(peers.subList(0, 3), search.searchId(), Duration.ofSeconds(60));
        await(Duration.ofSeconds(60), "the members refused the outsider's frames, over two repair rounds",
                () -> Instant.now().isAfter(twoRepairRounds) && peers.subList(0, 3).stream()
                        .mapToLong(p -> p.clusterGuards().refusedFrames() + p.clusterGuards().closedUnproven())
                        .sum() > 0);

        assertEquals(1, outsider.view().size(), "the outsider is alone in its own cluster");
        assertTrue(peers.subList(0, 3).stream().allMatch(p -> p.view().size() == 3), "the members' view is unchanged");
        int known = outsider.read(state -> state.peers().size());
        boolean sawSearch = outsider.read(state -> !state.searches().isEmpty());
        boolean seenByMembers = peers.get(0).read(state -> state.peer(outsider.peerId()).isPresent());
        assertEquals(1, known, "the outsider knows only itself");
        assertFalse(sawSearch, "the outsider saw no search");
        assertFalse(seenByMembers, "the members never saw it");
    }

    private static void awaitSearchDone(List<PeerRuntime> peers, String searchId, Duration timeout) {
        await(timeout, "search " + searchId + " is DONE on every peer", () -> peers.stream().allMatch(peer -> peer.read(
                state -> state.search(searchId).map(s -> s.status() == SearchStatus.DONE).orElse(false))));
    }

    private static StrategyView canonical(PeerRuntime peer, String searchId, int unit) {
        return peer.read(state -> {
            UnitView view = state.unit(searchId, unit).orElseThrow();
            StrategyId id = view.canonical().orElseThrow(() -> new AssertionError("unit " + unit + " has no canonical strategy"));
            return state.strategy(id).orElseThrow();
        });
    }

    private static List<Sha256> canonicalDigests(PeerRuntime peer, SearchSubmitted search) {
        List<Sha256> digests = new ArrayList<>();
        for (int unit = 0; unit < search.spec().workUnits(); unit++) {
            digests.add(canonical(peer, search.searchId(), unit).report().digest());
        }
        return digests;
    }

    /** The same units run on this machine alone, with the miner directly (what {@code peer mine} does). */
    static List<Sha256> oneMachineDigests(SearchSubmitted search) {
        return oneMachineDigests(search, BTC);
    }

    private static List<Sha256> oneMachineDigests(SearchSubmitted search, Dataset dataset) {
        List<Sha256> digests = new ArrayList<>();
        try (WorkUnitRunner runner = new WorkUnitRunner(2)) {
            for (int unit = 0; unit < search.spec().workUnits(); unit++) {
                WorkUnitSpec spec = search.spec().workUnit(unit);
                digests.add(Sha256.parse(runner.run(spec, new Backtester(dataset, spec.backtest()), Optional.empty(),
                        ProgressListener.NONE, CheckpointSink.NONE, CancellationToken.none()).digest()));
            }
        }
        return digests;
    }
}
