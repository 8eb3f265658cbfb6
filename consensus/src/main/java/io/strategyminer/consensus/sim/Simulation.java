package io.strategyminer.consensus.sim;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.ResultDigest;
import io.strategyminer.backtest.Split;
import io.strategyminer.consensus.ConsensusMessage;
import io.strategyminer.consensus.Coordinator;
import io.strategyminer.consensus.Member;
import io.strategyminer.consensus.MembershipView;
import io.strategyminer.consensus.WorkBook;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.SignatureMemo;
import io.strategyminer.ledger.ApplyResult;
import io.strategyminer.ledger.DeltaCursor;
import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.backtest.Objective;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.StrategyStatus;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.miner.SearchSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A seeded discrete-event simulation of a cluster: N {@link SimPeer}s on real ledgers (one each, or shared by
 * groups of peers no fault hits: {@link SimReplica}), each run by the production {@link
 * io.strategyminer.consensus.PeerDriver}, simulated time, replication modelled
 * here as the peer does it (live gossip of every local append to the view, repair that pulls a delta
 * from a random member every second, from a member whose event arrived ahead of its chain, and from
 * every member newly seen in a view), a network that loses, duplicates, delays and reorders
 * messages and can be partitioned, a membership service that detects crashes after 3 s and silent
 * peers (sleep, partition) after 15 s, peers that crash and restart or sleep and wake, and an
 * optional dishonest peer. Invariants are checked during the run and at its end; a run is a pure
 * function of its {@link SimConfig} (the trace hash proves it).
 */
public final class Simulation {
    static final long START = 1_700_000_000_000L;
    static final int SPLIT_PERCENT = 70;
    static final long CRASH_DETECTION_MILLIS = 3_000;
    static final long SILENT_DETECTION_MILLIS = 15_000;
    static final long JOIN_MILLIS = 1_000;
    static final long MERGE_MILLIS = 2_000;
    static final long TICK_MILLIS = 1_000;
    static final DatasetId DATASET = new DatasetId("ab".repeat(32));

    private final SimConfig config;
    /** Told every simulated minute how far the run is (large runs); never part of a decision. */
    private final Consumer<String> progress;
    private final SplitMix64 faults;
    private final SplitMix64 network;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private final List<SimPeer> peers = new ArrayList<>();
    /** The ledger copies: one per peer, or one per group and one per peer a fault hits (see {@link SimReplica}). */
    private final List<SimReplica> replicas = new ArrayList<>();
    private final List<Fault> plannedFaults = new ArrayList<>();
    private final Map<MembershipView, List<SimReplica>> replicasByView = new IdentityHashMap<>();
    private double capacity;
    private final Map<PeerId, SimPeer> byId = new TreeMap<>();
    private final MessageDigest trace;
    /** Every peer's ledger checks signatures through it: each event is verified once per run, not once per peer. */
    private final SignatureMemo signatures = new SignatureMemo();
    /** Broken invariants, each reported once, in the order first seen. */
    private final Set<String> violations = new LinkedHashSet<>();
    private final List<String> searchIds = new ArrayList<>();
    private long now = START;
    private long sequence;
    private long viewCounter;
    private int[] side;
    private long partitionedSince;
    private long faultsEndAt;
    private long makespan = -1;
    private boolean finished;
    private long leasesGranted;
    private long coordinatorNanos;
    private long appendedEvents;
    private long simEvents;
    private long speculativeLeases;
    private long wallStart;

