package io.strategyminer.consensus.sim;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.consensus.ConsensusMessage;
import io.strategyminer.consensus.ConsensusNode;
import io.strategyminer.consensus.Coordinator;
import io.strategyminer.consensus.Member;
import io.strategyminer.consensus.Membership;
import io.strategyminer.consensus.MembershipView;
import io.strategyminer.consensus.Transport;
import io.strategyminer.consensus.WorkBook;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.StrategyStatus;
import io.strategyminer.ledger.state.UnitStatus;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One simulated peer: a real {@link Ledger} over a {@link MemoryLedgerStore} (kept across crashes,
 * like a disk), the real {@link ConsensusNode}, and a worker whose runs are simulated: a work unit
 * takes {@code population × generations} backtests at this peer's per-slot speed, checkpoints every
 * few generations and reports a digest that is a fixed function of the unit (a dishonest peer
 * reports a wrong one). The peer is its own {@link Membership} and {@link Transport}: the
 * simulation installs views into it and carries its messages.
 */
final class SimPeer implements Membership, Transport {
    static final Genome GENOME = GenomeJson.read("""
            {"entry": {"combine": "AND", "conditions": [{"left": "RSI(14)", "op": "<", "right": 30}]},
             "exit": {"combine": "OR", "conditions": [{"left": "RSI(14)", "op": ">", "right": 70}]},
             "stopLossPct": 2, "takeProfitPct": 4, "trailingStopPct": 0, "maxBarsHeld": 0,
             "positionPct": 50, "risk": "MEDIUM"}""");
    static final Metrics METRICS = new Metrics(100.0, 1.0, 12.5, 10, 0.5, 1.3, 30.0, 5.0, 40, 1.0, 1.2, 0.1, 3.2);
    static final TrialStatistics TRIALS = new TrialStatistics(1_000, 900, 9.0, 1.5);

    final int index;
    final PeerIdentity identity;
    final MachineId machine;
    final int cores;
    final double speed;
    final boolean honest;
    private final Simulation sim;
    private final Coordinator coordinator;
    private final MemoryLedgerStore store = new MemoryLedgerStore();
    private final TreeMap<String, Run> running = new TreeMap<>();
    private final List<Consumer<MembershipView>> viewListeners = new ArrayList<>();

    Ledger ledger;
    ConsensusNode node;
    MembershipView view;
    boolean up;
    boolean asleep;
    long asleepUntil;
    int incarnation;
    /** Seniority in the group (join time), or -1 when not a member. */
    long joinedAt = -1;
    /** When the peer crashed or fell asleep (or Long.MAX_VALUE), and how long detection takes. */
    long goneSince = Long.MAX_VALUE;
    long detectionMillis;
    long messagesSent;
    /** Work reports this peer appended. */
    int workReports;
    /** Backtests this peer executed: every generation it ran (also runs that lost a race), one per verification. */
    long backtestsDone;
    private boolean syncScheduled;
    /**
     * Units this peer's ledger holds a report for (by {@link Simulation#unitIndex}); the store, hence
     * the ledger's events, survives crashes, and so does this. A search cannot be done before every
     * unit is reported: a cheap test before reading the state.
     */
    private final BitSet unitsReported = new BitSet();

    SimPeer(Simulation sim, int index, MachineId machine, int cores, double speed, boolean honest,
            Coordinator coordinator) {
        this.sim = sim;
        this.index = index;
        this.identity = SimIdentities.of(index);
        this.machine = machine;
        this.cores = cores;
        this.speed = speed;
        this.honest = honest;
        this.coordinator = coordinator;
    }

    /** Whether every unit of every search has at least one report in this peer's ledger. */
    boolean everyUnitReported() {
        return unitsReported() == sim.config().totalUnits();
    }

    /** Units with at least one report in this peer's ledger. */
    int unitsReported() {
        return unitsReported.cardinality();
    }

    PeerId id() {
        return identity.peerId();
    }

    /** Running and awake: processes messages and timers. */
    boolean active() {
        return up && !asleep;
    }

    /** Starts (or restarts after a crash) the process: reopens the ledger from its store. */
    void boot() {
        up = true;
        incarnation++;
        running.clear();
        ledger = Ledger.open(store, identity, sim.signatures());
        node = new ConsensusNode(ledger, this, this, coordinator);
        ledger.subscribe((event, local) -> {
            if (local) {
                sim.signatures().rememberSigned(event, identity);
                sim.traceAppend(this, event);
            }
            if (event.payload() instanceof StrategyReported report) {
                unitsReported.set(sim.unitIndex(report.searchId(), report.unit()));
            }
            if (event.payload() instanceof LeaseGranted lease && lease.holder().equals(id())) {
                scheduleSync();
            }
        });
        if (ledger.versionVector().get(id()) == 0) {
            node.append(PeerAnnounced.of(identity, "sim-" + index, machine, cores, speed, EngineVersion.CURRENT));
        }
    }

    void crash() {
        up = false;
        running.clear();
    }

    // ---- Membership and Transport ----

    @Override
    public MembershipView view() {
        return view != null ? view : new MembershipView(0, List.of(new Member(id(), machine)));
    }

    @Override
    public void onViewChange(Consumer<MembershipView> listener) {
        viewListeners.add(listener);
    }

    /** Installs a view (null: the peer is out of every group) and tells the listeners. */
    void install(MembershipView installed) {
        view = installed;
        if (installed != null) {
            viewListeners.forEach(listener -> listener.accept(installed));
        }
    }

