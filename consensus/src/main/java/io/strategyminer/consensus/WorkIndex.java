package io.strategyminer.consensus;

import io.strategyminer.consensus.WorkBook.Runner;
import io.strategyminer.consensus.WorkBook.UnitWork;
import io.strategyminer.consensus.WorkBook.VerificationNeed;
import io.strategyminer.ledger.Replica;
import io.strategyminer.ledger.LedgerListener;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LeaseView;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.PeerView;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.Stamp;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The analysis of every unit ({@link UnitWork}) kept up to date between decisions, with ordered
 * indexes of the units that need something, so that a decision costs in proportion to those units
 * and not to every open unit. Derived state only: it is rebuilt from the ledger state on its first
 * use, on every view or policy change, on every announcement or submission and every new plausible lease
 * epoch (they can change every unit's analysis), and if time goes backwards; in between, it re-analyses exactly the units whose
 * analysis can have changed:
 * <ul>
 *   <li>units an event touched since the last update (a lease, checkpoint or report of the unit, a
 *       verification of one of its reports), learned from the ledger's listener
 *       ({@link #following(Replica)});</li>
 *   <li>units with a lease deadline that {@code now} has passed since: time enters an analysis only
 *       by comparing {@code now} with lease deadlines, so an analysis made at {@code t} holds until
 *       the earliest deadline {@code ≥ t} (a priority queue by that time).</li>
 * </ul>
 * Every unit's analysis is therefore the one a fresh {@link UnitWork#of} would give, and the
 * indexes hold exactly the units a full scan would pick, in the same (search, unit) order.
 *
 * <p>Not thread-safe for updates: one per consensus loop, updated under the ledger's read lock
 * ({@link WorkBook#of(LedgerState, MembershipView, long, LeasePolicy, WorkIndex)}). The listener
 * may be called from any storing thread; it only records what changed.
 */
public final class WorkIndex {
    /** Past this many unprocessed events a full rebuild is cheaper than replaying them one by one. */
    private static final int MAX_QUEUED_CHANGES = 100_000;

    private final Changes changes = new Changes();
    private MembershipView view;
    private LeasePolicy policy;
    /** The highest plausible lease epoch at the last update: which leases count depends on it. */
    private long epochTop = -1;
    private long now = Long.MIN_VALUE;
    /** Bumped by every update: a {@link WorkBook} reads the index only at the version it was made at. */
    private long version;

    private TreeMap<PeerId, PeerView> peers = new TreeMap<>();
    /** The view's median slot speed at the last rebuild (announcements and views rebuild): sizes deadlines. */
    private double viewSlotSpeed = Double.NaN;
    /** Candle counts of the datasets of known searches, as published; a missing one is looked for at each update. */
    private final TreeMap<String, Integer> datasetCandles = new TreeMap<>();
    private boolean candlesMissing;
    private final TreeMap<String, SearchEntry> searchesById = new TreeMap<>();
    /** Every known search by submission stamp: the decisions' search order (oldest first). */
    private final TreeMap<Stamp, SearchEntry> searches = new TreeMap<>();
    private final TreeSet<UnitRef> needingWork = new TreeSet<>();
    private final TreeSet<UnitRef> verifying = new TreeSet<>();
    private final TreeSet<UnitRef> running = new TreeSet<>();
    private final TreeSet<UnitRef> renewalDue = new TreeSet<>();
    /** Per peer, the units it should be running: an active runner or an outstanding verification. */
    private final TreeMap<PeerId, TreeSet<UnitRef>> assigned = new TreeMap<>();
    /** Units whose analysis expires when {@code now} passes a deadline, earliest first. */
    private final TreeSet<Expiry> expiring = new TreeSet<>();

    private WorkIndex() {
    }

    /**
     * An index of {@code ledger}'s state: it listens to the ledger for the units events change.
     * Use it only with that ledger's state.
     */
    public static WorkIndex following(Replica ledger) {
        WorkIndex index = new WorkIndex();
        ledger.subscribe(index.changes);
        return index;
    }

    /** An index used once: it has no listener and rebuilds on its one update. */
    static WorkIndex once() {
        return new WorkIndex();
    }

    /** Brings the index to (state, view, now, policy); see the class comment. */
    void update(LedgerState state, MembershipView currentView, long currentNow, LeasePolicy currentPolicy) {
        version++;
        Changes.Pending pending = changes.drain();
        long currentTop = state.leaseEpochs().top();
        boolean rebuild = pending.everything() || currentNow < now || !currentPolicy.equals(policy)
                || !(currentView == view || currentView.equals(view)) || currentTop != epochTop;
        epochTop = currentTop;
        view = currentView;
        policy = currentPolicy;
        now = currentNow;
        if (rebuild) {
            rebuild(state);
            return;
        }
        if (candlesMissing) {
            learnCandles(state); // a dataset published after its search reached this peer
        }
        for (Event event : pending.events()) {
            touched(state, event).flatMap(this::ref).ifPresent(ref -> reanalyse(state, ref));
        }
        while (!expiring.isEmpty() && expiring.first().until() < now) {
            reanalyse(state, expiring.first().ref()); // its next expiry is at or after now
        }
    }

    long version() {
        return version;
    }

    MembershipView view() {
        return view;
    }

    Optional<PeerView> peer(PeerId peer) {
        return Optional.ofNullable(peers.get(peer));
    }

    /** Whether some search has a unit without a canonical strategy. */
    boolean hasOpenSearch() {
        return searches.values().stream().anyMatch(SearchEntry::open);
    }

    /** Open searches, oldest first, with every unit (walks them all). */
    List<WorkBook.SearchWork> openSearches() {
        List<WorkBook.SearchWork> out = new ArrayList<>();
        for (SearchEntry search : searches.values()) {
            if (search.open()) {
                out.add(new WorkBook.SearchWork(search.search, List.of(search.units)));
            }
        }
        return out;
    }

    Iterable<UnitWork> needingWork() {
        return units(needingWork);
    }

    int needingWorkCount() {
        return needingWork.size();
    }

    Iterable<UnitWork> verifying() {
        return units(verifying);
    }

    Iterable<UnitWork> running() {
        return units(running);
    }

    Iterable<UnitWork> renewalDue() {
        return units(renewalDue);
    }

    Iterable<UnitWork> assignedTo(PeerId peer) {
        return units(assigned.getOrDefault(peer, new TreeSet<>()));
    }

    /** Whether the search of {@code unit} has a unit that needs work (then it is not at its end). */
    boolean searchNeedsWork(UnitWork unit) {
        return searchesById.get(unit.search().searchId()).needingWork > 0;
    }

    private static Iterable<UnitWork> units(NavigableSet<UnitRef> refs) {
        return () -> new Iterator<>() {
            private final Iterator<UnitRef> it = refs.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public UnitWork next() {
                UnitRef ref = it.next();
                return ref.search().units[ref.unit()];
            }
        };
    }

    private void rebuild(LedgerState state) {
        searchesById.clear();
        searches.clear();
        needingWork.clear();
        verifying.clear();
        running.clear();
        renewalDue.clear();
        assigned.clear();
        expiring.clear();
        peers = new TreeMap<>();
        state.peers().forEach(peer -> peers.put(peer.id(), peer));
        for (SearchView search : state.searches()) {
            SearchEntry entry = new SearchEntry(search.submitted(), search.submission());
            searchesById.put(search.id(), entry);
            searches.put(search.submitted(), entry);
            for (UnitView unit : search.units()) {
                index(new UnitRef(entry, unit.unit()), analyse(state, entry, unit), true);
            }
        }
        viewSlotSpeed = LeasePolicy.viewSlotSpeed(view.members().stream()
                .map(m -> peers.get(m.peer())).filter(Objects::nonNull).map(PeerView::announced).toList());
        learnCandles(state);
    }

    private void learnCandles(LedgerState state) {
        candlesMissing = false;
        for (SearchEntry search : searchesById.values()) {
            String dataset = search.search.spec().dataset().hex();
            if (!datasetCandles.containsKey(dataset)) {
                state.dataset(search.search.spec().dataset()).ifPresentOrElse(
                        d -> datasetCandles.put(dataset, d.description().candles()), () -> candlesMissing = true);
            }
        }
    }

    /** The view's median slot speed in candle-steps per second (NaN when no member announced itself). */
    double viewSlotSpeed() {
        return viewSlotSpeed;
    }

    /** The published candle count of {@code search}'s dataset, if this peer knows it. */
    OptionalInt datasetCandles(SearchSubmitted search) {
        Integer candles = datasetCandles.get(search.spec().dataset().hex());
        return candles == null ? OptionalInt.empty() : OptionalInt.of(candles);
    }

    /**
     * Where the index keeps a unit an event names; none for a fact no view shows yet (an unknown
     * search, whose submission will rebuild everything, or a unit index out of its range).
     */
    private Optional<UnitRef> ref(UnitKey key) {
        SearchEntry entry = searchesById.get(key.searchId());
        boolean known = entry != null && key.unit() >= 0 && key.unit() < entry.units.length;
        return known ? Optional.of(new UnitRef(entry, key.unit())) : Optional.empty();
    }

    private void reanalyse(LedgerState state, UnitRef ref) {
        SearchEntry search = ref.search();
        // The state shows every unit of a search the index knows (a new submission rebuilds the index).
        UnitView current = state.unit(search.search.searchId(), ref.unit()).orElseThrow();
        index(ref, search.units[ref.unit()], false);
        index(ref, analyse(state, search, current), true);
    }

    private UnitWork analyse(LedgerState state, SearchEntry entry, UnitView unit) {
        UnitWork work = UnitWork.of(entry.search, unit, state, view, now, policy);
        entry.validUntil[unit.unit()] = validUntil(unit, now);
        return work;
    }

    /**
     * Until when an analysis made at {@code now} holds: time enters it only by comparing {@code now}
     * with lease deadlines ({@code now > deadline}, {@code now <= deadline}), whose answers change
     * just after the earliest deadline not yet passed.
     */
    private static long validUntil(UnitView unit, long now) {
        long until = Long.MAX_VALUE;
        for (LeaseView lease : unit.leases()) {
            long deadline = lease.lease().deadlineMillis();
            if (deadline >= now && deadline < until) {
                until = deadline;
            }
        }
        return until;
    }

    /** Adds the unit's analysis to (or removes it from) the search and every index it belongs to. */
    private void index(UnitRef ref, UnitWork work, boolean add) {
        SearchEntry search = ref.search();
        int delta = add ? 1 : -1;
        if (add) {
            search.units[ref.unit()] = work;
        }
        search.done += work.done() ? delta : 0;
        search.needingWork += work.needsWork() ? delta : 0;
        member(needingWork, ref, add, work.needsWork());
        member(verifying, ref, add, !work.verifications().isEmpty());
        member(running, ref, add, !work.activeRunners().isEmpty());
        member(renewalDue, ref, add, work.runners().stream().anyMatch(Runner::renewalDue));
        for (PeerId holder : holders(work)) {
            TreeSet<UnitRef> units = assigned.computeIfAbsent(holder, p -> new TreeSet<>());
            member(units, ref, add, true);
            if (units.isEmpty()) {
                assigned.remove(holder);
            }
        }
        long until = search.validUntil[ref.unit()];
        member(expiring, new Expiry(until, ref), add, until != Long.MAX_VALUE);
    }

    private static <T> void member(TreeSet<T> set, T element, boolean add, boolean belongs) {
        if (belongs) {
            if (add) {
                set.add(element);
            } else {
                set.remove(element);
            }
        }
    }

    /** Holders of the unit's active runners and outstanding verifications. */
    private static TreeSet<PeerId> holders(UnitWork work) {
        TreeSet<PeerId> holders = new TreeSet<>();
        work.activeRunners().forEach(r -> holders.add(r.lease().lease().holder()));
        for (VerificationNeed need : work.verifications()) {
            need.outstanding().forEach(l -> holders.add(l.lease().holder()));
        }
        return holders;
    }

    /** The unit an event changed, if one (a verification's strategy is looked up in the state). */
    private static Optional<UnitKey> touched(LedgerState state, Event event) {
        Object payload = event.payload();
        if (payload instanceof LeaseGranted lease) {
            return Optional.of(new UnitKey(lease.searchId(), lease.unit()));
        } else if (payload instanceof CheckpointSaved checkpoint) {
            return Optional.of(new UnitKey(checkpoint.searchId(), checkpoint.unit()));
        } else if (payload instanceof StrategyReported report) {
            return Optional.of(new UnitKey(report.searchId(), report.unit()));
        } else if (payload instanceof UnitFailed failed) {
            return Optional.of(new UnitKey(failed.searchId(), failed.unit()));
        } else if (payload instanceof VerificationReported verification) {
            return state.strategy(verification.strategy()).map(StrategyView::report)
                    .map(report -> new UnitKey(report.searchId(), report.unit()));
        }
        return Optional.empty();
    }

    private record UnitKey(String searchId, int unit) {
    }

    /** A known search: its units' current analyses and counts. */
    private static final class SearchEntry {
        final Stamp submitted;
        final SearchSubmitted search;
        final UnitWork[] units;
        final long[] validUntil;
        int done;
        int needingWork;

        SearchEntry(Stamp submitted, SearchSubmitted search) {
            this.submitted = submitted;
            this.search = search;
            this.units = new UnitWork[search.spec().workUnits()];
            this.validUntil = new long[search.spec().workUnits()];
        }

        boolean open() {
            return done < units.length;
        }
    }

    /**
     * A unit in decision order: its search's submission stamp (distinct per search: a stamp is one
     * event), then its index.
     */
    private record UnitRef(SearchEntry search, int unit) implements Comparable<UnitRef> {
        private static final Comparator<UnitRef> ORDER = Comparator.comparing((UnitRef r) -> r.search.submitted)
                .thenComparingInt(UnitRef::unit);

        @Override
        public int compareTo(UnitRef other) {
            return ORDER.compare(this, other);
        }
    }

    private record Expiry(long until, UnitRef ref) implements Comparable<Expiry> {
        private static final Comparator<Expiry> ORDER = Comparator.comparingLong(Expiry::until)
                .thenComparing(Expiry::ref);

        @Override
        public int compareTo(Expiry other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * What the ledger stored since the last update: the events that can change a unit, or
     * "everything" (an announcement or a submission, or too many events to replay).
     */
    private static final class Changes implements LedgerListener {
        private List<Event> events = new ArrayList<>();
        private boolean everything = true; // nothing is analysed before the first update

        @Override
        public synchronized void stored(Event event, boolean local) {
            Object payload = event.payload();
            // a proof may ban a peer, which takes its leases, checkpoints and votes out of every unit
            if (payload instanceof PeerAnnounced || payload instanceof SearchSubmitted
                    || payload instanceof EquivocationProof || events.size() >= MAX_QUEUED_CHANGES) {
                everything = true;
                events.clear();
            } else if (!everything && (payload instanceof LeaseGranted || payload instanceof CheckpointSaved
                    || payload instanceof StrategyReported || payload instanceof VerificationReported
                    || payload instanceof UnitFailed)) {
                events.add(event);
            }
        }

        /** A verdict of this peer's own changes a strategy's status without an event: analyse everything again. */
        @Override
        public synchronized void judged(StrategyId strategy) {
            everything = true;
            events.clear();
        }

        synchronized Pending drain() {
            Pending pending = new Pending(everything, events);
            everything = false;
            events = new ArrayList<>();
            return pending;
        }

        record Pending(boolean everything, List<Event> events) {
        }
    }
}
