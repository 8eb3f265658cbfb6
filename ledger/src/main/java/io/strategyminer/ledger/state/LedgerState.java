package io.strategyminer.ledger.state;

import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.VerificationReported;
import io.strategyminer.ledger.identity.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replicated state: a deterministic fold of ledger events into read models.
 *
 * <p>Order independence by construction: the fold only adds facts to sorted sets keyed by their
 * {@link Stamp}, and every read model is computed from those sets with deterministic tie-breaks
 * (earliest submission of a search id, latest lease by (epoch, stamp), latest checkpoint by
 * (generation, stamp), latest announcement of a peer by sequence, canonical status by the pure
 * {@link CanonicalRule}). Applying the same set of events in any order, any number of times,
 * gives equal read models. Facts that do not fit (a report for a search not yet seen, or for a unit
 * index the search does not have) are kept and simply not shown until they fit.
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
    private final TreeMap<PeerId, PeerView> peers = new TreeMap<>();
    private final TreeMap<String, TreeMap<Stamp, DatasetPublished>> datasets = new TreeMap<>();
    private final TreeMap<String, TreeMap<Stamp, SearchSubmitted>> searches = new TreeMap<>();
    private final TreeMap<UnitKey, UnitFacts> units = new TreeMap<>();
    private final TreeMap<StrategyId, ReportFact> strategies = new TreeMap<>();
    private final TreeMap<StrategyId, TreeMap<Stamp, VerificationReported>> verifications = new TreeMap<>();
    private final ConcurrentHashMap<String, SearchView> searchViews = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UnitKey, UnitView> unitViews = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<StrategyId, StrategyView> strategyViews = new ConcurrentHashMap<>();

    /** Folds one event in. Every fact is keyed by its stamp, so applying an event again changes nothing. */
    public void apply(Event event) {
        Stamp stamp = Stamp.of(event);
        Payload payload = event.payload();
        if (payload instanceof PeerAnnounced announced) {
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
            forgetUnit(lease.searchId(), lease.unit());
        } else if (payload instanceof CheckpointSaved checkpoint) {
            unitFacts(checkpoint.searchId(), checkpoint.unit()).checkpoints.add(new CheckpointView(stamp, checkpoint));
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
        } else {
            throw new IllegalStateException("no fold for " + payload.type());
        }
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
        SearchSubmitted spec = spec(searchId);
        if (spec == null || unit < 0 || unit >= spec.workUnits()) {
            return Optional.empty();
        }
        return Optional.of(unitView(spec, unit));
    }

    /** Every strategy whose search is known and whose unit is in range, by id. */
    public List<StrategyView> strategies() {
        List<StrategyView> out = new ArrayList<>();
        strategies.keySet().forEach(id -> strategy(id).ifPresent(out::add));
        return out;
    }

    /** A strategy whose search is known and whose unit is in range. */
    public Optional<StrategyView> strategy(StrategyId id) {
        ReportFact fact = strategies.get(id);
        if (fact == null) {
            return Optional.empty();
        }
        SearchSubmitted spec = spec(fact.report.searchId());
        if (spec == null || fact.report.unit() >= spec.workUnits()) {
            return Optional.empty();
        }
        return Optional.of(strategyView(spec, fact));
    }

    /** Every read model, deterministic: equal for equal sets of events. */
    public StateSnapshot snapshot() {
        return new StateSnapshot(peers(), datasets(), searches());
    }

    /**
     * Checkpoint blobs no unit needs any more: every checkpoint of a unit that is done, and every
     * checkpoint but the latest of the others. Blobs that are also a retained checkpoint or a
     * dataset chunk are kept (content addressing could share them).
     */
    public SortedSet<Sha256> obsoleteCheckpointBlobs() {
        TreeSet<Sha256> obsolete = new TreeSet<>();
        TreeSet<Sha256> needed = new TreeSet<>();
        datasets.values().forEach(publications -> publications.values().forEach(p -> needed.addAll(p.chunks())));
        units.forEach((key, facts) -> {
            if (facts.checkpoints.isEmpty()) {
                return;
            }
            SearchSubmitted spec = spec(key.searchId);
            CheckpointView latest = facts.checkpoints.last();
            boolean done = spec != null && key.unit < spec.workUnits()
                    && unitView(spec, key.unit).status() == UnitStatus.DONE;
            for (CheckpointView checkpoint : facts.checkpoints) {
                boolean keep = !done && checkpoint == latest;
                (keep ? needed : obsolete).add(checkpoint.checkpoint().blob());
            }
        });
        obsolete.removeAll(needed);
        return obsolete;
    }

    private SearchSubmitted spec(String searchId) {
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
        SearchSubmitted spec = first.getValue();
        List<UnitView> unitViews = new ArrayList<>(spec.workUnits());
        int done = 0;
        boolean started = false;
        for (int i = 0; i < spec.workUnits(); i++) {
            UnitView unit = unitView(spec, i);
            unitViews.add(unit);
            done += unit.status() == UnitStatus.DONE ? 1 : 0;
            started |= unit.status() != UnitStatus.OPEN || !unit.leases().isEmpty();
        }
        SearchStatus status = done == spec.workUnits() ? SearchStatus.DONE
                : started ? SearchStatus.RUNNING : SearchStatus.SUBMITTED;
        return new SearchView(first.getKey(), spec, status, done, unitViews);
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

    private UnitView unitView(SearchSubmitted spec, int unit) {
        UnitKey key = new UnitKey(spec.searchId(), unit);
        UnitView known = unitViews.get(key);
        if (known != null) {
            return known;
        }
        UnitView view = computeUnitView(spec, key);
        unitViews.put(key, view);
        return view;
    }

    private UnitView computeUnitView(SearchSubmitted spec, UnitKey key) {
        int unit = key.unit;
        UnitFacts facts = units.get(key);
        if (facts == null) {
            return new UnitView(spec.searchId(), unit, UnitStatus.OPEN, Optional.empty(), List.of(), List.of(),
                    List.of(), Optional.empty());
        }
        List<StrategyView> reports = new ArrayList<>(facts.reports.size());
        facts.reports.forEach(id -> reports.add(strategyView(spec, strategies.get(id))));
        reports.sort(Comparator.comparing(StrategyView::reported));

        Optional<LeaseView> currentLease = facts.leases.descendingSet().stream()
                .filter(lease -> lease.lease().kind() != LeaseKind.VERIFY).findFirst();
        Optional<StrategyId> canonical = reports.stream().filter(r -> r.status() == StrategyStatus.CANONICAL)
                .map(StrategyView::id).findFirst();
        UnitStatus status;
        if (canonical.isPresent()) {
            status = UnitStatus.DONE;
        } else if (reports.stream().anyMatch(r -> r.status() == StrategyStatus.PENDING
                || r.status() == StrategyStatus.DISPUTED)) {
            status = UnitStatus.VERIFYING;
        } else if (currentLease.isPresent() && (reports.isEmpty()
                || currentLease.get().granted().compareTo(reports.get(reports.size() - 1).reported()) > 0)) {
            status = UnitStatus.LEASED;
        } else {
            status = UnitStatus.OPEN;
        }
        return new UnitView(spec.searchId(), unit, status, currentLease, new ArrayList<>(facts.leases),
                List.copyOf(facts.checkpoints), reports, canonical);
    }

    private StrategyView strategyView(SearchSubmitted spec, ReportFact fact) {
        StrategyView known = strategyViews.get(fact.id);
        if (known != null) {
            return known;
        }
        StrategyView view = computeStrategyView(spec, fact);
        strategyViews.put(fact.id, view);
        return view;
    }

    private StrategyView computeStrategyView(SearchSubmitted spec, ReportFact fact) {
        List<VerificationView> checks = new ArrayList<>();
        List<CanonicalRule.Vote> votes = new ArrayList<>();
        verifications.getOrDefault(fact.id, new TreeMap<>()).forEach((stamp, verification) -> {
            checks.add(new VerificationView(stamp, verification));
            vote(stamp.origin(), verification.digest(), verification.engineVersion()).ifPresent(votes::add);
        });
        StrategyReported report = fact.report;
        Verdict verdict = vote(fact.id.reporter(), report.digest(), report.engineVersion())
                .map(own -> CanonicalRule.decide(spec.quorum(), spec.allowSameMachine(), own, votes))
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
    }

    private record ReportFact(StrategyId id, Stamp stamp, StrategyReported report) {
    }
}