    @Override
    public void broadcast(ConsensusMessage message) {
        if (view == null) {
            return; // not in a group: repair gossip delivers it later
        }
        for (Member member : view.members()) {
            if (!member.peer().equals(id())) {
                sim.send(this, member.peer(), message);
            }
        }
    }

    @Override
    public void send(PeerId to, ConsensusMessage message) {
        sim.send(this, to, message);
    }

    // ---- worker ----

    /** Periodic: start assigned leases, ask for work when slots are free. */
    void poll() {
        if (!active() || view == null || running.size() >= cores) {
            return; // every slot busy: nothing could start, nothing to ask for
        }
        WorkBook book = node.workBook(sim.now());
        startAssigned(book.assignments(id()));
        int free = cores - running.size();
        if (free > 0 && book.hasOpenSearch()) {
            sim.timeCoordinator(this, () -> node.requestWork(free, sim.now()));
        }
    }

    private void scheduleSync() {
        if (!syncScheduled) {
            syncScheduled = true;
            int inc = incarnation;
            sim.at(sim.now(), () -> {
                syncScheduled = false;
                if (inc == incarnation && active()) {
                    startAssigned(node.assignments(sim.now()));
                }
            });
        }
    }

    private void startAssigned(List<LeaseView> assignments) {
        for (LeaseView lease : assignments) {
            String key = key(lease.lease());
            if (!running.containsKey(key) && running.size() < cores) {
                Run run = new Run(lease.lease(), key, incarnation);
                running.put(key, run);
                start(run);
            }
        }
    }

    private static String key(LeaseGranted lease) {
        return lease.kind() == LeaseKind.VERIFY ? "verify/" + lease.target()
                : "work/" + lease.searchId() + "/" + lease.unit();
    }

    private void start(Run run) {
        if (run.lease.kind() == LeaseKind.VERIFY) {
            sim.at(sim.now() + 20 + (long) Math.ceil(1000.0 * cores / speed), () -> step(run));
            return;
        }
        run.generation = ledger.read(state -> state.unit(run.lease.searchId(), run.lease.unit()))
                .flatMap(UnitView::latestCheckpoint).map(c -> c.checkpoint().generation()).orElse(0);
        scheduleStep(run);
    }

    private void scheduleStep(Run run) {
        int next = Math.min(sim.config().generations(), (run.generation / sim.config().checkpointEvery() + 1)
                * sim.config().checkpointEvery());
        double backtests = (double) (next - run.generation) * sim.config().population();
        sim.at(sim.now() + (long) Math.ceil(backtests * 1000.0 * cores / speed), () -> chunkDone(run, next));
    }

    /** The generations up to {@code next} are computed, unless the process died; a sleeping peer finishes them on waking. */
    private void chunkDone(Run run, int next) {
        if (run.incarnation != incarnation || !up) {
            return;
        }
        if (asleep) {
            sim.at(asleepUntil + 1, () -> chunkDone(run, next));
            return;
        }
        backtestsDone += (long) (next - run.generation) * sim.config().population();
        run.generation = next;
        step(run);
    }

    /** A run reached a checkpoint or its end (a verification has one step). A sleeping peer's run waits. */
    private void step(Run run) {
        if (run.incarnation != incarnation || !up) {
            return; // killed with its process
        }
        if (asleep) {
            sim.at(asleepUntil + 1, () -> step(run));
            return;
        }
        LeaseGranted lease = run.lease;
        if (lease.kind() == LeaseKind.VERIFY) {
            finishVerification(run);
        } else if (run.generation < sim.config().generations()) {
            byte[] blob = (lease.searchId() + "/" + lease.unit() + "/" + run.generation + "/" + index)
                    .getBytes(StandardCharsets.UTF_8);
            Sha256 hash = ledger.putBlob(blob);
            node.append(new CheckpointSaved(lease.searchId(), lease.unit(), run.generation, hash, blob.length));
            scheduleStep(run);
        } else {
            running.remove(run.key);
            boolean done = ledger.read(state -> state.unit(lease.searchId(), lease.unit()))
                    .map(u -> u.status() == UnitStatus.DONE).orElse(false);
            if (!done) { // the first valid report wins: a duplicate that lost the race is dropped
                Sha256 trades = trades(lease.searchId(), lease.unit());
                node.append(new StrategyReported(lease.searchId(), lease.unit(), GENOME, METRICS, METRICS, METRICS,
                        METRICS, trades, Simulation.resultDigest(trades), EngineVersion.CURRENT, TRIALS));
                workReports++;
            }
            poll();
        }
    }

    private void finishVerification(Run run) {
        running.remove(run.key);
        backtestsDone++;
        LeaseGranted lease = run.lease;
        boolean undecided = ledger.read(state -> state.strategy(lease.target()))
                .map(s -> s.status() == StrategyStatus.PENDING || s.status() == StrategyStatus.DISPUTED).orElse(true);
        if (undecided) {
            node.append(new VerificationReported(lease.target(),
                    Simulation.resultDigest(trades(lease.searchId(), lease.unit())), EngineVersion.CURRENT));
        }
        poll();
    }

    /** What this peer computes for a unit's trades: the true ones, or a lie from the dishonest peer. */
    Sha256 trades(String searchId, int unit) {
        return honest ? Simulation.trueTrades(searchId, unit)
                : Sha256.of(("lie/" + index + "/" + searchId + "/" + unit).getBytes(StandardCharsets.UTF_8));
    }

    /** A lease being executed. */
    private static final class Run {
        final LeaseGranted lease;
        final String key;
        final int incarnation;
        int generation;

        Run(LeaseGranted lease, String key, int incarnation) {
            this.lease = lease;
            this.key = key;
            this.incarnation = incarnation;
        }
    }
}
