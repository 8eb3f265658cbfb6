package io.strategyminer.consensus;

import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.CheckpointView;
import io.strategyminer.ledger.state.LeaseEpochs;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.PeerView;
import io.strategyminer.ledger.state.Stamp;
import io.strategyminer.ledger.state.StrategyStatus;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.ledger.state.Verdict;
import io.strategyminer.ledger.state.VerificationView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is doing what, and what is left to do, as a pure function of a ledger state, a membership
 * view and the time. The {@link Coordinator} decides from it; a worker asks it which leases it
 * should be running ({@link #assignments(PeerId)}), e.g. after a restart.
 *
 * <p>The rules (the README explains why):
 * <ul>
 *   <li><b>Runners of a unit</b>: its latest WORK lease (by epoch, then stamp) and the SPECULATIVE
 *       leases granted after it; per holder only its latest lease counts (a renewal supersedes).
 *       An earlier WORK lease was re-issued: its holder may still report, and the report counts,
 *       but it no longer holds the unit.</li>
 *   <li>A runner is <b>active</b> while its holder is in the view, has not reported the unit since
 *       the lease, and either the deadline has not passed or the holder saved a checkpoint of the
 *       unit after the lease (progress). Active and past its deadline with progress = due for
 *       renewal.</li>
 *   <li>A verification lease is <b>outstanding</b> while its holder is in the view, its deadline
 *       has not passed, the holder has not verified the strategy and the strategy is undecided.</li>
 *   <li>A unit <b>needs work</b> when it has no canonical report, no active runner, and no report
 *       that verifications may still confirm (pending, or disputed within the verification bound).</li>
 * </ul>
 * Only the ledger state, the view and {@code now} are read, so a new coordinator with the same
 * ledger decides the same. The analyses live in a {@link WorkIndex} (derived state, rebuilt from the
 * ledger state when needed) with ordered indexes of the units that need something; the coordinator
 * reads those ({@link #unitsNeedingWork()} and the like), so a decision does not walk the units
 * that need nothing.
 */
public final class WorkBook {
    private final WorkIndex index;
    private final long version;

    private WorkBook(WorkIndex index) {
        this.index = index;
        this.version = index.version();
    }

    /** Analyses the state from scratch (every unit); nothing of the state is kept but immutable read models. */
    public static WorkBook of(LedgerState state, MembershipView view, long now, LeasePolicy policy) {
        return of(state, view, now, policy, WorkIndex.once());
    }

    /**
     * As {@link #of(LedgerState, MembershipView, long, LeasePolicy)}, with {@code index} brought up to
     * date (see {@link WorkIndex}): the same result, in time proportional to the units that changed
     * rather than to all units. {@code state} must be the state of the ledger {@code index} follows.
     * The work book reads the index: it is valid until the index's next update, and refuses to be
     * read after it (a later decision has moved the index on).
     */
    public static WorkBook of(LedgerState state, MembershipView view, long now, LeasePolicy policy, WorkIndex index) {
        index.update(state, view, now, policy);
        return new WorkBook(index);
    }

    /** The unfinished searches, oldest submission first, with every unit (a walk over all of them). */
    public List<SearchWork> searches() {
        return current().openSearches();
    }

    /** Whether some search is unfinished (a unit has no canonical strategy yet). */
    public boolean hasOpenSearch() {
        return current().hasOpenSearch();
    }

    public MembershipView view() {
        return current().view();
    }

    /** A peer's latest announcement, if the ledger has one. */
    public Optional<PeerView> peer(PeerId peer) {
        return current().peer(peer);
    }

    /**
     * The leases {@code peer} should be running now: its active WORK/SPECULATIVE runners and its
     * outstanding verifications, in search and unit order.
     */
    public List<LeaseView> assignments(PeerId peer) {
        List<LeaseView> out = new ArrayList<>();
        for (UnitWork unit : current().assignedTo(peer)) {
            for (Runner runner : unit.runners()) {
                if (runner.active() && runner.lease().lease().holder().equals(peer)) {
                    out.add(runner.lease());
                }
            }
            for (VerificationNeed need : unit.verifications()) {
                need.outstanding().stream().filter(l -> l.lease().holder().equals(peer)).forEach(out::add);
            }
        }
        return out;
    }

    /** Units of unfinished searches that need work, in search and unit order. */
    Iterable<UnitWork> unitsNeedingWork() {
        return current().needingWork();
    }

    /** How many units {@link #unitsNeedingWork()} lists. */
    int unitsNeedingWorkCount() {
        return current().needingWorkCount();
    }

    /** Units with undecided reports (whatever they still need), in search and unit order. */
    Iterable<UnitWork> unitsVerifying() {
        return current().verifying();
    }

    /** Units with an active runner, in search and unit order. */
    Iterable<UnitWork> unitsRunning() {
        return current().running();
    }

    /** Units with a runner due for renewal, in search and unit order. */
    Iterable<UnitWork> unitsDueForRenewal() {
        return current().renewalDue();
    }

    /** The view's median slot speed in candle-steps per second, NaN when no member announced itself. */
    double viewSlotSpeed() {
        return current().viewSlotSpeed();
    }

    /**
     * Candles each backtest of {@code unit} runs over: its in-sample range (the genetic search backtests only that),
     * or {@link PeerAnnounced#REFERENCE_CANDLES} while the dataset is not known here.
     */
    long unitCandles(UnitWork unit) {
        OptionalInt candles = current().datasetCandles(unit.search());
        return candles.isEmpty() ? PeerAnnounced.REFERENCE_CANDLES
                : Math.max(1, unit.search().spec().unitSplit(unit.unit().unit()).inSample(candles.getAsInt()).length());
    }

    /** Candles a verification of {@code unit}'s reports runs over: the whole dataset (in-sample and holdout). */
    long verificationCandles(UnitWork unit) {
        OptionalInt candles = current().datasetCandles(unit.search());
        return candles.isEmpty() ? PeerAnnounced.REFERENCE_CANDLES : Math.max(1, candles.getAsInt());
    }

    /** Whether {@code unit}'s search still has a unit that needs work (it is not at its end yet). */
    boolean searchNeedsWork(UnitWork unit) {
        return current().searchNeedsWork(unit);
    }

    private WorkIndex current() {
        if (index.version() != version) {
            throw new IllegalStateException("this work book was superseded by a later update of its index");
        }
        return index;
    }

    /** A search that is not done, with every unit analysed. */
    public record SearchWork(SearchSubmitted search, List<UnitWork> units) {
        public SearchWork {
            units = List.copyOf(units);
        }
    }

    /**
     * A WORK or SPECULATIVE lease that currently counts for its unit.
     *
     * @param lease       the lease
     * @param active      see the class comment
     * @param renewalDue  active, past its deadline, with progress since the lease
     */
    public record Runner(LeaseView lease, boolean active, boolean renewalDue) {
    }

    /**
     * Verifications a pending or disputed strategy still needs.
     *
     * @param strategy         the strategy
     * @param wanted           how many more verification leases to grant now
     * @param exhausted        disputed (or pending) with the verification bound reached and nothing outstanding:
     *                         the unit must be re-run elsewhere
     * @param outstanding      verification leases still running
     * @param excludedPeers    the reporter, peers that verified it and holders of outstanding leases
     * @param excludedMachines their machines (used unless the search allows same-machine peers)
     */
    public record VerificationNeed(StrategyView strategy, int wanted, boolean exhausted, List<LeaseView> outstanding,
                                   TreeSet<PeerId> excludedPeers, TreeSet<MachineId> excludedMachines) {
        public VerificationNeed {
            outstanding = List.copyOf(outstanding);
        }
    }

    /**
     * One unit of an unfinished search.
     *
     * @param search         its search
     * @param unit           the ledger's view of it
     * @param done           it is finished: it has a canonical report, or it failed
     * @param runners        the leases that count for it (see the class comment), active or not
     * @param verifications  its undecided reports and what they need
     * @param needsWork      it must be leased as WORK
     * @param failedReporters peers whose report of it was invalid or stayed disputed, or who reported that running
     *                        it failed: it is re-run elsewhere
     */
    public record UnitWork(SearchSubmitted search, UnitView unit, boolean done, List<Runner> runners,
                           List<VerificationNeed> verifications, boolean needsWork, TreeSet<PeerId> failedReporters) {
        public UnitWork {
            runners = List.copyOf(runners);
            verifications = List.copyOf(verifications);
        }

        /** Active runners only. */
        public List<Runner> activeRunners() {
            return runners.stream().filter(Runner::active).toList();
        }

        /** The generation the next holder resumes from: the latest checkpoint's, or 0. */
        public int resumeGeneration() {
            return unit.latestCheckpoint().map(c -> c.checkpoint().generation()).orElse(0);
        }

        static UnitWork of(SearchSubmitted search, UnitView unit, LedgerState state, MembershipView view, long now,
                           LeasePolicy policy) {
            boolean done = unit.status().finished();
            List<Runner> runners = done ? List.of() : runners(unit, state.leaseEpochs(), view, now);
            List<VerificationNeed> needs = new ArrayList<>();
            TreeSet<PeerId> failed = new TreeSet<>();
            // a peer that found the unit fails is not asked to run it again: it would fail the same way
            unit.failures().forEach(failure -> failed.add(failure.reported().origin()));
            boolean openReport = false;
            if (!done) {
                for (StrategyView report : unit.reports()) {
                    StrategyStatus status = report.status();
                    if (status == StrategyStatus.INVALID) {
                        failed.add(report.id().reporter());
                    } else if (status.undecided()) {
                        VerificationNeed need = need(search.spec().quorum(), unit, report, state, view, now, policy);
                        needs.add(need);
                        if (need.exhausted()) {
                            failed.add(report.id().reporter());
                        } else {
                            openReport = true;
                        }
                    }
                }
            }
            boolean anyActive = runners.stream().anyMatch(Runner::active);
            boolean needsWork = !done && !anyActive && !openReport;
            return new UnitWork(search, unit, done, runners, needs, needsWork, failed);
        }

        private static List<Runner> runners(UnitView unit, LeaseEpochs epochs, MembershipView view, long now) {
            List<LeaseView> plausible = new ArrayList<>(unit.leases().size());
            for (LeaseView lease : unit.leases()) { // by (epoch, stamp)
                if (LeasePolicy.plausible(lease.lease(), epochs, now)) {
                    plausible.add(lease);
                }
            }
            LeaseView latestWork = null;
            for (LeaseView lease : plausible) {
                if (lease.lease().kind() == LeaseKind.WORK) {
                    latestWork = lease;
                }
            }
            TreeMap<PeerId, LeaseView> latestPerHolder = new TreeMap<>();
            for (LeaseView lease : plausible) {
                boolean counts = lease == latestWork || (lease.lease().kind() == LeaseKind.SPECULATIVE
                        && (latestWork == null || LeaseView.ORDER.compare(lease, latestWork) > 0));
                if (counts) {
                    latestPerHolder.put(lease.lease().holder(), lease); // later leases replace earlier ones
                }
            }
            List<Runner> runners = new ArrayList<>();
            for (LeaseView lease : latestPerHolder.values()) {
                PeerId holder = lease.lease().holder();
                boolean reportedSince = unit.reports().stream().anyMatch(r -> r.id().reporter().equals(holder)
                        && r.reported().compareTo(lease.granted()) > 0)
                        || unit.failures().stream().anyMatch(f -> f.reported().origin().equals(holder)
                        && f.reported().compareTo(lease.granted()) > 0);
                boolean progress = checkpointedSince(unit, holder, lease.granted());
                boolean late = now > lease.lease().deadlineMillis();
                boolean active = view.contains(holder) && !reportedSince && (!late || progress);
                runners.add(new Runner(lease, active, active && late));
            }
            runners.sort(Comparator.comparing(Runner::lease, LeaseView.ORDER));
            return runners;
        }

        /**
         * Whether {@code holder} saved a checkpoint of the unit after {@code granted}: any of its own, not only the
         * unit's latest, which can be an earlier holder's higher generation when this one could not resume from it
         * (its blob was lost). Scanned newest first: a progressing holder's checkpoints are normally the last.
         */
        private static boolean checkpointedSince(UnitView unit, PeerId holder, Stamp granted) {
            List<CheckpointView> checkpoints = unit.checkpoints();
            for (int i = checkpoints.size() - 1; i >= 0; i--) {
                Stamp saved = checkpoints.get(i).saved();
                if (saved.origin().equals(holder) && saved.compareTo(granted) > 0) {
                    return true;
                }
            }
            return false;
        }

        private static VerificationNeed need(int quorum, UnitView unit, StrategyView report,
                                             LedgerState state, MembershipView view, long now, LeasePolicy policy) {
            TreeSet<PeerId> verified = new TreeSet<>();
            for (VerificationView verification : report.verifications()) {
                verified.add(verification.reported().origin());
            }
            verified.remove(report.id().reporter());
            TreeMap<PeerId, LeaseView> outstanding = new TreeMap<>();
            for (LeaseView lease : unit.leases()) {
                PeerId holder = lease.lease().holder();
                if (lease.lease().kind() == LeaseKind.VERIFY && report.id().equals(lease.lease().target())
                        && LeasePolicy.plausible(lease.lease(), state.leaseEpochs(), now)
                        && view.contains(holder) && now <= lease.lease().deadlineMillis()
                        && !verified.contains(holder)) {
                    outstanding.put(holder, lease);
                }
            }
            TreeSet<PeerId> excludedPeers = new TreeSet<>(verified);
            excludedPeers.addAll(outstanding.keySet());
            excludedPeers.add(report.id().reporter());
            TreeSet<MachineId> excludedMachines = new TreeSet<>();
            excludedPeers.forEach(p -> state.peer(p).ifPresent(v -> excludedMachines.add(v.announced().machineId())));

            Verdict verdict = report.verdict();
            int top = verdict.tallies().isEmpty() ? 0 : verdict.tallies().get(0).independent();
            int second = verdict.tallies().size() > 1 ? verdict.tallies().get(1).independent() : 0;
            // Enough votes for the reported digest to reach the quorum (votes for other digests, however many,
            // cannot make it canonical on a peer that re-ran it), and one more to break a tie at the top.
            int needed = Math.max(quorum - verdict.support(report.report().digest()), top == second ? 1 : 0);
            int room = policy.maxVerifications(quorum) - verified.size() - outstanding.size();
            int wanted = Math.max(0, Math.min(needed - outstanding.size(), room));
            boolean exhausted = needed > 0 && outstanding.isEmpty() && room <= 0;
            return new VerificationNeed(report, wanted, exhausted, new ArrayList<>(outstanding.values()),
                    excludedPeers, excludedMachines);
        }
    }
}
