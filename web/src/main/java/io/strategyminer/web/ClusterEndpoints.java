package io.strategyminer.web;

import io.strategyminer.consensus.MembershipView;
import io.strategyminer.ledger.LedgerStats;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.PeerView;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.StrategyStatus;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitStatus;
import io.strategyminer.ledger.state.UnitView;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.web.api.HealthJson;
import io.strategyminer.web.api.PeersJson;
import io.strategyminer.web.api.PeersJson.PeerJson;
import io.strategyminer.web.api.PeersJson.WorkDone;
import io.strategyminer.web.api.StatusJson;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/** {@code GET /api/status} and {@code GET /api/peers}: the cluster as this peer sees it. */
final class ClusterEndpoints {
    private final ClusterReadModel model;
    private final PeerActivity activity;
    private final MutationGuard guard;

    ClusterEndpoints(ClusterReadModel model, PeerActivity activity, MutationGuard guard) {
        this.model = model;
        this.activity = activity;
        this.guard = guard;
    }

    void status(ApiExchange exchange) {
        exchange.allowQuery(Set.of());
        Optional<MembershipView> view = model.view();
        PeerId self = model.self();
        record FromLedger(String name, StatusJson.PeerCounts peers, StatusJson.Throughput throughput,
                          StatusJson.Work work) {
        }
        FromLedger read = model.ledger().read(state -> {
            List<PeerView> peers = state.peers();
            List<PeerView> active = view.map(v -> peers.stream().filter(p -> v.contains(p.id())).toList())
                    .orElse(peers);
            double capacity = active.stream().mapToDouble(p -> p.announced().candleStepsPerSecond()).sum();
            int candles = workCandles(state);
            return new FromLedger(state.peer(self).map(p -> p.announced().name()).orElse(null),
                    new StatusJson.PeerCounts(peers.size(), view.map(v -> v.members().size()).orElse(0)),
                    new StatusJson.Throughput(active.stream().mapToInt(p -> p.announced().cores()).sum(),
                            capacity / candles, capacity, candles),
                    work(state));
        });
        LedgerStats stats = model.ledger().stats();
        exchange.ok(new StatusJson(
                new StatusJson.Self(self.hex(), read.name(), model.clusterPort().isPresent()
                        ? model.clusterPort().getAsInt() : null),
                view.map(v -> new StatusJson.View(v.id(), v.members().stream().map(m -> m.peer().hex()).toList()))
                        .orElse(null),
                view.map(v -> v.coordinator().peer().hex()).orElse(null),
                read.peers(), read.throughput(), read.work(),
                view.map(SharedMachine::in).orElse(List.of()).stream()
                        .map(m -> new StatusJson.SharedMachineJson(m.machine().hex(),
                                m.peers().stream().map(PeerId::hex).toList()))
                        .toList(),
                new StatusJson.LedgerJson(stats.events(), stats.origins(), stats.lamport(), stats.pending(),
                        stats.rejected().values().stream().mapToLong(Long::longValue).sum()),
                health(model.health()), client(exchange.raw())));
    }

    void peers(ApiExchange exchange) {
        exchange.allowQuery(Set.of());
        Optional<MembershipView> view = model.view();
        List<PeerJson> list = model.ledger().read(state -> {
            List<PeerJson> peers = new ArrayList<>();
            Map<PeerId, List<PeersJson.LeaseHeld>> leases = currentLeases(state);
            Map<PeerId, WorkDone> work = workDone(state);
            long allSteps = work.values().stream().mapToLong(WorkDone::candleSteps).sum();
            double capacity = state.peers().stream().filter(p -> active(view, p.id()))
                    .mapToDouble(p -> p.announced().candleStepsPerSecond()).sum();
            int candles = workCandles(state);
            for (PeerView peer : state.peers()) {
                boolean isSelf = peer.id().equals(model.self());
                WorkDone done = work.getOrDefault(peer.id(), WorkDone.NONE);
                OptionalLong offset = isSelf ? OptionalLong.of(0) : model.clockOffsetMillis(peer.id());
                OptionalLong seen = activity.lastSeenMillis(peer.id());
                peers.add(new PeerJson(peer.id().hex(), peer.announced().name(),
                        peer.announced().machineId().hex(), peer.announced().cores(),
                        peer.announced().candleStepsPerSecond() / candles, peer.announced().candleStepsPerSecond(),
                        peer.announced().engineVersion(), isSelf,
                        view.map(v -> v.contains(peer.id())).orElse(false),
                        view.map(v -> v.isCoordinator(peer.id())).orElse(false),
                        leases.getOrDefault(peer.id(), List.of()), done,
                        allSteps == 0 ? 0 : (double) done.candleSteps() / allSteps,
                        capacity <= 0 || !active(view, peer.id()) ? 0
                                : peer.announced().candleStepsPerSecond() / capacity,
                        // a peer's health is known to itself only (its /api/status)
                        isSelf ? health(model.health()) : null,
                        offset.isPresent() ? offset.getAsLong() : null,
                        seen.isPresent() ? seen.getAsLong() : null));
            }
            return peers;
        });
        exchange.ok(new PeersJson(list));
    }

