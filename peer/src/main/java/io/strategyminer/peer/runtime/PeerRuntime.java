package io.strategyminer.peer.runtime;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Backtesters;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.Split;
import io.strategyminer.consensus.CapacityEstimate;
import io.strategyminer.consensus.ConsensusMessage;
import io.strategyminer.consensus.ConsensusNode;
import io.strategyminer.consensus.Coordinator;
import io.strategyminer.consensus.PeerDriver;
import io.strategyminer.consensus.WakeGuard;
import io.strategyminer.consensus.WorkIndex;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.store.OwnerOnly;
import io.strategyminer.ledger.Gap;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.LedgerListener;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.store.StoreException;
import io.strategyminer.miner.ThroughputProbe;
import io.strategyminer.peer.cluster.ClusterMember;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.GuardStats;
import io.strategyminer.peer.cluster.ClusterView;
import io.strategyminer.peer.cluster.LiveGossip;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.net.PortInUse;
import io.strategyminer.peer.sync.DatasetChunks;
import io.strategyminer.peer.sync.RepairLoop;
import io.strategyminer.peer.sync.SyncClient;
import io.strategyminer.peer.sync.SyncException;
import io.strategyminer.peer.sync.SyncServer;
import io.strategyminer.peer.sync.SyncStats;
import io.strategyminer.web.PeerHealth;
import io.strategyminer.web.PeerUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running peer (DESIGN §5): its ledger, its cluster membership with live gossip, repair sync, the
 * consensus node and the worker slots, wired by Dagger from {@link PeerSettings}.
 *
 * <p>Threads: the {@code consensus} thread runs the {@link PeerDriver} (the peer's decisions, the same code
 * the cluster simulator runs; its {@link ConsensusNode} is not thread-safe): every received consensus
 * message, view change, freed slot and stored lease is handed to it, and it ticks every {@link #TICK}:
 * the nap check, coordinator renewals, reconciling the worker slots with the assignments, a work request
 * while slots are free and a search is open. JGroups threads only decode and hand over. Worker slots
 * publish their checkpoints and reports through the driver to the (thread-safe) ledger themselves; {@link LiveGossip} broadcasts every local append from its own sender
 * thread. Repair sync runs on the {@link RepairLoop}'s thread and the sync server's Netty threads.
 *
 * <p>Start with {@link #start(PeerSettings)}; {@link #close()} leaves the view gracefully (the others
 * re-issue this peer's leases at once) and releases everything.
 */
public final class PeerRuntime implements AutoCloseable {
    /** Period of the consensus tick. */
    public static final Duration TICK = Duration.ofSeconds(1);
    /** Period of the repair sync with a random member. */
    public static final Duration REPAIR_PERIOD = Duration.ofSeconds(3);
    /** Period of the progress broadcast of this peer's running units. */
    public static final Duration PROGRESS_PERIOD = Duration.ofSeconds(2);
    /** Period of the checkpoint-blob retention ({@link Ledger#pruneCheckpoints()}). */
    public static final Duration PRUNE_PERIOD = Duration.ofMinutes(1);
    public static final String CLUSTER_NAME = "strategy-miner";
    private static final PeerDriver.Clock SYSTEM_CLOCK = new PeerDriver.Clock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }
    };
    private static final Logger LOG = LoggerFactory.getLogger(PeerRuntime.class);

    private final PeerSettings settings;
    private final PeerIdentity identity;
    private final MachineId machine;
    private final HistoryGuard.OpenedLedger opened;
    private final Ledger ledger;
    private final ClusterNode cluster;
    private final ClusterMembership membership;
    private final ClusterTransport transport;
    private final SyncEndpoints endpoints;
    private final DatasetSource datasets;
    /** One backtester per dataset for the whole peer: units, verifications and pages share one cache budget. */
    private final Backtesters backtesters = Backtesters.forHeap();
    private final SyncServer syncServer;
    private final SyncClient syncClient;
    private final Coordinator coordinator;
    private final CheckpointBlobs checkpointBlobs;
    private final ProgressBoard progress;
    private final PeerClocks clocks;
    private final Random random = new SecureRandom(); // picks repair partners only: never reaches a result
    private final List<AutoCloseable> started = new ArrayList<>();
    private final DiskMonitor disk;
    /** Whether a reconcile for stored leases is queued on the consensus thread already. */
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private final LogThrottle permissionFailures = new LogThrottle(LOG, Duration.ofMinutes(10));
    private final LogThrottle rejoinFailures = new LogThrottle(LOG, Duration.ofMinutes(1));
    private ScheduledExecutorService consensusThread;
    private PeerDriver driver;
    private Worker worker;
    private RepairLoop repair;
    private LocalVerifier localVerifier;
    /** Set once connected (the advertised host may be the address JGroups picked); read by consensus tasks. */
    private volatile SeedAddress syncEndpoint;
    /** The figure last put in this peer's {@code PeerAnnounced} (backtests of 1,000 candles per second). */
    private volatile double announcedBacktestsPerSecond;
    /**
     * This peer's capacity measured on the work it runs (candle-steps per second), seeded by the start-up probe; fed
     * by the worker slots, read and re-announced by the consensus thread: guarded by itself.
     */
    private volatile CapacityEstimate capacity;
    /** Until this peer has its own chain back and announced itself, it appends nothing and takes no work. */
    private volatile boolean recovering;
    /** Set while this peer stays out of the view because its disk is full (consensus thread only). */
    private boolean leftView;
    private OptionalLong recoveredThrough = OptionalLong.empty();

    @Inject
    PeerRuntime(PeerSettings settings, PeerIdentity identity, MachineId machine, HistoryGuard.OpenedLedger opened,
                ClusterNode cluster,
                ClusterMembership membership, ClusterTransport transport, SyncEndpoints endpoints,
                DatasetSource datasets, SyncServer syncServer, SyncClient syncClient, Coordinator coordinator,
                CheckpointBlobs checkpointBlobs, ProgressBoard progress, PeerClocks clocks) {
        this.settings = settings;
        this.identity = identity;
        this.machine = machine;
        this.opened = opened;
        this.ledger = opened.ledger();
        this.cluster = cluster;
        this.membership = membership;
        this.transport = transport;
        this.endpoints = endpoints;
        this.datasets = datasets;
        this.syncServer = syncServer;
        this.syncClient = syncClient;
        this.coordinator = coordinator;
        this.checkpointBlobs = checkpointBlobs;
        this.progress = progress;
        this.clocks = clocks;
        this.disk = new DiskMonitor(settings.dataDir(), settings.disk(), System::currentTimeMillis,
                health -> onConsensusThread(this::followHealth));
        this.recovering = settings.rebuildFromPeers().isPresent();
    }

    /**
     * Builds, starts and connects a peer; on any failure everything opened so far is closed again. With
     * {@link PeerSettings#rebuildFromPeers()} it first recovers its own chain from the others ({@link OwnChainRecovery}).
     *
     * @throws StartRefusedException if its ledger is missing or corrupt although its identity has run before, the
     *                               disk is full, or a rebuild from peers cannot complete (the message says what to do)
     * @throws IllegalStateException if a port cannot be bound or the cluster cannot be joined
     */
    public static PeerRuntime start(PeerSettings settings) {
        // before anything is written: a rebuild must not set a ledger aside that it then cannot replace
        Optional<String> shortage = DiskMonitor.shortage(settings.dataDir(), settings.disk());
        if (shortage.isPresent()) {
            throw new StartRefusedException("Not starting: " + shortage.get() + ". Free space there and start again.");
        }
        PeerRuntime runtime = DaggerRuntimeComponent.factory().create(settings).runtime();
        try {
            runtime.startParts();
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void startParts() {
        started.add(ledger);
        restrictDataDir();
        // members may run modified code: decide nothing about a strategy this peer has not re-run itself
        ledger.requireOwnVerdicts();
        started.add(syncClient);
        capacity = new CapacityEstimate(settings.threads(), calibrate() / settings.threads());
        if (!recovering) {
            announce();
        }
        try {
            syncServer.start(settings.bind().map(InetAddress::getHostAddress).orElse("0.0.0.0"), settings.syncPort());
        } catch (SyncException e) {
            throw new IllegalStateException("could not start the sync server on port " + settings.syncPort() + ": "
                    + e.getMessage() + (PortInUse.causedBy(e) ? "; the port is taken: is a peer already running here? A"
                    + " second peer on one machine needs its own --port (e.g. 7810) and --data-dir" : ""), e);
        }
        started.add(syncServer);

        consensusThread = singleThread("consensus");
        // after a nap (a suspended machine) longer than the others wait, no work until back among them
        WakeGuard wake = new WakeGuard(settings.timings().silenceTimeout(),
                settings.timings().mergeInterval().multipliedBy(4));
        driver = new PeerDriver(ledger, WorkIndex.following(ledger), membership, transport, coordinator, SYSTEM_CLOCK,
                wake, this::available, PeerDriver.DutyMeter.NONE);
        worker = new Worker(ledger, datasets, backtesters, checkpointBlobs, settings.threads(),
                () -> onConsensusThread(driver::slotFreed), driver, this::ran);
        driver.attach(worker);
        repair = new RepairLoop(syncClient, this::repairPartners, random);
        started.add(repair);

        localVerifier = new LocalVerifier(ledger, datasets, backtesters);
        started.add(localVerifier);
        localVerifier.start();
        LiveGossip gossip = new LiveGossip(ledger, cluster, this::gapSeen);
        started.add(gossip);
        LedgerListener.Subscription leases = ledger.subscribe(this::stored);
        started.add(leases::close);
        // catch up with every peer that (re)joins, and with everyone after a partition heals
        endpoints.listen((peer, endpoint) -> repair.syncSoon(endpoint));
        cluster.onViewChange(change -> {
            if (change.merged()) {
                endpoints.others().forEach(repair::syncSoon);
            }
        });
        checkpointBlobs.listen();
        progress.listen();
        clocks.listen();
        cluster.onMessage(ClusterTransport.TOPIC, this::consensusMessage);
        membership.onViewChange(view -> onConsensusThread(() -> {
            announceSyncEndpoint();
            driver.viewChanged();
        }));
        started.add(cluster);
        cluster.connect(CLUSTER_NAME);
        syncEndpoint = new SeedAddress(advertisedHost(), settings.syncPort());
        onConsensusThread(this::announceSyncEndpoint);
        if (recovering) {
            rebuildFromPeers(settings.rebuildFromPeers().orElseThrow());
        }
        repair.start(REPAIR_PERIOD);
        consensusThread.scheduleWithFixedDelay(() -> guarded(this::tick), TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        consensusThread.scheduleWithFixedDelay(() -> guarded(this::publishProgress), PROGRESS_PERIOD.toMillis(),
                PROGRESS_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        consensusThread.scheduleWithFixedDelay(() -> guarded(clocks::publish), 0, PeerClocks.PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        long diskPeriod = settings.disk().checkPeriod().toMillis();
        consensusThread.scheduleWithFixedDelay(() -> guarded(this::watchDisk), diskPeriod, diskPeriod,
                TimeUnit.MILLISECONDS);
        consensusThread.scheduleWithFixedDelay(() -> guarded(this::pruneBlobs), PRUNE_PERIOD.toMillis(),
                PRUNE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("peer {} ({}) started: cluster port {}, sync {}, {} slots, {} candle-steps/s (start-up probe)",
                settings.name(), identity.peerId().shortHex(), settings.port(), syncEndpoint, settings.threads(),
                Math.round(capacityCandleStepsPerSecond()));
    }

    /** Appends this peer's announcement (cores, measured capacity, engine version) and publishes the bundled data. */
    private void announce() {
        announceCapacity(monotonicMillis());
        publishBundledDataset();
    }

    /** Appends a {@code PeerAnnounced} carrying the capacity measured so far. */
    private void announceCapacity(long nowMillis) {
        double measured;
        synchronized (capacity) {
            measured = capacity.capacity();
            capacity.announced(measured, nowMillis);
        }
        double figure = CapacityEstimate.announcedFigure(measured);
        ledger.append(new PeerAnnounced(settings.name(), machine, identity.publicKeyHex(), settings.threads(),
                figure, EngineVersion.CURRENT));
        announcedBacktestsPerSecond = figure;
    }

    /**
     * Re-announces the measured capacity when it moved by more than 10 % since the last announcement, at most once
     * a minute ({@link CapacityEstimate#announceDue}); consensus sizes this peer's deadlines from it.
     */
    private void reannounceCapacity() {
        long now = monotonicMillis();
        boolean due;
        synchronized (capacity) {
            due = capacity.announceDue(now);
        }
        if (due) {
            double before = announcedBacktestsPerSecond * PeerAnnounced.REFERENCE_CANDLES;
            announceCapacity(now);
            LOG.info("capacity re-announced: {} candle-steps/s (was {})",
                    Math.round(announcedBacktestsPerSecond * PeerAnnounced.REFERENCE_CANDLES), Math.round(before));
        }
    }

    /** A monotonic clock for the re-announcement interval (a wall clock stepping back must not hold it up). */
    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** A worker slot ran {@code candleSteps} in {@code nanos} (its thread). */
    private void ran(long candleSteps, long nanos) {
        synchronized (capacity) {
            capacity.record(candleSteps, nanos);
        }
    }

    /**
     * {@code --rebuild-from-peers}: gets this peer's own chain back from the view, ends the rebuild, and only then
     * appends (the announcement, chained onto the recovered head) and takes work.
     */
    private void rebuildFromPeers(Duration wait) {
        OwnChainRecovery.Recovered recovered = new OwnChainRecovery(ledger, cluster, endpoints, syncClient).recover(wait);
        if (opened.rebuilding()) {
            HistoryGuard.rebuilt(settings.dataDir());
        }
        recoveredThrough = OptionalLong.of(recovered.ownEvents());
        announce();
        recovering = false;
        onConsensusThread(driver::askAndRun);
    }

    /**
     * The start-up probe: candle-steps per second of the whole peer backtesting the bundled data's in-sample range
     * (0 when calibration is switched off). It only seeds the capacity, which the real work then measures.
     */
    private double calibrate() {
        if (settings.calibration().isZero()) {
            return 0;
        }
        Dataset dataset = BundledDatasets.btcUsd5m();
        Range inSample = Split.DEFAULT.inSample(dataset.size());
        ThroughputProbe probe = new ThroughputProbe(new Backtester(dataset, BacktestConfig.DEFAULT), inSample, 1);
        return probe.measure(settings.threads(), settings.calibration(), settings.calibration()).perSecond()
                * inSample.length();
    }

    private void publishBundledDataset() {
        publish(BundledDatasets.btcUsd5m(), "bundled");
    }

    /**
     * Offers {@code dataset} to the cluster: stores it locally (the sync server serves it from there) and
     * appends its {@code DatasetPublished} unless this peer published it before. Peers that lack it fetch it
     * by id when they need it and verify its hash.
     *
     * @param source where it came from, kept with the stored copy (e.g. a file name)
     * @throws PeerUnavailableException while this peer is unhealthy (its disk is full)
     */
    public void publish(Dataset dataset, String source) {
        appendLocally(() -> {
            datasets.keep(dataset, source);
            boolean published = ledger.read(state -> state.dataset(dataset.id())
                    .map(view -> view.publishers().contains(identity.peerId())).orElse(false));
            return published ? null : ledger.append(DatasetChunks.published(dataset));
        });
    }

    /**
     * Where the others reach this peer's sync server: the bind address if one was given, else the address
     * JGroups bound to, which the others already reach for the cluster traffic. (Not the host name's
     * address: on Debian and Ubuntu it often resolves to 127.0.1.1, unreachable from other machines.)
     */
    private String advertisedHost() {
        if (settings.bind().isPresent() && !settings.bind().get().isAnyLocalAddress()) {
            return settings.bind().get().getHostAddress();
        }
        InetAddress jgroups = cluster.physicalAddress();
        if (jgroups.isAnyLocalAddress()) {
            throw new IllegalStateException("the cluster transport listens on every interface, so this peer cannot"
                    + " tell which address the others reach it at: pass --bind with this machine's LAN or VPN address");
        }
        return jgroups.getHostAddress();
    }

    /** Tells the view where this peer's sync server listens (once connected: the address is known then). */
    private void announceSyncEndpoint() {
        if (syncEndpoint != null) {
            endpoints.announce(syncEndpoint);
        }
    }

    private void tick() {
        long naps = driver.naps();
        driver.tick();
        if (driver.naps() > naps) {
            LOG.warn("this peer was suspended for longer than the others wait ({} s): they have re-issued its leases;"
                    + " it stops its units and takes no work until it is back in their view",
                    settings.timings().silenceTimeout().toSeconds());
        }
        if (driver.takingWork()) {
            reannounceCapacity(); // appends: only while this peer takes work
        }
    }

    /**
     * Whether this host lets the peer work (the driver adds the nap rule): its own chain is complete and its disk
     * has room. Asked by worker slots too, through the driver, before each checkpoint and report.
     */
    private boolean available() {
        return !recovering && disk.health().ok();
    }

    /** Every {@link DiskPolicy#checkPeriod()}: the free space, and owner-only modes for files created since. */
    private void watchDisk() {
        disk.check();
        followHealth();
        restrictDataDir();
    }

    /** New RocksDB tables and logs, uploads, datasets written before this rule: all owner-only (0600 / 0700). */
    private void restrictDataDir() {
        try {
            OwnerOnly.restrict(settings.dataDir());
        } catch (IOException e) {
            permissionFailures.warn("restrict", "cannot make the files in {} owner-only: {}", settings.dataDir(),
                    e.toString());
        }
    }

    /**
     * On the consensus thread, at each change of health and each disk check: an unhealthy peer cancels its units
     * and leaves the view, so that the others re-issue its leases at once and a new coordinator takes over if it
     * was the coordinator (it could not append leases); it joins again once the disk has room, and repair sync
     * brings what it missed. Follows the health as it is now, so changes reported out of order cannot mislead it.
     */
    private void followHealth() {
        boolean ok = disk.health().ok();
        if (!ok && !leftView) {
            driver.reconcile(); // takes no work now: stops every unit
            cluster.disconnect();
            leftView = true;
        } else if (ok && leftView) {
            try {
                cluster.connect(CLUSTER_NAME);
                leftView = false;
            } catch (IllegalStateException e) {
                rejoinFailures.warn("rejoin", "could not join the cluster again after the disk recovered; restart"
                        + " the peer: {}", e.getMessage());
            }
        }
    }

    /** Repair partners: the other members, none while out of the view. */
    private List<InetSocketAddress> repairPartners() {
        try {
            return endpoints.others();
        } catch (IllegalStateException notConnected) {
            return List.of();
        }
    }

    private void publishProgress() {
        progress.publish(identity.peerId(), worker.progress(identity.peerId(), System.currentTimeMillis()));
    }

    /** Deletes the blobs nobody keeps: superseded and finished checkpoints, blobs no event names. */
    private void pruneBlobs() {
        Ledger.Pruned pruned = ledger.pruneCheckpoints();
        if (pruned.blobs() > 0) {
            LOG.info("retention deleted {} checkpoint blobs ({} bytes)", pruned.blobs(), pruned.bytes());
        }
    }

    /**
     * A stored lease that may change what this peer runs ({@link PeerDriver#concerns}): reconcile at once. One
     * reconcile queued at a time, however many leases arrive (a catch-up brings thousands).
     */
    private void stored(Event event, boolean local) {
        if (event.payload() instanceof LeaseGranted lease && driver.concerns(lease)
                && reconcileQueued.compareAndSet(false, true)) {
            onConsensusThread(() -> {
                reconcileQueued.set(false);
                driver.reconcile();
            });
        }
    }

    private void consensusMessage(ClusterMember from, byte[] payload) {
        PeerId sender;
        ConsensusMessage message;
        try {
            sender = PeerId.parse(from.name());
            message = ConsensusCodec.decode(payload);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a bad consensus message from {}: {}", from, e.getMessage());
            return;
        }
        onConsensusThread(() -> driver.receive(sender, message));
    }

    /** A live event arrived ahead of its chain: sync with someone now rather than at the next round. */
    private void gapSeen(Gap gap) {
        List<InetSocketAddress> others = endpoints.others();
        if (!others.isEmpty()) {
            repair.syncSoon(endpoints.of(gap.origin()).orElse(others.get(random.nextInt(others.size()))));
        }
    }

    private void onConsensusThread(Runnable task) {
        if (consensusThread == null) {
            return; // not started yet: the first tick and view change do what is needed
        }
        try {
            consensusThread.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("peer is closing: a consensus task was dropped");
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // one failing step (e.g. a send while the view changes) must not stop the consensus loop
            LOG.warn("consensus step failed: {}", e.toString(), e);
        }
    }

    private static ScheduledExecutorService singleThread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    // ---- queries and commands for the CLI, the HTTP API and tests ----

    /**
     * Appends a search submission; the coordinator splits it into leases.
     *
     * @throws PeerUnavailableException while this peer is unhealthy (its disk is full)
     */
    public Event submit(SearchSubmitted search) {
        return appendLocally(() -> ledger.append(search));
    }

    /** Runs a local append unless the disk is full; a write that fails for lack of space turns the peer unhealthy. */
    private <T> T appendLocally(Supplier<T> append) {
        PeerHealth health = disk.health();
        if (!health.ok()) {
            throw new PeerUnavailableException("this peer cannot take changes now: " + health.problem().orElseThrow());
        }
        try {
            return append.get();
        } catch (StoreException | UncheckedIOException e) {
            if (e instanceof StoreException store) {
                disk.writeFailed(store);
            } else {
                disk.check(); // a dataset file that could not be written: the disk may have filled since the last check
            }
            PeerHealth now = disk.health();
            if (!now.ok()) {
                throw new PeerUnavailableException("this peer cannot take changes now: " + now.problem().orElseThrow());
            }
            throw e;
        }
    }

    /** Whether this peer can work now: unhealthy while its disk is full (see {@link DiskPolicy}). */
    public PeerHealth health() {
        return disk.health();
    }

    /** With {@code --rebuild-from-peers}: the length of this peer's own chain as recovered from the others. */
    public OptionalLong recoveredThrough() {
        return recoveredThrough;
    }

    /** With {@code --rebuild-from-peers}: where the damaged ledger was moved (never deleted). */
    public Optional<Path> ledgerSetAside() {
        return opened.setAside();
    }

    /** A consistent query of this peer's ledger state. */
    public <T> T read(Function<LedgerState, T> query) {
        return ledger.read(query);
    }

    public PeerId peerId() {
        return identity.peerId();
    }

    public PeerSettings settings() {
        return settings;
    }

    /** The cluster view installed now. */
    public ClusterView view() {
        return cluster.view();
    }

    public boolean isCoordinator() {
        return cluster.isCoordinator();
    }

    /** Where this peer's repair sync is reached, as announced to the others. */
    public SeedAddress syncEndpoint() {
        return syncEndpoint;
    }

    /**
     * The capacity figure of this peer's latest {@code PeerAnnounced}: backtests of
     * {@value PeerAnnounced#REFERENCE_CANDLES} candles per second (candle-steps/s ÷ 1,000).
     */
    public double announcedBacktestsPerSecond() {
        return announcedBacktestsPerSecond;
    }

    /**
     * This peer's capacity measured on the work it runs, candle-steps (backtests × candles backtested) per second,
     * all slots together: the start-up probe until a generation finished, then a time-weighted mean of the
     * generations its slots ran ({@link CapacityEstimate}).
     */
    public double capacityCandleStepsPerSecond() {
        CapacityEstimate estimate = capacity;
        if (estimate == null) {
            return 0;
        }
        synchronized (estimate) {
            return estimate.capacity();
        }
    }

    /** Candle-steps of the backtests this peer's worker ran since start. */
    public long candleStepsRun() {
        return worker == null ? 0 : worker.candleStepsRun();
    }

    /** What this peer's cluster ports refused since it started (frames without the cluster secret's seal …). */
    public GuardStats clusterGuards() {
        return cluster.guardStats();
    }

    /** The peer's backtesters (its pages re-run strategies with them too). */
    public Backtesters backtesters() {
        return backtesters;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Strategy reports and verifications this peer's worker appended since start. */
    public int reportsAppended() {
        return worker.reportsAppended();
    }

    public int verificationsAppended() {
        return worker.verificationsAppended();
    }

    /** The running units of the whole view, as their runners last reported them (transient, see {@link ProgressBoard}). */
    public List<UnitProgress> progress() {
        return progress.current(System.currentTimeMillis());
    }

    /** How far {@code peer}'s wall clock is from this peer's ({@link PeerClocks}); empty if not measured. */
    public OptionalLong clockOffsetMillis(PeerId peer) {
        return clocks.offsetMillis(peer);
    }

    /** Work units this peer resumed from a checkpoint another run saved. */
    public int unitsResumed() {
        return worker.unitsResumed();
    }

    /** Backtests this peer's worker ran since start (genomes evaluated, plus one per verification). */
    public long backtestsRun() {
        return worker.backtestsRun();
    }

    /** Counters of the sync server (sessions other peers opened here) and client (sessions opened from here). */
    public SyncStats syncServerStats() {
        return syncServer.stats();
    }

    public SyncStats syncClientStats() {
        return syncClient.stats();
    }

    /** Checkpoint blobs this peer missed on the broadcast and fetched over repair sync to resume a unit. */
    public long checkpointBlobsFetched() {
        return checkpointBlobs.fetched();
    }

    /**
     * Stops the consensus loop, cancels running units (their last completed generation is checkpointed),
     * leaves the view, stops sync and closes the ledger. Safe after a failed start and twice.
     */
    @Override
    public synchronized void close() {
        if (consensusThread != null) {
            consensusThread.shutdownNow();
            try {
                consensusThread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // the worker first: cancelled units checkpoint their last generation while gossip still runs
        if (worker != null) {
            worker.close();
        }
        // then in reverse start order: leave the view, stop gossip and sync, close the ledger last
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", started.get(i), e.toString());
            }
        }
        started.clear();
        restrictDataDir(); // what was written since the last check
    }
}