    private Simulation(SimConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
        SplitMix64 root = new SplitMix64(config.seed());
        SplitMix64 setup = root.fork();
        this.faults = root.fork();
        this.network = root.fork();
        try {
            this.trace = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Coordinator coordinator = new Coordinator(config.policy());
        int[] coreChoices = {1, 2, 4};
        double[] perCoreChoices = {2, 4, 6}; // backtests/s per core: a unit takes 30–100 s
        int[] cores = new int[config.peers()];
        double[] speeds = new double[config.peers()];
        for (int i = 0; i < config.peers(); i++) {
            cores[i] = coreChoices[setup.nextInt(coreChoices.length)];
            speeds[i] = cores[i] * perCoreChoices[setup.nextInt(perCoreChoices.length)];
            capacity += speeds[i];
        }
        planFaults();
        List<SimReplica> copies = replicaOfEachPeer();
        int machine = 0;
        for (int i = 0; i < config.peers(); i++) {
            if (i % 4 != 3) {
                machine++; // every fourth peer shares the previous peer's machine
            }
            SimPeer peer = new SimPeer(this, i, MachineId.fromSystemId("sim-machine-" + machine), cores[i], speeds[i],
                    !(config.dishonest() && i == 1), coordinator, copies.get(i));
            peers.add(peer);
            byId.put(peer.id(), peer);
        }
    }

    /**
     * Each peer's ledger copy: its own, or with {@link SimConfig#replicaGroups()} groups, the copy of its group,
     * peers spread over the groups in turn. A peer a fault will hit (crash, sleep) always has its own.
     */
    private List<SimReplica> replicaOfEachPeer() {
        Set<Integer> faulty = new TreeSet<>();
        plannedFaults.forEach(fault -> faulty.add(fault.peer()));
        SimReplica[] groups = new SimReplica[config.replicaGroups()];
        List<SimReplica> copies = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < config.peers(); i++) {
            if (groups.length == 0 || faulty.contains(i)) {
                copies.add(newReplica(SimIdentities.of(i)));
            } else {
                int group = next++ % groups.length;
                if (groups[group] == null) {
                    groups[group] = newReplica(SimIdentities.of(config.peers() + group));
                }
                copies.add(groups[group]);
            }
        }
        return copies;
    }

    private SimReplica newReplica(PeerIdentity owner) {
        SimReplica replica = new SimReplica(replicas.size(), owner, signatures,
                report -> unitIndex(report.searchId(), report.unit()));
        replicas.add(replica);
        return replica;
    }

    /** Runs one simulation to its end and checks every invariant. */
    public static SimResult run(SimConfig config) {
        return run(config, line -> { });
    }

    /** As {@link #run(SimConfig)}, telling {@code progress} every simulated minute how far it got. */
    public static SimResult run(SimConfig config, Consumer<String> progress) {
        return new Simulation(config, progress).execute();
    }

    /** The trades digest an honest peer computes for a unit. */
    static Sha256 trueTrades(String searchId, int unit) {
        return Sha256.of(("unit/" + searchId + "/" + unit).getBytes(StandardCharsets.UTF_8));
    }

    /** The digest an honest peer computes for a unit. */
    static Sha256 trueDigest(String searchId, int unit) {
        return resultDigest(trueTrades(searchId, unit));
    }

    /** The result digest of a unit with {@code trades} and the simulated metrics: a report of it binds its figures. */
    static Sha256 resultDigest(Sha256 trades) {
        return Sha256.parse(ResultDigest.of(EngineVersion.CURRENT, DATASET, new Split(SPLIT_PERCENT),
                BacktestConfig.DEFAULT, trades.hex(), SimPeer.METRICS, SimPeer.METRICS, SimPeer.METRICS,
                SimPeer.METRICS));
    }

    /**
     * Peers join 10 ms apart, or all within the first second when there are more than 100: the cluster is formed
     * before the first search arrives (2 s), so the views of its formation meet no open work.
     */
    private long joinSpacingMillis() {
        return Math.max(1, Math.min(10, 1_000 / config.peers()));
    }

    SignatureMemo signatures() {
        return signatures;
    }

    SimConfig config() {
        return config;
    }

    long now() {
        return now;
    }

    void at(long time, Runnable action) {
        queue.add(new Scheduled(Math.max(time, now), sequence++, action));
    }

