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
import io.strategyminer.consensus.PeerDriver;
import io.strategyminer.consensus.Transport;
import io.strategyminer.consensus.WakeGuard;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Replica;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.UnitView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One simulated peer: a real {@link Ledger} (its own, or one it shares with a group of peers: {@link SimReplica}),
 * the production {@link PeerDriver} (hence the real {@link ConsensusNode}) and worker slots whose runs are
 * simulated: a work unit takes {@code population × generations} backtests at this
 * peer's per-slot speed, checkpoints every few generations and reports a digest that is a fixed
 * function of the unit (a dishonest peer reports a wrong one). Every decision (what to start, cancel,
 * ask for, publish; the wake-up rule) is the driver's. The peer is its own {@link Membership}, {@link
 * Transport} and clock: the simulation installs views into it, carries its messages and replicates
 * its ledger.
 */
final class SimPeer implements Membership, Transport, PeerDriver.Clock {
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
    /** The ledger copy this peer reads and appends to. */
    final SimReplica replica;
    private final LinkedHashMap<PeerDriver.LeaseKey, Run> running = new LinkedHashMap<>();
    private final List<Consumer<MembershipView>> viewListeners = new ArrayList<>();

    ConsensusNode node;
    PeerDriver driver;
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
    private boolean reconcileScheduled;
    /** Over every incarnation: naps the driver saw, runs it cancelled, results it dropped. */
    long naps;
    long cancelled;
    long dropped;
    SimPeer(Simulation sim, int index, MachineId machine, int cores, double speed, boolean honest,
            Coordinator coordinator, SimReplica replica) {
        this.sim = sim;
        this.index = index;
        this.identity = SimIdentities.of(index);
        this.machine = machine;
        this.cores = cores;
        this.speed = speed;
        this.honest = honest;
        this.coordinator = coordinator;
        this.replica = replica;
        replica.members.add(this);
    }

    /** Whether every unit of every search has at least one report in this peer's ledger. */
    boolean everyUnitReported() {
        return replica.unitsReported() == sim.config().totalUnits();
    }

    /** The ledger this peer's copy is (shared with the other members of its group, if any). */
    Ledger ledger() {
        return replica.ledger;
    }

    PeerId id() {
        return identity.peerId();
    }

    /** Running and awake: processes messages and timers. */
    boolean active() {
        return up && !asleep;
    }

    /**
     * Starts (or restarts after a crash) the process: reopens its own ledger from its store; a shared one is open
     * already (only peers that never crash share one).
     */
    void boot() {
        up = true;
        incarnation++;
        running.clear();
        if (!replica.shared()) {
            replica.open();
        }
        Replica ledger = replica.access(this);
        driver = new PeerDriver(ledger, replica.workIndex, this, this, coordinator, this,
                new WakeGuard(Duration.ofMillis(Simulation.SILENT_DETECTION_MILLIS),
                        Duration.ofMillis(4 * Simulation.MERGE_MILLIS)),
                () -> active() && view != null, duty -> sim.timeCoordinator(this, duty));
        driver.attach(new SimSlots());
        node = driver.node();
        ledger.subscribe((event, local) -> {
            if (local) {
                if (!(event.payload() instanceof PeerAnnounced) && !(event.payload() instanceof SearchSubmitted)
                        && !driver.takingWork()) {
                    sim.violation("peer " + index + " appended " + event.payload().getClass().getSimpleName()
                            + " while it takes no work (catching up after a nap)");
                }
                sim.signatures().rememberSigned(event, identity);
                sim.traceAppend(this, event);
                sim.gossip(this, event);
            }
            if (event.payload() instanceof LeaseGranted lease && driver.concerns(lease)) {
                scheduleReconcile(); // ours to start, or another's that replaces ours
            }
        });
        if (replica.ledger.versionVector().get(id()) == 0) {
            node.append(PeerAnnounced.of(identity, "sim-" + index, machine, cores, speed, EngineVersion.CURRENT));
        }
    }

    void crash() {
        countDriver();
        up = false;
        running.clear();
    }

    /** Adds the current driver's counters to the peer's (at a crash and at the end of the run). */
    void countDriver() {
        if (driver != null) {
            naps += driver.naps();
            cancelled += driver.cancelled();
            dropped += driver.dropped();
        }
    }

    // ---- clock ----

    @Override
    public long millis() {
        return sim.now();
    }