    private static HealthJson health(PeerHealth health) {
        return new HealthJson(health.ok(), health.problem().orElse(null), health.sinceMillis());
    }

    /** Who asked, as this server sees it, and whether its changes need the token (the dashboard's form asks). */
    private StatusJson.Client client(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return new StatusJson.Client(source != null && source.getAddress() != null
                ? source.getAddress().getHostAddress() : null, guard.changesNeedToken(exchange));
    }

    /** Counts of searches, units and strategies by status, every status in its enum's order. */
    private static StatusJson.Work work(LedgerState state) {
        Map<SearchStatus, Integer> searches = new EnumMap<>(SearchStatus.class);
        Map<UnitStatus, Integer> units = new EnumMap<>(UnitStatus.class);
        Map<StrategyStatus, Integer> strategies = new EnumMap<>(StrategyStatus.class);
        for (SearchView search : state.searches()) {
            searches.merge(search.status(), 1, Integer::sum);
            search.units().forEach(u -> units.merge(u.status(), 1, Integer::sum));
        }
        for (StrategyView strategy : state.strategies()) {
            strategies.merge(strategy.status(), 1, Integer::sum);
        }
        return new StatusJson.Work(counts(SearchStatus.values(), searches), counts(UnitStatus.values(), units),
                counts(StrategyStatus.values(), strategies));
    }

    private static <E extends Enum<E>> Map<String, Integer> counts(E[] statuses, Map<E, Integer> counted) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (E status : statuses) {
            byName.put(status.name(), counted.getOrDefault(status, 0));
        }
        return byName;
    }

    /** Whether a peer counts towards the cluster's capacity: a member of the view (every known peer without one). */
    private static boolean active(Optional<MembershipView> view, PeerId peer) {
        return view.map(v -> v.contains(peer)).orElse(true);
    }

    /**
     * What each peer contributed, from the ledger: its strategy reports (each counted as the unit's population ×
     * generations backtests, the genetic search that produced it) and its verifications (one backtest each). An
     * estimate: a unit resumed from another peer's checkpoint counts whole for its reporter.
     */
    private static Map<PeerId, WorkDone> workDone(LedgerState state) {
        Map<PeerId, WorkDone> byPeer = new TreeMap<>();
        for (StrategyView strategy : state.strategies()) {
            Optional<SearchSpec> spec = state.search(strategy.report().searchId()).map(SearchView::spec);
            long backtests = spec.map(s -> (long) s.population() * s.generations()).orElse(0L);
            OptionalInt candles = spec.flatMap(s -> state.dataset(s.dataset()))
                    .map(d -> OptionalInt.of(d.description().candles())).orElse(OptionalInt.empty());
            long inSample = spec.isPresent() && candles.isPresent()
                    ? spec.get().unitSplit(strategy.report().unit()).inSample(candles.getAsInt()).length() : 1;
            byPeer.merge(strategy.id().reporter(), new WorkDone(1, 0, backtests, backtests * inSample), WorkDone::plus);
            long verification = candles.isPresent() ? candles.getAsInt() : 1;
            strategy.verifications().forEach(v -> byPeer.merge(v.reported().origin(),
                    new WorkDone(0, 1, 1, verification), WorkDone::plus));
        }
        return byPeer;
    }

    /**
     * Candles a backtest of the current work covers, to show capacity as backtests per second: the in-sample range
     * of the first unit of the oldest unfinished search, if its dataset is published; else the ledger's unit of
     * capacity, {@link PeerAnnounced#REFERENCE_CANDLES}.
     */
    static int workCandles(LedgerState state) {
        return state.searches().stream()
                .filter(s -> s.status() == SearchStatus.SUBMITTED || s.status() == SearchStatus.RUNNING)
                .min(Comparator.comparing(SearchView::submitted))
                .flatMap(s -> state.dataset(s.spec().dataset())
                        .map(d -> s.spec().unitSplit(0).inSample(d.description().candles()).length()))
                .filter(candles -> candles > 0)
                .orElse(PeerAnnounced.REFERENCE_CANDLES);
    }

    /** The units each peer holds a current work lease on (units LEASED to it). */
    private static Map<PeerId, List<PeersJson.LeaseHeld>> currentLeases(LedgerState state) {
        Map<PeerId, List<PeersJson.LeaseHeld>> byHolder = new TreeMap<>();
        for (SearchView search : state.searches()) {
            for (UnitView unit : search.units()) {
                if (unit.status() == UnitStatus.LEASED && unit.currentLease().isPresent()) {
                    byHolder.computeIfAbsent(unit.currentLease().get().lease().holder(), h -> new ArrayList<>())
                            .add(new PeersJson.LeaseHeld(search.id(), unit.unit(),
                                    unit.currentLease().get().lease().kind().name()));
                }
            }
        }
        return byHolder;
    }
}