    private SimResult execute() {
        wallStart = System.nanoTime();
        replicas.stream().filter(SimReplica::shared).forEach(SimReplica::open);
        for (SimPeer peer : peers) {
            peer.boot();
            at(START + joinSpacingMillis() * peer.index, () -> join(peer));
        }
        for (int s = 0; s < config.searches(); s++) {
            SimPeer submitter = peers.get(s % peers.size());
            String id = "search-" + s;
            searchIds.add(id);
            SearchSpec spec = SearchSpec.builder().dataset(DATASET).splitPercent(SPLIT_PERCENT)
                    .population(config.population()).generations(config.generations()).objective(Objective.SHARPE)
                    .minTrades(0).workUnits(config.unitsPerSearch()).quorum(config.quorum()).seed(42).build();
            at(START + 2_000 + 5_000L * s, () -> submitter.node.append(new SearchSubmitted(id, spec)));
        }
        scheduleFaults();
        at(START + TICK_MILLIS, this::tick);
        long limit = START + config.maxSimMillis();
        while (!finished && !queue.isEmpty() && now <= limit) {
            Scheduled next = queue.poll();
            now = next.time;
            simEvents++;
            next.action.run();
        }
        if (!finished) {
            violations.add("not finished after " + (now - START) / 1000 + " s of simulated time");
        }
        long wall = System.nanoTime() - wallStart;
        peers.stream().filter(p -> p.up).forEach(SimPeer::countDriver);
        SimResult.Coverage coverage = new SimResult.Coverage(peers.stream().mapToLong(p -> p.naps).sum(),
                peers.stream().mapToLong(p -> p.cancelled).sum(), peers.stream().mapToLong(p -> p.dropped).sum(),
                speculativeLeases, unitsWithSeveralReports());
        return new SimResult(config, HexFormat.of().formatHex(trace.digest()), finished, makespan,
                idealMillis(), leasesGranted, coordinatorNanos, appendedEvents, simEvents, totalMessages(), wall,
                shares(), coverage, replicas.size(), new ArrayList<>(violations));
    }

    /** Every second: each peer's driver ticks and the peer repairs, invariants are probed, the end is detected. */
    private void tick() {
        Set<SimReplica> repaired = new HashSet<>();
        for (SimPeer peer : peers) {
            if (peer.active()) {
                peer.tick();
            }
            // each copy pulls from one random member of another copy, through its first member that can
            if (peer.active() && peer.view != null && repaired.add(peer.replica)) {
                List<Member> others = peer.view.members().stream()
                        .filter(m -> byId.get(m.peer()).replica != peer.replica).toList();
                if (!others.isEmpty()) {
                    repair(peer, byId.get(others.get(network.nextInt(others.size())).peer()).replica);
                }
            }
        }
        probeLeases();
        if ((now - START) % 60_000 == 0) {
            reportProgress();
        }
        if (makespan < 0 && peers.stream().anyMatch(p -> p.up && allSearchesDone(p))) {
            makespan = now - (START + 2_000);
        }
        if (now >= faultsEndAt && quiet()) {
            finishChecks();
            finished = true;
            return;
        }
        at(now + TICK_MILLIS, this::tick);
    }

    private void reportProgress() {
        long reported = replicas.stream().filter(SimReplica::active).mapToLong(SimReplica::unitsReported).max()
                .orElse(0);
        progress.accept(String.format(java.util.Locale.ROOT,
                "t=%ds units reported=%d/%d events=%d leases=%d sim-events=%d wall=%.0fs heap=%dMB",
                (now - START) / 1000, reported, config.totalUnits(), appendedEvents, leasesGranted, simEvents,
                (System.nanoTime() - wallStart) / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20));
    }

    // ---- network ----