    @Override
    public long nanos() {
        return sim.now() * 1_000_000L;
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

    /** Installs a view (null: the process is down, out of every group) and tells the listeners and the driver. */
    void install(MembershipView installed) {
        view = installed;
        if (installed != null) {
            viewListeners.forEach(listener -> listener.accept(installed));
            int inc = incarnation;
            sim.at(sim.now(), () -> {
                if (inc == incarnation && active() && view == installed) {
                    driver.viewChanged();
                }
            });
        }
    }

    @Override
    public void send(PeerId to, ConsensusMessage message) {
        sim.send(this, to, message);
    }

    /** Every simulated second, while the process runs and is awake. */
    void tick() {
        driver.tick();
    }

    /** A lease that may change our runs was stored: the driver reconciles once at this instant, however many arrived. */
    private void scheduleReconcile() {
        if (!reconcileScheduled) {
            reconcileScheduled = true;
            int inc = incarnation;
            sim.at(sim.now(), () -> {
                reconcileScheduled = false;
                if (inc == incarnation && active() && view != null) {
                    driver.reconcile();
                }
            });
        }
    }

    // ---- slots: simulated runs ----

    /**
     * The peer's worker slots, simulated: a work unit takes {@code population × generations} backtests at this
     * peer's per-slot speed and checkpoints every few generations; a verification takes one backtest (plus a
     * little overhead). What starts, stops and gets published is the {@link PeerDriver}'s decision.
     */
    private final class SimSlots implements PeerDriver.Slots {
        @Override
        public boolean start(LeaseView lease) {
            PeerDriver.LeaseKey key = PeerDriver.LeaseKey.of(lease.lease());
            Run run = new Run(lease, key, incarnation);
            running.put(key, run);
            if (lease.lease().kind() == LeaseKind.VERIFY) {
                sim.at(sim.now() + 20 + (long) Math.ceil(1000.0 * cores / speed), () -> step(run));
            } else {
                run.generation = replica.ledger
                        .read(state -> state.unit(lease.lease().searchId(), lease.lease().unit()))
                        .flatMap(UnitView::latestCheckpoint).map(c -> c.checkpoint().generation()).orElse(0);
                scheduleStep(run);
            }
            return true;
        }

        @Override
        public void cancel(PeerDriver.LeaseKey key) {
            running.remove(key);
        }

        @Override
        public Set<PeerDriver.LeaseKey> running() {
            return new LinkedHashSet<>(running.keySet());
        }

        @Override
        public int free() {
            return cores - running.size();
        }
    }

    private boolean current(Run run) {
        return run.incarnation == incarnation && up && running.get(run.key) == run;
    }

    private void scheduleStep(Run run) {
        int next = Math.min(sim.config().generations(), (run.generation / sim.config().checkpointEvery() + 1)
                * sim.config().checkpointEvery());
        double backtests = (double) (next - run.generation) * sim.config().population();
        sim.at(sim.now() + (long) Math.ceil(backtests * 1000.0 * cores / speed), () -> chunkDone(run, next));
    }

    /** The generations up to {@code next} are computed, unless the run was stopped; a sleeping peer finishes them on waking. */
    private void chunkDone(Run run, int next) {
        if (!current(run)) {
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
        if (!current(run)) {
            return; // cancelled, or killed with its process
        }
        if (asleep) {
            sim.at(asleepUntil + 1, () -> step(run));
            return;
        }
        LeaseGranted lease = run.lease.lease();
        PeerDriver.Outcome outcome;
        if (lease.kind() == LeaseKind.VERIFY) {
            backtestsDone++;
            outcome = driver.vote(lease, new VerificationReported(lease.target(),
                    Simulation.resultDigest(trades(lease.searchId(), lease.unit())), EngineVersion.CURRENT)).outcome();
        } else if (run.generation < sim.config().generations()) {
            byte[] blob = (lease.searchId() + "/" + lease.unit() + "/" + run.generation + "/" + index)
                    .getBytes(StandardCharsets.UTF_8);
            Sha256 hash = replica.ledger.putBlob(blob);
            if (driver.checkpoint(lease, run.generation, hash, blob.length).outcome() == PeerDriver.Outcome.APPENDED) {
                scheduleStep(run);
                return;
            }
            outcome = PeerDriver.Outcome.WITHHELD;
        } else {
            Sha256 trades = trades(lease.searchId(), lease.unit());
            outcome = driver.report(lease, new StrategyReported(lease.searchId(), lease.unit(), GENOME, METRICS, METRICS,
                    METRICS, METRICS, trades, Simulation.resultDigest(trades), EngineVersion.CURRENT, TRIALS)).outcome();
            if (outcome == PeerDriver.Outcome.APPENDED) {
                workReports++;
            }
        }
        driver.ended(run.lease, outcome != PeerDriver.Outcome.WITHHELD);
        running.remove(run.key);
        driver.slotFreed();
    }

    /** What this peer computes for a unit's trades: the true ones, or a lie from the dishonest peer. */
    Sha256 trades(String searchId, int unit) {
        return honest ? Simulation.trueTrades(searchId, unit)
                : Sha256.of(("lie/" + index + "/" + searchId + "/" + unit).getBytes(StandardCharsets.UTF_8));
    }

    /** A lease being executed. */
    private static final class Run {
        final LeaseView lease;
        final PeerDriver.LeaseKey key;
        final int incarnation;
        int generation;

        Run(LeaseView lease, PeerDriver.LeaseKey key, int incarnation) {
            this.lease = lease;
            this.key = key;
            this.incarnation = incarnation;
        }
    }
}
