package io.strategyminer.ledger.state;

import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.RetiredPayload;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The replicated state: a deterministic fold of ledger events into read models.
 *
 * <p>Order independence by construction: the fold only adds facts to sorted sets keyed by their
 * {@link Stamp}, and every read model is computed from those sets with deterministic tie-breaks
 * (earliest submission of a search id, latest lease by (epoch, stamp), latest checkpoint by
 * (generation, stamp), latest announcement of a peer by sequence, canonical status by the pure
 * {@link CanonicalRule}, one result per unit: its earliest canonical report, the others superseded). Applying the same set of events in any order, any number of times,
 * gives equal read models. Facts that do not fit (a report for a search not yet seen, or for a unit
 * index the search does not have) are kept and simply not shown until they fit. A peer proven to have equivocated
 * ({@link Bans}) is removed from every read model, whenever the proof arrives: its facts are dropped then and
 * skipped afterwards.
 *
 * <p>Search, unit and strategy read models are remembered until an event changes a fact they depend
 * on (the coordinator reads every search for each decision, mostly unchanged since the last one):
 * a lease, checkpoint or report drops its unit's view and its search's, a verification drops its
 * strategy's and that strategy's unit's and search's, an announcement or a submission drops them all (votes depend on machine
 * ids, views on the search's spec). A remembered view is exactly what recomputing would give.
 *
 * <p>Not thread-safe for writers: the {@code Ledger} applies under its write lock. Readers run
 * concurrently under its read lock and may fill the remembered views, hence concurrent maps (two
 * readers computing the same view store equal values).
 */
public final class LedgerState {
    /** Declared checkpoint bytes kept for one peer at most (see {@link #retainedCheckpoints()}). */
    public static final long MAX_CHECKPOINT_BYTES_PER_PEER = 256L << 20;
    private final TreeMap<PeerId, PeerView> peers = new TreeMap<>();
    private final TreeMap<String, TreeMap<Stamp, DatasetPublished>> datasets = new TreeMap<>();
    private final TreeMap<String, TreeMap<Stamp, SearchSubmitted>> searches = new TreeMap<>();
    private final TreeMap<UnitKey, UnitFacts> units = new TreeMap<>();
    private final TreeMap<StrategyId, ReportFact> strategies = new TreeMap<>();
    private final TreeMap<StrategyId, TreeMap<Stamp, VerificationReported>> verifications = new TreeMap<>();
    /** Every checkpoint naming each blob (the blob store admits only blobs a checkpoint names). */
    private final TreeMap<Sha256, TreeSet<CheckpointView>> checkpointsByBlob = new TreeMap<>();
    private final Bans bans = new Bans();
    private final LeaseEpochs leaseEpochs = new LeaseEpochs();
    /** This peer's own digests of reported strategies (see {@link CanonicalRule.Judgement}). */
    private final TreeMap<StrategyId, Sha256> own = new TreeMap<>();
    private volatile boolean ownVerdictRequired;
    private final ConcurrentHashMap<String, SearchView> searchViews = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UnitKey, UnitView> unitViews = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<StrategyId, StrategyView> strategyViews = new ConcurrentHashMap<>();

    /** Folds one event in. Every fact is keyed by its stamp, so applying an event again changes nothing. */
    public void apply(Event event) {
        Stamp stamp = Stamp.of(event);
        Payload payload = event.payload();
        if (payload instanceof EquivocationProof part) {
            bans.add(part).ifPresent(this::forgetBanned);
        } else if (bannedFrom(event)) {
            return; // see forgetBanned: as if it had never arrived
        } else if (payload instanceof PeerAnnounced announced) {
            PeerView current = peers.get(event.origin());
            if (current == null || current.stamp().sequence() < event.sequence()) {
                peers.put(event.origin(), new PeerView(event.origin(), announced, stamp));
                forgetViews();
            }
        } else if (payload instanceof DatasetPublished published) {
            datasets.computeIfAbsent(published.dataset().hex(), id -> new TreeMap<>()).put(stamp, published);
        } else if (payload instanceof SearchSubmitted submitted) {
            searches.computeIfAbsent(submitted.searchId(), id -> new TreeMap<>()).put(stamp, submitted);
            forgetViews();
        } else if (payload instanceof LeaseGranted lease) {
            unitFacts(lease.searchId(), lease.unit()).leases.add(new LeaseView(stamp, lease));
            leaseEpochs.add(lease.epoch(), event.origin());
            forgetUnit(lease.searchId(), lease.unit());
        } else if (payload instanceof CheckpointSaved checkpoint) {
            CheckpointView view = new CheckpointView(stamp, checkpoint);
            unitFacts(checkpoint.searchId(), checkpoint.unit()).checkpoints.add(view);
            checkpointsByBlob.computeIfAbsent(checkpoint.blob(), blob -> new TreeSet<>(CheckpointView.ORDER)).add(view);
            forgetUnit(checkpoint.searchId(), checkpoint.unit());
        } else if (payload instanceof StrategyReported report) {
            StrategyId id = new StrategyId(event.origin(), event.sequence());
            strategies.put(id, new ReportFact(id, stamp, report));
            unitFacts(report.searchId(), report.unit()).reports.add(id);
            strategyViews.remove(id);
            forgetUnit(report.searchId(), report.unit());
        } else if (payload instanceof VerificationReported verification) {
            verifications.computeIfAbsent(verification.strategy(), id -> new TreeMap<>()).put(stamp, verification);
            strategyViews.remove(verification.strategy());
            ReportFact verified = strategies.get(verification.strategy());
            if (verified != null) { // else no view shows the strategy yet
                forgetUnit(verified.report.searchId(), verified.report.unit());
            }
        } else if (payload instanceof UnitFailed failed) {
            unitFacts(failed.searchId(), failed.unit()).failures.put(stamp, failed);
            forgetUnit(failed.searchId(), failed.unit());
        } else if (!(payload instanceof RetiredPayload)) { // a retired payload keeps its chain place, nothing else
            throw new IllegalStateException("no fold for " + payload.type());
        }
    }

    /**
     * Records the digest this peer computed by re-running a reported strategy itself: from now on that strategy's
     * status follows {@link CanonicalRule.Judgement}. Recording it again with the same digest changes nothing.
     */
    public void recordOwnDigest(StrategyId strategy, Sha256 digest) {
        own.put(strategy, digest);
        strategyViews.remove(strategy);
        ReportFact judged = strategies.get(strategy);
        if (judged != null) {
            forgetUnit(judged.report.searchId(), judged.report.unit());
        }
    }

    /** This peer's own digest of a strategy, if it re-ran it. */
    public Optional<Sha256> ownDigest(StrategyId strategy) {
        return Optional.ofNullable(own.get(strategy));
    }

    /**
     * From now on, decide nothing about a strategy this peer has not re-run itself (a peer in a cluster whose
     * members it cannot all trust); see {@link CanonicalRule}.
     */
    public void requireOwnVerdicts() {
        ownVerdictRequired = true;
        forgetViews();
    }

    /**
     * The strategies this peer has not re-run yet whose search it knows and whose engine is {@code engineVersion}
     * (the only ones it can compare), by id.
     */
    public List<StrategyView> awaitingOwnDigest(String engineVersion) {
        return strategies().stream()
                .filter(s -> !own.containsKey(s.id()) && s.report().engineVersion().equals(engineVersion)).toList();
    }

    public List<PeerView> peers() {
        return List.copyOf(peers.values());
    }

    public Optional<PeerView> peer(PeerId id) {
        return Optional.ofNullable(peers.get(id));
    }

    public List<DatasetView> datasets() {
        List<DatasetView> out = new ArrayList<>(datasets.size());
        datasets.values().forEach(publications -> out.add(datasetView(publications)));
        return out;
    }

    public Optional<DatasetView> dataset(DatasetId id) {
        return Optional.ofNullable(datasets.get(id.hex())).map(LedgerState::datasetView);
    }

    /** Every search, by id. */
    public List<SearchView> searches() {
        List<SearchView> out = new ArrayList<>(searches.size());
        searches.keySet().forEach(id -> out.add(searchView(id)));
        return out;
    }

    public Optional<SearchView> search(String searchId) {
        return searches.containsKey(searchId) ? Optional.of(searchView(searchId)) : Optional.empty();
    }

    /** A unit of a known search, if the index is in range. */
    public Optional<UnitView> unit(String searchId, int unit) {
        SearchSubmitted search = submission(searchId);
        if (search == null || unit < 0 || unit >= search.spec().workUnits()) {
            return Optional.empty();
        }
        return Optional.of(unitView(search, unit));
    }

    /** Every strategy whose search is known and whose unit is in range, by id. */
    public List<StrategyView> strategies() {
        // unit by unit: a strategy's status depends on its unit's other reports (see computeUnitView)
        List<StrategyView> out = new ArrayList<>(strategies.size());
        units.forEach((key, facts) -> {
            SearchSubmitted search = facts.reports.isEmpty() ? null : submission(key.searchId);
            if (search != null && key.unit < search.spec().workUnits()) {
                out.addAll(unitView(search, key.unit).reports());
            }
        });
        out.sort(Comparator.comparing(StrategyView::id));
        return out;
    }

    /** A strategy whose search is known and whose unit is in range. */
    public Optional<StrategyView> strategy(StrategyId id) {
        ReportFact fact = strategies.get(id);
        if (fact == null) {
            return Optional.empty();
        }
        SearchSubmitted search = submission(fact.report.searchId());
        if (search == null || fact.report.unit() >= search.spec().workUnits()) {
            return Optional.empty();
        }
        return unitView(search, fact.report.unit()).reports().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Every read model, deterministic: equal for equal sets of events. */
    public StateSnapshot snapshot() {
        return new StateSnapshot(peers(), datasets(), searches(), bans());
    }

    /**
     * Checkpoint blobs named by checkpoints but not retained ({@link #retainedCheckpoints}) nor used as a dataset
     * chunk: nobody will resume from them.
     */
    public SortedSet<Sha256> obsoleteCheckpointBlobs(Predicate<Sha256> held) {
        TreeSet<Sha256> obsolete = new TreeSet<>(checkpointsByBlob.keySet());
        obsolete.removeAll(retainedBlobs(held));
        return obsolete;
    }

    /** The blobs a peer keeps: those of the {@linkplain #retainedCheckpoints retained checkpoints}, and dataset chunks. */
    public SortedSet<Sha256> retainedBlobs(Predicate<Sha256> held) {
        TreeSet<Sha256> needed = new TreeSet<>();
        datasets.values().forEach(publications -> publications.values().forEach(p -> needed.addAll(p.chunks())));
        retainedCheckpoints(held).forEach(checkpoint -> needed.add(checkpoint.checkpoint().blob()));
        return needed;
    }

    /**
     * The checkpoints whose blobs a peer keeps (and admits from others): for every unit not finished, of each peer
     * that held a work or speculative lease of it, the latest checkpoint (by generation, then stamp) whose blob is
     * {@code held} (this peer has it, or is offered it) — whoever takes the unit over resumes from one of them, and
     * from an older one when the latest blob never arrived; and of each peer's, only the newest (by stamp) up to
     * {@link #MAX_CHECKPOINT_BYTES_PER_PEER} declared bytes. So a peer makes the others store at most one blob per
     * unit it was given, and at most that many bytes in all, whatever it saves.
     */
    public List<CheckpointView> retainedCheckpoints(Predicate<Sha256> held) {
        return retainedCheckpoints(MAX_CHECKPOINT_BYTES_PER_PEER, held);
    }

    /** {@link #retainedCheckpoints(Predicate)} with a quota of {@code bytesPerPeer} (Long.MAX_VALUE: none). */
    public List<CheckpointView> retainedCheckpoints(long bytesPerPeer, Predicate<Sha256> held) {
        TreeMap<PeerId, TreeSet<CheckpointView>> latestByPeer = new TreeMap<>();
        units.forEach((key, facts) -> {
            SearchSubmitted search = submission(key.searchId);
            boolean finished = search != null && key.unit < search.spec().workUnits()
                    && unitView(search, key.unit).status().finished();
            if (finished) {
                return;
            }
            TreeSet<PeerId> holders = new TreeSet<>();
            facts.leases.forEach(lease -> {
                if (lease.lease().kind() != LeaseKind.VERIFY) {
                    holders.add(lease.lease().holder());
                }
            });
            for (Iterator<CheckpointView> newest = facts.checkpoints.descendingIterator(); newest.hasNext()
                    && !holders.isEmpty(); ) {
                CheckpointView checkpoint = newest.next();
                if (holders.contains(checkpoint.saved().origin()) && held.test(checkpoint.checkpoint().blob())) {
                    holders.remove(checkpoint.saved().origin());
                    latestByPeer.computeIfAbsent(checkpoint.saved().origin(),
                            peer -> new TreeSet<>(Comparator.comparing(CheckpointView::saved).reversed())).add(checkpoint);
                }
            }
        });
        List<CheckpointView> retained = new ArrayList<>();
        latestByPeer.values().forEach(newestFirst -> {
            long bytes = 0;
            for (CheckpointView checkpoint : newestFirst) {
                bytes += checkpoint.checkpoint().sizeBytes();
                if (bytes > bytesPerPeer) {
                    break;
                }
                retained.add(checkpoint);
            }
        });
        return retained;
    }

    /** Every checkpoint that names {@code blob}, by (generation, stamp). */
    public List<CheckpointView> checkpointsNaming(Sha256 blob) {
        TreeSet<CheckpointView> naming = checkpointsByBlob.get(blob);
        return naming == null ? List.of() : List.copyOf(naming);
    }

    /** The epochs of the leases, and which are plausible (see {@link LeaseEpochs}). */
    public LeaseEpochs leaseEpochs() {
        return leaseEpochs;
    }

    /** Whether {@code peer} is proven to have equivocated: nothing it signed counts. */
    public boolean banned(PeerId peer) {
        return bans.contains(peer);
    }

    /** Every banned peer, by id. */
    public List<BanView> bans() {
        return bans.all();
    }

    /**
     * The proofs that banned a peer since the last call (each peer once), so that this ledger can publish the
     * evidence under its own name: every honest peer that saw a proof then vouches for it, and the ban reaches
     * every honest peer even if the peer that first reported it is banned in turn.
     */
    public List<Equivocation> takeNewBans() {
        return bans.takeFresh();
    }

    private SearchSubmitted submission(String searchId) {
        TreeMap<Stamp, SearchSubmitted> submissions = searches.get(searchId);
        return submissions == null ? null : submissions.firstEntry().getValue();
    }

    private UnitFacts unitFacts(String searchId, int unit) {
        return units.computeIfAbsent(new UnitKey(searchId, unit), key -> new UnitFacts());
    }

    private static DatasetView datasetView(TreeMap<Stamp, DatasetPublished> publications) {
        TreeSet<PeerId> publishers = new TreeSet<>();
        publications.keySet().forEach(stamp -> publishers.add(stamp.origin()));
        return new DatasetView(publications.firstEntry().getValue(), new ArrayList<>(publishers));
    }

    private SearchView searchView(String searchId) {
        SearchView known = searchViews.get(searchId);
        if (known != null) {
            return known;
        }
        SearchView view = computeSearchView(searchId);
        searchViews.put(searchId, view);
        return view;
    }

    private SearchView computeSearchView(String searchId) {
        Map.Entry<Stamp, SearchSubmitted> first = searches.get(searchId).firstEntry();
        SearchSubmitted search = first.getValue();
        int units = search.spec().workUnits();
        List<UnitView> unitViews = new ArrayList<>(units);
        int done = 0;
        int failed = 0;
        boolean started = false;
        for (int i = 0; i < units; i++) {
            UnitView unit = unitView(search, i);
            unitViews.add(unit);
            done += unit.status() == UnitStatus.DONE ? 1 : 0;
            failed += unit.status() == UnitStatus.FAILED ? 1 : 0;
            started |= unit.status() != UnitStatus.OPEN || !unit.leases().isEmpty();
        }
        SearchStatus status = failed == units ? SearchStatus.FAILED
                : done + failed == units ? SearchStatus.DONE
                : started ? SearchStatus.RUNNING : SearchStatus.SUBMITTED;
        return new SearchView(first.getKey(), search, status, done, failed, unitViews);
    }

    /** Whether the event comes from a banned peer, or hands one a lease: such facts count nowhere. */
    private boolean bannedFrom(Event event) {
        return bans.contains(event.origin())
                || (event.payload() instanceof LeaseGranted lease && bans.contains(lease.holder()));
    }

    /**
     * Drops every fact a newly banned peer contributed, and the leases it held, so that the state is exactly the
     * fold of the events without them (later ones are skipped by {@link #bannedFrom}): whether a peer saw the
     * offender's events before or after the proof makes no difference. Proofs stay, whoever published them.
     */
    private void forgetBanned(PeerId offender) {
        peers.remove(offender);
        forgetStamps(datasets, offender);
        forgetStamps(searches, offender);
        units.values().forEach(facts -> {
            facts.leases.removeIf(l -> l.granted().origin().equals(offender) || l.lease().holder().equals(offender));
            facts.checkpoints.removeIf(c -> c.saved().origin().equals(offender));
            facts.reports.removeIf(id -> id.reporter().equals(offender));
            facts.failures.keySet().removeIf(stamp -> stamp.origin().equals(offender));
        });
        units.values().removeIf(UnitFacts::isEmpty);
        leaseEpochs.clear();
        units.values().forEach(facts -> facts.leases.forEach(l -> leaseEpochs.add(l.lease().epoch(), l.granted().origin())));
        strategies.keySet().removeIf(id -> id.reporter().equals(offender));
        forgetStamps(verifications, offender);
        checkpointsByBlob.values().forEach(naming -> naming.removeIf(c -> c.saved().origin().equals(offender)));
        checkpointsByBlob.values().removeIf(TreeSet::isEmpty);
        forgetViews();
    }

    private static <K> void forgetStamps(TreeMap<K, ? extends TreeMap<Stamp, ?>> facts, PeerId origin) {
        facts.values().forEach(byStamp -> byStamp.keySet().removeIf(stamp -> stamp.origin().equals(origin)));
        facts.values().removeIf(TreeMap::isEmpty);
    }

    private void forgetViews() {
        searchViews.clear();
        unitViews.clear();
        strategyViews.clear();
    }

    private void forgetUnit(String searchId, int unit) {
        unitViews.remove(new UnitKey(searchId, unit));
        searchViews.remove(searchId);
    }

    private UnitView unitView(SearchSubmitted search, int unit) {
        UnitKey key = new UnitKey(search.searchId(), unit);
        UnitView known = unitViews.get(key);
        if (known != null) {
            return known;
        }
        UnitView view = computeUnitView(search, key);
        unitViews.put(key, view);
        return view;
    }

    private UnitView computeUnitView(SearchSubmitted search, UnitKey key) {
        int unit = key.unit;
        UnitFacts facts = units.get(key);
        if (facts == null) {
            return new UnitView(search.searchId(), unit, UnitStatus.OPEN, Optional.empty(), List.of(), List.of(),
                    List.of(), Optional.empty(), List.of());
        }
        List<StrategyView> judged = new ArrayList<>(facts.reports.size());
        facts.reports.forEach(id -> judged.add(judgedView(search, strategies.get(id))));
        judged.sort(Comparator.comparing(StrategyView::reported));

        Optional<LeaseView> currentLease = facts.leases.descendingSet().stream()
                .filter(lease -> lease.lease().kind() != LeaseKind.VERIFY).findFirst();
        Optional<StrategyId> canonical = judged.stream().filter(r -> r.status() == StrategyStatus.CANONICAL)
                .map(StrategyView::id).findFirst();
        // One result per unit: once the earliest canonical report is its result, every other report that is not
        // known wrong is superseded, so no unit shows two canonical strategies and none stays pending for ever.
        List<StrategyView> reports = new ArrayList<>(judged.size());
        for (StrategyView report : judged) {
            boolean superseded = canonical.isPresent() && !canonical.get().equals(report.id())
                    && report.status() != StrategyStatus.INVALID;
            reports.add(superseded ? report.superseded() : report);
        }
        List<FailureView> failures = new ArrayList<>(facts.failures.size());
        facts.failures.forEach((stamp, failure) -> failures.add(new FailureView(stamp, failure)));
        UnitStatus status;
        if (canonical.isPresent()) {
            status = UnitStatus.DONE;
        } else if (independentFailures(search, failures) >= search.spec().quorum()) {
            status = UnitStatus.FAILED;
        } else if (reports.stream().anyMatch(r -> r.status().undecided())) {
            status = UnitStatus.VERIFYING;
        } else if (currentLease.isPresent() && grantedAfter(currentLease.get(), reports, failures)) {
            status = UnitStatus.LEASED;
        } else {
            status = UnitStatus.OPEN;
        }
        return new UnitView(search.searchId(), unit, status, currentLease, new ArrayList<>(facts.leases),
                List.copyOf(facts.checkpoints), reports, canonical, failures);
    }

    /** Whether {@code lease} came after the unit's last report and last failure: someone was asked to run it since. */
    private static boolean grantedAfter(LeaseView lease, List<StrategyView> reports, List<FailureView> failures) {
        boolean afterReports = reports.isEmpty()
                || lease.granted().compareTo(reports.get(reports.size() - 1).reported()) > 0;
        boolean afterFailures = failures.isEmpty()
                || lease.granted().compareTo(failures.get(failures.size() - 1).reported()) > 0;
        return afterReports && afterFailures;
    }

    /**
     * How many independent peers reported the unit failed, by the quorum's own independence rule: a peer whose
     * announcement is unknown does not count yet, and one machine counts once unless the search allows same-machine
     * peers.
     */
    private int independentFailures(SearchSubmitted search, List<FailureView> failures) {
        TreeSet<String> independent = new TreeSet<>();
        for (FailureView failure : failures) {
            PeerView peer = peers.get(failure.reported().origin());
            if (peer != null) {
                independent.add(search.spec().allowSameMachine() ? peer.id().hex() : peer.announced().machineId().hex());
            }
        }
        return independent.size();
    }

    /** A report judged on its own votes (and this peer's re-run), before its unit's result is taken into account. */
    private StrategyView judgedView(SearchSubmitted search, ReportFact fact) {
        StrategyView known = strategyViews.get(fact.id);
        if (known != null) {
            return known;
        }
        StrategyView view = computeJudgedView(search, fact);
        strategyViews.put(fact.id, view);
        return view;
    }

    private StrategyView computeJudgedView(SearchSubmitted search, ReportFact fact) {
        List<VerificationView> checks = new ArrayList<>();
        List<CanonicalRule.Vote> votes = new ArrayList<>();
        verifications.getOrDefault(fact.id, new TreeMap<>()).forEach((stamp, verification) -> {
            checks.add(new VerificationView(stamp, verification));
            vote(stamp.origin(), verification.digest(), verification.engineVersion()).ifPresent(votes::add);
        });
        StrategyReported report = fact.report;
        Verdict verdict = !fact.bindsFigures(search)
                ? new Verdict(StrategyStatus.INVALID, Optional.empty(), List.of())
                : vote(fact.id.reporter(), report.digest(), report.engineVersion())
                .map(reporter -> CanonicalRule.decide(search.spec().quorum(), search.spec().allowSameMachine(), reporter,
                        votes, new CanonicalRule.Judgement(Optional.ofNullable(own.get(fact.id)), ownVerdictRequired)))
                .orElseGet(() -> new Verdict(StrategyStatus.PENDING, Optional.empty(), List.of()));
        return new StrategyView(fact.id, fact.stamp, report, checks, verdict);
    }

    /** A vote needs the voter's machine; a peer whose announcement is unknown cannot vote yet. */
    private Optional<CanonicalRule.Vote> vote(PeerId voter, Sha256 digest, String engineVersion) {
        return Optional.ofNullable(peers.get(voter))
                .map(peer -> new CanonicalRule.Vote(voter, peer.announced().machineId(), digest, engineVersion));
    }

    private record UnitKey(String searchId, int unit) implements Comparable<UnitKey> {
        private static final Comparator<UnitKey> ORDER = Comparator.comparing(UnitKey::searchId)
                .thenComparingInt(UnitKey::unit);

        @Override
        public int compareTo(UnitKey other) {
            return ORDER.compare(this, other);
        }
    }

    private static final class UnitFacts {
        final TreeSet<LeaseView> leases = new TreeSet<>(LeaseView.ORDER);
        final TreeSet<CheckpointView> checkpoints = new TreeSet<>(CheckpointView.ORDER);
        final TreeSet<StrategyId> reports = new TreeSet<>();
        final TreeMap<Stamp, UnitFailed> failures = new TreeMap<>();

        boolean isEmpty() {
            return leases.isEmpty() && checkpoints.isEmpty() && reports.isEmpty() && failures.isEmpty();
        }
    }

    /** A report, and whether its digest commits to its figures under the spec it was last checked against. */
    private static final class ReportFact {
        final StrategyId id;
        final Stamp stamp;
        final StrategyReported report;
        private volatile Binding binding;

        ReportFact(StrategyId id, Stamp stamp, StrategyReported report) {
            this.id = id;
            this.stamp = stamp;
            this.report = report;
        }

        /**
         * Whether the figures hash to the digest under {@code search}'s spec (remembered per spec: one SHA-256 per
         * report rather than per read; an earlier submission of the same search id arriving late changes the spec).
         */
        boolean bindsFigures(SearchSubmitted search) {
            Binding known = binding;
            if (known == null || !known.spec.equals(search.spec())) {
                known = new Binding(search.spec(), report.bindsFigures(search.spec()));
                binding = known;
            }
            return known.binds;
        }

        private record Binding(io.strategyminer.miner.SearchSpec spec, boolean binds) {
        }
    }
}