    void send(SimPeer from, PeerId to, ConsensusMessage message) {
        from.messagesSent++;
        if (network.chance(config.loss())) {
            return;
        }
        int copies = network.chance(config.duplication()) ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            long delay = network.between(config.minLatencyMillis(), config.maxLatencyMillis());
            at(now + delay, () -> deliver(from, to, message));
        }
    }

    private void deliver(SimPeer from, PeerId to, ConsensusMessage message) {
        SimPeer target = byId.get(to);
        if (target == null || !target.active() || target.view == null || separated(from, target.replica)) {
            return;
        }
        target.driver.receive(from.id(), message);
    }

    /**
     * Live gossip: an event {@code from} appended goes to every other member of its view (lossy, delayed). It is
     * sent to each member; members sharing a ledger copy receive it once, at one instant (see {@link SimReplica}).
     */
    void gossip(SimPeer from, Event event) {
        if (from.view == null) {
            return; // out of every group: repair brings it later
        }
        from.messagesSent += from.view.members().size() - 1;
        for (SimReplica target : replicasOf(from.view)) {
            if (target == from.replica || network.chance(config.loss())) {
                continue;
            }
            int copies = network.chance(config.duplication()) ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                long delay = network.between(config.minLatencyMillis(), config.maxLatencyMillis());
                at(now + delay, () -> deliverEvent(from, target, event));
            }
        }
    }

    /** The ledger copies of a view's members, each once, in the order of their first member (cached per view). */
    private List<SimReplica> replicasOf(MembershipView view) {
        if (replicasByView.size() > 64) {
            replicasByView.clear();
        }
        return replicasByView.computeIfAbsent(view, v -> {
            Set<SimReplica> copies = new LinkedHashSet<>();
            v.members().forEach(member -> copies.add(byId.get(member.peer()).replica));
            return List.copyOf(copies);
        });
    }

    private void deliverEvent(SimPeer from, SimReplica target, Event event) {
        if (!target.active() || separated(from, target)) {
            return;
        }
        ApplyResult result = target.ledger.apply(event);
        if (result.gap().isPresent()) {
            repair(firstActive(target), from.replica); // ahead of its chain: catch up with the sender now
        }
    }

    /**
     * Repair: {@code peer} sends its copy's version vector to a member of {@code partner}, which answers with the
     * events it lacks in bounded batches (one round trip, each way lossy and delayed as any message).
     */
    private void repair(SimPeer peer, SimReplica partner) {
        peer.messagesSent++;
        if (network.chance(config.loss())) {
            return;
        }
        long there = network.between(config.minLatencyMillis(), config.maxLatencyMillis());
        SimReplica copy = peer.replica;
        at(now + there, () -> {
            SimPeer source = firstActive(partner);
            if (source == null || !peer.up || separated(peer, partner)) {
                return;
            }
            List<List<Event>> batches = new ArrayList<>();
            try (DeltaCursor delta = partner.ledger.delta(copy.ledger.versionVector())) {
                delta.forEachRemaining(batches::add);
            }
            for (List<Event> batch : batches) {
                source.messagesSent++;
                if (network.chance(config.loss())) {
                    continue;
                }
                long back = network.between(config.minLatencyMillis(), config.maxLatencyMillis());
                at(now + back, () -> {
                    if (peer.active() && !separated(peer, partner)) {
                        copy.ledger.applyBatch(batch);
                    }
                });
            }
        });
    }

    /** The first member of a copy that processes messages, or null. */
    private static SimPeer firstActive(SimReplica replica) {
        for (SimPeer member : replica.members) {
            if (member.active()) {
                return member;
            }
        }
        return null;
    }

    /** Runs a coordinator duty, counting the leases it appends and its wall time. */
    List<Event> timeCoordinator(SimPeer peer, Supplier<List<Event>> duty) {
        long start = System.nanoTime();
        List<Event> leases = duty.get();
        if (!leases.isEmpty() || peer.node.isCoordinator()) {
            coordinatorNanos += System.nanoTime() - start;
        }
        leasesGranted += leases.size();
        for (Event lease : leases) {
            if (lease.payload() instanceof LeaseGranted granted && granted.kind() == LeaseKind.SPECULATIVE) {
                speculativeLeases++;
            }
        }
        return leases;
    }

    /** Whether a partition separates a peer from a ledger copy (its members are all on one side). */
    private boolean separated(SimPeer peer, SimReplica replica) {
        return side != null && side[peer.replica.index] != side[replica.index];
    }

    private long totalMessages() {
        return peers.stream().mapToLong(p -> p.messagesSent).sum();
    }

    void traceAppend(SimPeer peer, Event event) {
        appendedEvents++;
        traceLine(peer.index, event.hash().bytes());
    }

    private void traceLine(int peer, byte[] what) {
        trace.update(ByteBuffer.allocate(12).putLong(now).putInt(peer).array());
        trace.update(what);
    }

    // ---- membership ----

    private void join(SimPeer peer) {
        peer.joinedAt = now;
        peer.goneSince = Long.MAX_VALUE;
        recomputeViews();
    }

    private void leave(SimPeer peer) {
        peer.joinedAt = -1;
        recomputeViews();
    }

    /**
     * Installs new views where membership changed: one view per connected side, members by seniority
     * (join time), as a group membership service would after its failure detection and merge delays.
     */
    private void recomputeViews() {
        TreeMap<Integer, List<SimPeer>> components = new TreeMap<>();
        for (SimPeer peer : peers) {
            if (peer.active() && peer.joinedAt >= 0) {
                components.computeIfAbsent(side == null ? 0 : side[peer.replica.index], s -> new ArrayList<>())
                        .add(peer);
            } else if (!peer.up && peer.view != null) {
                peer.install(null); // a sleeping peer keeps the view it had, as a suspended process does
            }
        }
        for (List<SimPeer> component : components.values()) {
            component.sort(Comparator.comparingLong((SimPeer p) -> p.joinedAt).thenComparingInt(p -> p.index));
            List<Member> members = component.stream().map(p -> new Member(p.id(), p.machine)).toList();
            boolean changed = component.stream().anyMatch(p -> p.view == null || !p.view.members().equals(members));
            if (changed) {
                MembershipView view = new MembershipView(++viewCounter, members);
                traceLine(-1, ByteBuffer.allocate(8).putLong(view.id()).array());
                Set<List<Integer>> pulls = new HashSet<>(); // a copy pulls from another copy once per view
                // most peers of a component had the same view before: its newcomers are computed once
                Map<MembershipView, List<Member>> newcomers = new IdentityHashMap<>();
                for (SimPeer peer : component) {
                    MembershipView before = peer.view;
                    peer.install(view);
                    List<Member> unseen = before == null ? members : newcomers.computeIfAbsent(before, old -> {
                        Set<PeerId> known = new HashSet<>();
                        old.members().forEach(m -> known.add(m.peer()));
                        return members.stream().filter(m -> !known.contains(m.peer())).toList();
                    });
                    // a member it did not see before (a join, a rejoin, a healed partition): catch up with it
                    for (Member member : unseen) {
                        SimReplica theirs = byId.get(member.peer()).replica;
                        if (theirs != peer.replica && pulls.add(List.of(peer.replica.index, theirs.index))) {
                            repair(peer, theirs);
                        }
                    }
                }
            }
        }
    }

    // ---- faults ----

    /** A fault to inject: who (a peer's index; -1 for a partition), when, for how long. */
    private record Fault(Kind kind, int peer, long at, long length) {
        enum Kind { CRASH, SLEEP, PARTITION }
    }

    /** Draws the faults of the run (before the peers exist: a peer a fault hits gets a ledger copy of its own). */
    private void planFaults() {
        long window = Math.max(20_000, idealMillis() / 2);
        long start = START + 5_000;
        faultsEndAt = start + window + 60_000;
        List<Integer> victims = new ArrayList<>();
        for (int i = 0; i < config.peers(); i++) {
            victims.add(i);
        }
        // peer 0 is the first coordinator: the first crash always takes it, to exercise takeover
        for (int c = 0; c < config.crashes(); c++) {
            int victim = c == 0 ? victims.remove(0) : victims.remove(faults.nextInt(victims.size()));
            long at = start + faults.between(0, window);
            plannedFaults.add(new Fault(Fault.Kind.CRASH, victim, at, faults.between(5_000, 40_000)));
        }
        for (int s = 0; s < config.sleeps(); s++) {
            int victim = victims.remove(faults.nextInt(victims.size()));
            long at = start + faults.between(0, window);
            plannedFaults.add(new Fault(Fault.Kind.SLEEP, victim, at, faults.between(20_000, 50_000)));
        }
        for (int p = 0; p < config.partitions(); p++) {
            long at = start + faults.between(0, window);
            plannedFaults.add(new Fault(Fault.Kind.PARTITION, -1, at, faults.between(20_000, 40_000)));
        }
    }

    private void scheduleFaults() {
        for (Fault fault : plannedFaults) {
            switch (fault.kind()) {
                case CRASH -> at(fault.at(), () -> crash(peers.get(fault.peer()), fault.length()));
                case SLEEP -> at(fault.at(), () -> sleep(peers.get(fault.peer()), fault.length()));
                case PARTITION -> at(fault.at(), () -> partition(fault.length()));
            }
        }
    }

    private void crash(SimPeer peer, long down) {
        peer.crash();
        peer.goneSince = now;
        peer.detectionMillis = CRASH_DETECTION_MILLIS;
        at(now + CRASH_DETECTION_MILLIS, () -> leave(peer));
        at(now + down, () -> {
            peer.boot();
            at(now + JOIN_MILLIS, () -> join(peer));
        });
    }

    private void sleep(SimPeer peer, long length) {
        peer.asleep = true;
        peer.asleepUntil = now + length;
        peer.goneSince = now;
        peer.detectionMillis = SILENT_DETECTION_MILLIS;
        at(now + SILENT_DETECTION_MILLIS, () -> leave(peer));
        at(now + length, () -> {
            peer.asleep = false;
            at(now + JOIN_MILLIS, () -> join(peer));
        });
    }

    private void partition(long length) {
        if (side != null) {
            return; // one partition at a time
        }
        int[] sides = new int[replicas.size()]; // by ledger copy: a shared copy's peers stay together
        for (int i = 0; i < sides.length; i++) {
            sides[i] = i % 2 == 0 ? 0 : 1;
        }
        for (int i = sides.length - 1; i > 0; i--) { // shuffle
            int j = faults.nextInt(i + 1);
            int t = sides[i];
            sides[i] = sides[j];
            sides[j] = t;
        }
        side = sides;
        partitionedSince = now;
        at(now + SILENT_DETECTION_MILLIS, this::recomputeViews);
        at(now + length, () -> {
            side = null;
            at(now + MERGE_MILLIS, this::recomputeViews);
        });
    }

    /** No fault in progress: everyone up, awake, joined, one network. */
    private boolean quiet() {
        return side == null && peers.stream().allMatch(p -> p.active() && p.joinedAt >= 0 && p.view != null)
                && peers.stream().allMatch(this::allSearchesDone) && converged();
    }

    // ---- invariants ----

    /** No coordinator counts a lease of a peer that has been gone for longer than its failure detection. */
    private void probeLeases() {
        for (SimPeer coordinator : peers) {
            if (!coordinator.active() || coordinator.view == null || !coordinator.node.isCoordinator()
                    || !coordinator.driver.takingWork()) {
                continue; // a peer that takes no work (catching up after a nap) grants and renews nothing
            }
            WorkBook book = coordinator.node.workBook(now); // what this coordinator counts
            for (WorkBook.SearchWork search : book.searches()) {
                for (WorkBook.UnitWork unit : search.units()) {
                    for (WorkBook.Runner runner : unit.activeRunners()) {
                        SimPeer holder = byId.get(runner.lease().lease().holder());
                        long goneFor = holder.goneSince == Long.MAX_VALUE ? 0 : now - holder.goneSince;
                        long cutFor = separated(coordinator, holder.replica) ? now - partitionedSince : 0;
                        if (goneFor > holder.detectionMillis + TICK_MILLIS
                                || cutFor > SILENT_DETECTION_MILLIS + TICK_MILLIS) {
                            violations.add("t=" + (now - START) + " coordinator " + coordinator.index
                                    + " still counts the lease of unreachable peer " + holder.index + " on "
                                    + search.search().searchId() + "/" + unit.unit().unit());
                        }
                    }
                }
            }
            checkNoWrongCanonical(coordinator);
        }
    }

    private void checkNoWrongCanonical(SimPeer peer) {
        for (StrategyView strategy : peer.ledger().read(s -> s.strategies())) {
            if (strategy.status() == StrategyStatus.CANONICAL && !strategy.report().digest()
                    .equals(trueDigest(strategy.report().searchId(), strategy.report().unit()))) {
                violations.add("peer " + peer.index + " holds a wrong canonical digest for " + strategy.id());
            }
        }
    }

    /**
     * Once every search is done: exactly one canonical strategy per unit (as many as the units, which status counts
     * and the list shows alike), and no report still waiting for verifications that nobody will lease.
     */
    private void checkOneResultPerUnit(SimPeer peer) {
        TreeMap<String, Integer> canonicalPerUnit = new TreeMap<>();
        for (StrategyView strategy : peer.ledger().read(s -> s.strategies())) {
            String unit = strategy.report().searchId() + "/" + strategy.report().unit();
            if (strategy.status() == StrategyStatus.CANONICAL) {
                canonicalPerUnit.merge(unit, 1, Integer::sum);
            } else if (strategy.status().undecided()) {
                violations.add("peer " + peer.index + ": " + strategy.id() + " of " + unit + " is still "
                        + strategy.status() + " after its search is done");
            }
        }
        canonicalPerUnit.forEach((unit, count) -> {
            if (count != 1) {
                violations.add("peer " + peer.index + ": " + unit + " has " + count + " canonical strategies");
            }
        });
    }

    /** Units for which peer 0's ledger holds more than one report (candidate strategies), at the end. */
    private int unitsWithSeveralReports() {
        TreeMap<String, Integer> reports = new TreeMap<>();
        for (StrategyView strategy : peers.get(0).ledger().read(s -> s.strategies())) {
            reports.merge(strategy.report().searchId() + "/" + strategy.report().unit(), 1, Integer::sum);
        }
        return (int) reports.values().stream().filter(count -> count > 1).count();
    }

    /** Records a broken invariant (reported once). */
    void violation(String what) {
        violations.add("t=" + (now - START) + " " + what);
    }

    /** A unit's position among all units of the run, for per-peer bit sets. */
    int unitIndex(String searchId, int unit) {
        return searchIds.indexOf(searchId) * config.unitsPerSearch() + unit;
    }

    private boolean allSearchesDone(SimPeer peer) {
        if (!peer.everyUnitReported()) {
            return false;
        }
        List<SearchView> searches = peer.ledger().read(state -> state.searches());
        return searches.size() == searchIds.size()
                && searches.stream().allMatch(s -> s.status() == SearchStatus.DONE);
    }

    private boolean converged() {
        VersionVector first = replicas.get(0).ledger.versionVector();
        return replicas.stream().allMatch(r -> r.ledger.versionVector().equals(first));
    }

    /**
     * At the end: everything canonical, one digest per strategy, the same canonical set everywhere (every ledger
     * copy, read through its first peer).
     */
    private void finishChecks() {
        TreeMap<String, Sha256> reference = null;
        for (SimPeer peer : replicas.stream().map(r -> r.members.get(0)).toList()) {
            TreeMap<String, Sha256> canonical = new TreeMap<>();
            for (SearchView search : peer.ledger().read(state -> state.searches())) {
                search.units().forEach(unit -> {
                    if (unit.canonical().isEmpty()) {
                        violations.add("peer " + peer.index + ": " + search.id() + "/" + unit.unit()
                                + " has no canonical strategy");
                    }
                });
            }
            TreeSet<String> unitDigests = new TreeSet<>();
            for (StrategyView strategy : peer.ledger().read(s -> s.strategies())) {
                strategy.verdict().canonicalDigest().ifPresent(d -> {
                    String unit = strategy.report().searchId() + "/" + strategy.report().unit();
                    canonical.put(strategy.id().toString(), d);
                    if (strategy.status() == StrategyStatus.CANONICAL) {
                        unitDigests.add(unit + "=" + d);
                    }
                });
            }
            long units = unitDigests.stream().map(u -> u.substring(0, u.indexOf('='))).distinct().count();
            if (units != unitDigests.size()) {
                violations.add("peer " + peer.index + ": a unit has two canonical digests " + unitDigests);
            }
            checkOneResultPerUnit(peer);
            checkNoWrongCanonical(peer);
            if (reference == null) {
                reference = canonical;
            } else if (!reference.equals(canonical)) {
                violations.add("peer " + peer.index + " decided other canonical digests than peer 0");
            }
        }
        if (config.checkFairness()) {
            for (SimResult.Share share : shares()) {
                double ratio = share.workShare() / share.capacityShare();
                if (ratio < 0.9 || ratio > 1.1) {
                    violations.add(String.format(java.util.Locale.ROOT,
                            "peer %d did %.3f of the work for %.3f of the capacity (ratio %.3f)", share.peer(),
                            share.workShare(), share.capacityShare(), ratio));
                }
            }
        }
    }

    private List<SimResult.Share> shares() {
        double backtests = Math.max(1, peers.stream().mapToLong(p -> p.backtestsDone).sum());
        double reports = Math.max(1, peers.stream().mapToInt(p -> p.workReports).sum());
        return peers.stream().map(p -> new SimResult.Share(p.index, p.speed / capacity, p.backtestsDone / backtests,
                p.workReports / reports)).toList();
    }

    private long idealMillis() {
        double backtests = (double) config.totalUnits() * config.population() * config.generations();
        return (long) Math.ceil(backtests * 1000.0 / capacity);
    }

    /** An action at a simulated time; ties run in scheduling order. */
    private record Scheduled(long time, long order, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
