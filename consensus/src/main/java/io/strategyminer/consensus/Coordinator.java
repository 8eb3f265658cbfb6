package io.strategyminer.consensus;

import io.strategyminer.consensus.WorkBook.Runner;
import io.strategyminer.consensus.WorkBook.UnitWork;
import io.strategyminer.consensus.WorkBook.VerificationNeed;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.PeerId;
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
 * <p>A peer with free slots asks for work ({@link #grant}); it gets, up to its free slots and never
 * more than its announced cores minus the leases it already holds:
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
     * The leases to grant {@code requester}, which says it has {@code freeSlots} free worker slots, by the view's
     * coordinator in a new term (as a coordinator that has just taken over would).
     * Nothing if the requester is not in the view or has not announced itself.
     */
    public List<LeaseGranted> grant(LedgerState state, MembershipView view, PeerId requester, int freeSlots,
                                    long now) {
        return grant(WorkBook.of(state, view, now, policy), newTerm(state, view), requester, freeSlots, now);
    }

    /** As {@link #grant(LedgerState, MembershipView, PeerId, int, long)} over an analysed state, in {@code term}. */
    public List<LeaseGranted> grant(WorkBook book, LeaseTerm term, PeerId requester, int freeSlots, long now) {
        Optional<PeerView> peer = book.peer(requester);
        if (!book.view().contains(requester) || peer.isEmpty()) {
            return List.of();
        }
        PeerAnnounced announced = peer.get().announced();
        int slots = Math.min(freeSlots, announced.cores() - book.assignments(requester).size());
        List<LeaseGranted> granted = new ArrayList<>();
        long epoch = term.epoch();
        verifications(book, requester, announced, slots, now, epoch, granted);
        work(book, requester, announced, slots, now, epoch, granted);
        speculative(book, requester, announced, slots, now, epoch, granted);
        return granted;
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

    private void verifications(WorkBook book, PeerId requester, PeerAnnounced announced, int slots, long now,
                               long epoch, List<LeaseGranted> granted) {
        for (UnitWork unit : book.unitsVerifying()) {
            for (VerificationNeed need : unit.verifications()) {
                if (granted.size() >= slots) {
                    return;
                }
                boolean independent = unit.search().spec().allowSameMachine()
                        || !need.excludedMachines().contains(announced.machineId());
                if (need.wanted() > 0 && !need.excludedPeers().contains(requester) && independent
                        && announced.engineVersion().equals(need.strategy().report().engineVersion())) {
                    granted.add(new LeaseGranted(unit.search().searchId(), unit.unit().unit(), requester, epoch,
                            policy.verifyDeadline(announced, book.viewSlotSpeed(), book.verificationCandles(unit), now),
                            LeaseKind.VERIFY, need.strategy().id()));
                }
            }
        }
    }

    private void work(WorkBook book, PeerId requester, PeerAnnounced announced, int slots, long now, long epoch,
                      List<LeaseGranted> granted) {
        for (UnitWork unit : book.unitsNeedingWork()) {
            if (granted.size() >= slots) {
                return;
            }
            if (!unit.failedReporters().contains(requester)) {
                granted.add(new LeaseGranted(unit.search().searchId(), unit.unit().unit(), requester, epoch,
                        policy.workDeadline(announced, book.viewSlotSpeed(), book.unitCandles(unit), unit.search().spec(),
                                unit.resumeGeneration(), now),
                        LeaseKind.WORK, null));
            }
        }
    }

    private void speculative(WorkBook book, PeerId requester, PeerAnnounced announced, int slots, long now,
                             long epoch, List<LeaseGranted> granted) {
        if (granted.size() >= slots || policy.speculativePerUnit() == 0) {
            return;
        }
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
            if (granted.size() >= slots) {
                return;
            }
            granted.add(new LeaseGranted(unit.search().searchId(), unit.unit().unit(), requester, epoch,
                    policy.workDeadline(announced, book.viewSlotSpeed(), book.unitCandles(unit), unit.search().spec(),
                            unit.resumeGeneration(), now),
                    LeaseKind.SPECULATIVE, null));
        }
    }

    private static long earliestDeadline(UnitWork unit) {
        return unit.activeRunners().stream().mapToLong(r -> r.lease().lease().deadlineMillis()).min()
                .orElse(Long.MAX_VALUE);
    }
}
