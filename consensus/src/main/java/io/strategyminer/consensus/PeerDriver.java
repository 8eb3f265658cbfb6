package io.strategyminer.consensus;

import io.strategyminer.ledger.Replica;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.Stamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Every decision a peer makes about work, in one place: the peer runtime and the cluster simulator both run
 * this class, behind an injected clock, membership, transport, ledger and {@link Slots} (the real worker
 * threads, or timed simulated runs).
 *
 * <ul>
 *   <li><b>Tick</b> ({@link #tick()}): a nap longer than the membership's silence timeout stops every running
 *       unit and takes no work until the next view change ({@link WakeGuard}); otherwise the coordinator's
 *       duty (renewals), then {@link #askAndRun() reconcile and ask}.</li>
 *   <li><b>Reconcile</b>: start every assigned lease not running yet, in assignment order, while slots are
 *       free; cancel at once every running lease no longer assigned (re-issued, revoked, its unit finished).
 *       A grant that ran to its end is never started again, even while the ledger still lists it.</li>
 *   <li><b>Ask</b>: when {@linkplain WorkBook#hasOpenSearch() some search is open} (the one definition of open
 *       work: a search with a unit neither done nor failed) and the peer wants leases, ask the coordinator for
 *       them (the coordinator serves itself at once), then reconcile again. It wants one per free slot, plus its
 *       {@linkplain LeasePolicy#queuedLeases() queue}, minus the assigned leases waiting for a slot: a busy peer
 *       asks for its next unit while it runs this one, so the unit is at hand when a slot frees.</li>
 *   <li><b>Publish</b> (any thread): a checkpoint only while its lease is still assigned and the peer takes work;
 *       a report the same, and not if its unit is already finished (a speculative copy that lost the race);
 *       a verification the same, and only while the strategy is {@linkplain
 *       io.strategyminer.ledger.state.StrategyStatus#undecided() undecided}.</li>
 * </ul>
 *
 * <p>Threads: {@link #tick()}, {@link #viewChanged()}, {@link #reconcile()}, {@link #slotFreed()} and
 * {@link #receive} on one thread (the {@link ConsensusNode} is not thread-safe); {@link #takingWork()},
 * {@link #mayPublish}, {@link #checkpoint}, {@link #report}, {@link #vote} and {@link #ended} from any
 * thread (the ledger is thread-safe).
 */
public final class PeerDriver {

    /** The two clocks a peer reads: wall time for lease deadlines, a monotonic one to notice naps. */
    public interface Clock {
        /** Unix milliseconds (lease deadlines are compared with it). */
        long millis();

        /** Monotonic nanoseconds (a gap between ticks longer than the silence timeout is a nap). */
        long nanos();
    }

    /**
     * What runs leases: one lease per slot. The driver decides what starts and what stops; the slots run it,
     * call the driver's publish methods on the way and {@link #ended} when a run ends, then tell the driver's
     * thread that a slot is free ({@link #slotFreed()}).
     */
    public interface Slots {
        /**
         * Starts running {@code lease} in a free slot.
         *
         * @return false if the slots decline it for now (e.g. backing off after a failure that may pass)
         */
        boolean start(LeaseView lease);

        /** Stops the run of {@code key} now (its lease is no longer this peer's). */
        void cancel(LeaseKey key);

        /** The leases running now. */
        Set<LeaseKey> running();

        /** Slots not running a lease. */
        int free();
    }

    /** What a slot runs; a renewal of a WORK lease has the same key, so it keeps running. */
    public record LeaseKey(String searchId, int unit, Optional<StrategyId> verifies) {
        public static LeaseKey of(LeaseGranted lease) {
            return new LeaseKey(lease.searchId(), lease.unit(),
                    lease.kind() == LeaseKind.VERIFY ? Optional.of(lease.target()) : Optional.empty());
        }
    }

    /** What became of a result a slot handed over. */
    public enum Outcome {
        /** Appended to the ledger. */
        APPENDED,
        /** Not needed any more (the unit is finished, the strategy decided): the run is over all the same. */
        DROPPED,
        /** Not this peer's to publish now (the lease was taken back, or the peer takes no work): run it again later. */
        WITHHELD
    }

    /** The outcome of a publish call and, when {@link Outcome#APPENDED}, the event. */
    public record Publication(Outcome outcome, Optional<Event> event) {
        static final Publication DROPPED = new Publication(Outcome.DROPPED, Optional.empty());
        static final Publication WITHHELD = new Publication(Outcome.WITHHELD, Optional.empty());

        static Publication appended(Event event) {
            return new Publication(Outcome.APPENDED, Optional.of(event));
        }
    }

    /** Runs a coordinator duty; the simulator measures it, the peer just runs it. */
    public interface DutyMeter {
        DutyMeter NONE = Supplier::get;

        List<Event> run(Supplier<List<Event>> duty);
    }

    private final Replica ledger;
    private final ConsensusNode node;
    private final Clock clock;
    private final WakeGuard wake;
    private final BooleanSupplier available;
    private final DutyMeter meter;
    private Slots slots;
    /** The keys assigned at the last reconcile (empty while the peer takes no work); read by publishing slots. */
    private volatile Set<LeaseKey> assigned = Set.of();
    /** Grants run to their end: never started again. */
    private final Set<Stamp> finished = ConcurrentHashMap.newKeySet();
    /** The highest lease epoch {@link #concerns} has seen. */
    private final AtomicLong epochSeen = new AtomicLong(-1);
    private final AtomicLong naps = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param index     the work index of {@code ledger}'s state ({@link WorkIndex#following})
     * @param available whether the host lets this peer work at all (the peer: its own chain is complete and its
     *                  disk has room; the simulator: the process is up and in a view). While false, nothing runs,
     *                  nothing is asked, granted or published, and the membership is not read
     */
    public PeerDriver(Replica ledger, WorkIndex index, Membership membership, Transport transport,
                      Coordinator coordinator, Clock clock, WakeGuard wake, BooleanSupplier available,
                      DutyMeter meter) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.node = new ConsensusNode(ledger, index, membership, transport, coordinator);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.available = Objects.requireNonNull(available, "available");
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    /** Connects the slots that run this peer's leases (once, before the first tick). */
    public void attach(Slots runner) {
        if (this.slots != null) {
            throw new IllegalStateException("slots already attached");
        }
        this.slots = Objects.requireNonNull(runner, "slots");
    }

    public ConsensusNode node() {
        return node;
    }

    public PeerId self() {
        return node.self();
    }

    // ---- the driver's thread ----

    /** Periodic: the nap check, the coordinator's renewals, then reconcile and ask. */
    public void tick() {
        if (wake.tick(clock.nanos())) {
            naps.incrementAndGet();
            stopAll();
        }
        if (!takingWork()) {
            stopAll();
            return; // no coordinator duty either: a peer that takes no work grants nothing
        }
        long now = clock.millis();
        meter.run(() -> node.tick(now));
        askAndRun();
    }

    /** A new view is installed: whatever a nap missed, the peer is among the others again; reconcile and ask. */
    public void viewChanged() {
        wake.viewChanged();
        askAndRun();
    }

    /** A lease was stored (this peer's, or another's that may replace one of ours): start and stop at once. */
    public void reconcile() {
        reconcile(clock.millis());
    }

    /**
     * Whether a stored lease may change what this peer should run, so that it is worth a {@link #reconcile()} now:
     * one naming this peer, one of a unit it was assigned at the last reconcile (a re-issue takes it over), or the
     * first of a newer lease epoch (a new coordinator's term decides which leases count). Any other lease changes
     * none of this peer's assignments; in a large cluster they are nearly all of them, and the next tick reconciles
     * anyway. Any thread.
     */
    public boolean concerns(LeaseGranted lease) {
        boolean newerEpoch = epochSeen.getAndAccumulate(lease.epoch(), Math::max) < lease.epoch();
        return newerEpoch || lease.holder().equals(self()) || assigned.stream()
                .anyMatch(key -> key.unit() == lease.unit() && key.searchId().equals(lease.searchId()));
    }

    /** A slot finished: reconcile and ask for more. */
    public void slotFreed() {
        askAndRun();
    }

    /**
     * A message from {@code from}: work requests are served only by a coordinator that takes work (the asker
     * asks the next coordinator).
     *
     * @return the leases granted
     */
    public List<Event> receive(PeerId from, ConsensusMessage message) {
        if (!takingWork()) {
            return List.of();
        }
        long now = clock.millis();
        return meter.run(() -> node.receive(from, message, now));
    }

    /** Reconciles the running leases with the assignments and, while it wants leases and work is open, asks. */
    public void askAndRun() {
        long now = clock.millis();
        int wanted = reconcile(now);
        if (wanted > 0 && takingWork()) {
            meter.run(() -> node.requestWork(wanted, now));
            reconcile(now); // the coordinator serves itself at once
        }
    }

    /**
     * @return the leases to ask for: none unless some search is open; else one per free slot, plus the queue, minus
     *         the assigned leases left waiting for a slot
     */
    private int reconcile(long now) {
        Slots runner = requireSlots();
        // running first, then what is finished: a slot records its end before it leaves the running set
        Set<LeaseKey> running = runner.running();
        if (!takingWork()) {
            assigned = Set.of();
            stop(running);
            return 0;
        }
        WorkBook book = node.workBook(now);
        Map<LeaseKey, LeaseView> wanted = new LinkedHashMap<>();
        for (LeaseView lease : book.assignments(self())) {
            if (!finished.contains(lease.granted())) {
                wanted.putIfAbsent(LeaseKey.of(lease.lease()), lease);
            }
        }
        assigned = Set.copyOf(wanted.keySet());
        List<LeaseKey> gone = new ArrayList<>();
        for (LeaseKey key : running) {
            if (!wanted.containsKey(key)) {
                gone.add(key);
            }
        }
        stop(gone);
        int waiting = 0;
        for (Map.Entry<LeaseKey, LeaseView> entry : wanted.entrySet()) {
            boolean started = running.contains(entry.getKey())
                    || runner.free() > 0 && runner.start(entry.getValue());
            if (!started) {
                waiting++;
            }
        }
        return book.hasOpenSearch() ? runner.free() + node.policy().queuedLeases() - waiting : 0;
    }

    private void stopAll() {
        assigned = Set.of();
        stop(requireSlots().running());
    }

    private void stop(Iterable<LeaseKey> keys) {
        for (LeaseKey key : keys) {
            cancelled.incrementAndGet();
            slots.cancel(key);
        }
    }

    private Slots requireSlots() {
        if (slots == null) {
            throw new IllegalStateException("no slots attached");
        }
        return slots;
    }

    // ---- any thread ----

    /** Whether this peer may run, ask for and publish work now: the host allows it and it is not catching up after a nap. */
    public boolean takingWork() {
        return available.getAsBoolean() && !wake.catchingUp(clock.nanos());
    }

    /** Whether a result of {@code lease} may be published now: the lease is still assigned and the peer takes work. */
    public boolean mayPublish(LeaseGranted lease) {
        return takingWork() && assigned.contains(LeaseKey.of(lease));
    }

    /** A run of {@code lease} saved a checkpoint (its blob is stored): appends it if it may. */
    public Publication checkpoint(LeaseGranted lease, int generation, Sha256 blob, long size) {
        if (!mayPublish(lease)) {
            return Publication.WITHHELD;
        }
        return Publication.appended(node.append(new CheckpointSaved(lease.searchId(), lease.unit(), generation, blob,
                size)));
    }

    /** A run of {@code lease} finished its unit: appends the report unless the unit is finished already. */
    public Publication report(LeaseGranted lease, StrategyReported report) {
        if (!mayPublish(lease)) {
            return Publication.WITHHELD;
        }
        boolean unitFinished = ledger.read(state -> state.unit(lease.searchId(), lease.unit()))
                .map(unit -> unit.status().finished()).orElse(false);
        if (unitFinished) {
            dropped.incrementAndGet();
            return Publication.DROPPED; // the first valid report wins: a copy that lost the race is dropped
        }
        return Publication.appended(node.append(report));
    }

    /** A verification of {@code lease} finished: appends the vote while the strategy is undecided. */
    public Publication vote(LeaseGranted lease, VerificationReported vote) {
        if (!mayPublish(lease)) {
            return Publication.WITHHELD;
        }
        boolean undecided = ledger.read(state -> state.strategy(lease.target()))
                .map(strategy -> strategy.status().undecided()).orElse(true);
        if (!undecided) {
            dropped.incrementAndGet();
            return Publication.DROPPED;
        }
        return Publication.appended(node.append(vote));
    }

    /**
     * A run of {@code lease} ended; {@code completed}: it ran to its end (its result appended, dropped, or its
     * failure recorded), so the grant is never started again. Call before the slot leaves {@link Slots#running()}.
     */
    public void ended(LeaseView lease, boolean completed) {
        if (completed) {
            finished.add(lease.granted());
        }
    }

    // ---- counters ----

    /** Naps seen (each stopped the running units). */
    public long naps() {
        return naps.get();
    }

    /** Runs cancelled: their lease was no longer assigned, or the peer stopped taking work. */
    public long cancelled() {
        return cancelled.get();
    }

    /** Results dropped because the unit was finished or the strategy decided meanwhile. */
    public long dropped() {
        return dropped.get();
    }
}
