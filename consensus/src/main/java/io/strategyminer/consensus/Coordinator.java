package io.strategyminer.consensus;

import io.strategyminer.consensus.WorkBook.Runner;
import io.strategyminer.consensus.WorkBook.UnitWork;
import io.strategyminer.consensus.WorkBook.VerificationNeed;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.PeerView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The coordinator's duties as pure, deterministic decisions (DESIGN §5): no sockets, clocks or
 * threads; the ledger state, the view, the term ({@link LeaseTerm}), the request and the time are the only inputs, so a new
 * coordinator that holds the same ledger decides exactly the same. The caller appends the returned
 * {@link LeaseGranted} payloads to its ledger (which broadcasts them).
 *
 * <p>A peer asks for work ({@link #grant}) for its free slots and its queue; it gets, up to what it asked for, never
 * more than its announced cores minus the leases it already holds, plus {@link LeasePolicy#queuedLeases} while at
 * least one unit per member of the view would still need work after the request (at the end of a search a queued
 * lease would wait while another peer idles). A lease beyond the holder's cores waits for one of its leases to end,
 * at the latest by the earliest of their deadlines: its deadline is counted from then.
 * In this order:
 * <ol>
 *   <li>verifications of pending or disputed strategies (they unblock canonical results), only of
 *       reports by other peers, on other machines than the reporter and earlier verifiers unless the
 *       search allows same-machine peers, and only with the report's engine version;</li>
 *   <li>work units that need work, oldest search first, in unit order, resuming from the latest
 *       checkpoint; a unit whose reports failed is not given back to the peers that failed it;</li>
 *   <li>at the end of a search (no unit of it needs work), speculative duplicates of the running
 *       units with the latest deadlines (the slowest), to peers not already running them, of units with no report
 *       awaiting verification, and never to a peer that reported the unit.</li>
 * </ol>
 * {@link #renewals} extends, at the coordinator's periodic tick, the leases of holders that missed
 * their deadline but showed progress. Leases of holders that left the view, or missed the deadline
 * without progress, simply stop counting ({@link WorkBook}): the unit goes to the next asker.
 */
public final class Coordinator {
    private final LeasePolicy policy;

    public Coordinator(LeasePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public LeasePolicy policy() {
        return policy;
    }

    /**
     * The leases to grant {@code requester}, which asks for {@code wanted} (its free worker slots and its queue), by
     * the view's coordinator in a new term (as a coordinator that has just taken over would).
     * Nothing if the requester is not in the view or has not announced itself.
     */
    public List<LeaseGranted> grant(LedgerState state, MembershipView view, PeerId requester, int wanted, long now) {
        return grant(WorkBook.of(state, view, now, policy), newTerm(state, view), requester, wanted, now);
    }

    /** As {@link #grant(LedgerState, MembershipView, PeerId, int, long)} over an analysed state, in {@code term}. */
    public List<LeaseGranted> grant(WorkBook book, LeaseTerm term, PeerId requester, int wanted, long now) {
        Optional<PeerView> peer = book.peer(requester);
        if (!book.view().contains(requester) || peer.isEmpty()) {
            return List.of();
        }
        Grants grants = new Grants(book, term.epoch(), requester, peer.get().announced(), wanted, now);
        verifications(book, grants);
        work(book, grants);
        speculative(book, grants);
        return grants.granted;
    }

    /** Renewed leases for holders past their deadline that saved a checkpoint since their lease (in a new term). */
    public List<LeaseGranted> renewals(LedgerState state, MembershipView view, long now) {
        return renewals(WorkBook.of(state, view, now, policy), newTerm(state, view), now);
    }

    /** As {@link #renewals(LedgerState, MembershipView, long)} over an analysed state, in {@code term}. */
    public List<LeaseGranted> renewals(WorkBook book, LeaseTerm term, long now) {
        List<LeaseGranted> renewed = new ArrayList<>();
        for (UnitWork unit : book.unitsDueForRenewal()) {
            for (Runner runner : unit.runners()) {
                LeaseGranted lease = runner.lease().lease();
                Optional<PeerView> holder = book.peer(lease.holder());
                if (runner.renewalDue() && holder.isPresent()) {
                    renewed.add(new LeaseGranted(lease.searchId(), lease.unit(), lease.holder(), term.epoch(),
                            policy.workDeadline(holder.get().announced(), book.viewSlotSpeed(), book.unitCandles(unit),
                                    unit.search().spec(), unit.resumeGeneration(), now),
                            lease.kind(), null));
                }
            }
        }
        return renewed;
    }

    private static LeaseTerm newTerm(LedgerState state, MembershipView view) {
        return LeaseTerm.next(Optional.empty(), view, state.leaseEpochs(), view.coordinator().peer());
    }

    private void verifications(WorkBook book, Grants grants) {
        PeerAnnounced announced = grants.announced;
        for (UnitWork unit : book.unitsVerifying()) {
            for (VerificationNeed need : unit.verifications()) {
                if (grants.full()) {
                    return;
                }
                boolean independent = unit.search().spec().allowSameMachine()
                        || !need.excludedMachines().contains(announced.machineId());
                if (need.wanted() > 0 && !need.excludedPeers().contains(grants.requester) && independent
                        && announced.engineVersion().equals(need.strategy().report().engineVersion())) {
                    grants.add(unit, LeaseKind.VERIFY, need.strategy().id(), policy.verifyDeadline(announced,
                            book.viewSlotSpeed(), book.verificationCandles(unit), grants.startOfNext()));
                }
            }
        }
    }

    private void work(WorkBook book, Grants grants) {
        for (UnitWork unit : book.unitsNeedingWork()) {
            if (grants.full()) {
                return;
            }
            if (!unit.failedReporters().contains(grants.requester)) {
                grants.add(unit, LeaseKind.WORK, null, workDeadline(book, unit, grants));
            }
        }
    }

    private void speculative(WorkBook book, Grants grants) {
        if (grants.full() || policy.speculativePerUnit() == 0) {
            return;
        }
        PeerId requester = grants.requester;
        List<UnitWork> candidates = new ArrayList<>();
        for (UnitWork unit : book.unitsRunning()) {
            if (book.searchNeedsWork(unit)) {
                continue; // not the end of this search yet
            }
            List<Runner> active = unit.activeRunners();
            long duplicates = active.stream().filter(r -> r.lease().lease().kind() == LeaseKind.SPECULATIVE).count();
            boolean runsIt = active.stream().anyMatch(r -> r.lease().lease().holder().equals(requester));
            // A duplicate races a slow runner to a result. A unit with a report that verifications may still confirm
            // has its result already, and a peer that reported the unit would only compute it again: without these
            // two rules a peer cut off from the runner's side re-ran and re-reported the unit in a loop.
            boolean resultAwaitsVerification = unit.verifications().stream().anyMatch(need -> !need.exhausted());
            boolean reportedIt = unit.unit().reports().stream().anyMatch(r -> r.id().reporter().equals(requester));
            if (duplicates < policy.speculativePerUnit() && !runsIt && !resultAwaitsVerification && !reportedIt
                    && !unit.failedReporters().contains(requester)) {
                candidates.add(unit);
            }
        }
        // Slowest first (a stable sort: ties stay in search and unit order): the unit whose earliest
        // active deadline is latest will finish last.
        candidates.sort(Comparator.comparingLong(Coordinator::earliestDeadline).reversed());
        for (UnitWork unit : candidates) {
            if (grants.full()) {
                return;
            }
            grants.add(unit, LeaseKind.SPECULATIVE, null, workDeadline(book, unit, grants));
        }
    }

    private long workDeadline(WorkBook book, UnitWork unit, Grants grants) {
        return policy.workDeadline(grants.announced, book.viewSlotSpeed(), book.unitCandles(unit), unit.search().spec(),
                unit.resumeGeneration(), grants.startOfNext());
    }

    private static long earliestDeadline(UnitWork unit) {
        return unit.activeRunners().stream().mapToLong(r -> r.lease().lease().deadlineMillis()).min()
                .orElse(Long.MAX_VALUE);
    }

    /** The leases of one request, as they are granted: how many it may get, and when the next one can start. */
    private final class Grants {
        final PeerId requester;
        final PeerAnnounced announced;
        final List<LeaseGranted> granted = new ArrayList<>();
        private final long epoch;
        private final long now;
        /** Leases that would run at once: the holder's free cores, as far as it asked for them. */
        private final int runnable;
        /** All the request may get: the runnable ones and, while work is plentiful, the queue. */
        private final int limit;
        /** The earliest deadline among the holder's leases and those granted so far: when a queued lease can start. */
        private long earliestEnd;

        Grants(WorkBook book, long epoch, PeerId requester, PeerAnnounced announced, int wanted, long now) {
            this.requester = requester;
            this.announced = announced;
            this.epoch = epoch;
            this.now = now;
            List<LeaseView> held = book.assignments(requester);
            int freeCores = announced.cores() - held.size();
            this.runnable = Math.min(wanted, freeCores);
            int withQueue = Math.min(wanted, freeCores + policy.queuedLeases());
            boolean plentiful = book.unitsNeedingWorkCount() - withQueue >= book.view().members().size();
            this.limit = plentiful ? withQueue : runnable;
            this.earliestEnd = held.stream().mapToLong(lease -> lease.lease().deadlineMillis()).min()
                    .orElse(Long.MAX_VALUE);
        }

        boolean full() {
            return granted.size() >= limit;
        }

        /**
         * When the next lease granted would start: now while a core is free for it; else when the earliest of the
         * holder's leases ends (by its deadline), not before now and not later than the longest lease from now, so
         * its own deadline stays within what an honest coordinator grants.
         */
        long startOfNext() {
            if (granted.size() < runnable) {
                return now;
            }
            return Math.min(Math.max(earliestEnd, now), now + LeasePolicy.MAX_LEASE_MILLIS);
        }

        void add(UnitWork unit, LeaseKind kind, StrategyId target, long deadline) {
            granted.add(new LeaseGranted(unit.search().searchId(), unit.unit().unit(), requester, epoch, deadline,
                    kind, target));
            earliestEnd = Math.min(earliestEnd, deadline);
        }
    }
}
