package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.consensus.Member;
import io.strategyminer.consensus.MembershipView;
import io.strategyminer.ledger.LedgerStats;
import io.strategyminer.ledger.identity.PeerId;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.PeerView;
import io.strategyminer.ledger.state.SearchStatus;
import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.ledger.state.StrategyStatus;
import io.strategyminer.ledger.state.StrategyView;
import io.strategyminer.ledger.state.UnitStatus;
import io.strategyminer.ledger.state.UnitView;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        ObjectNode node = model.ledger().read(state -> {
            ObjectNode status = Json.object();
            ObjectNode me = status.putObject("self").put("id", self.hex());
            state.peer(self).ifPresentOrElse(p -> me.put("name", p.announced().name()), () -> me.putNull("name"));
            model.clusterPort().ifPresentOrElse(port -> me.put("clusterPort", port), () -> me.putNull("clusterPort"));
            putView(status, view);
            List<PeerView> peers = state.peers();
            List<PeerView> active = view.map(v -> peers.stream().filter(p -> v.contains(p.id())).toList())
                    .orElse(peers);
            status.putObject("peers").put("known", peers.size())
                    .put("inView", view.map(v -> v.members().size()).orElse(0));
            status.putObject("throughput")
                    .put("cores", active.stream().mapToInt(p -> p.announced().cores()).sum())
                    .put("backtestsPerSecond", active.stream().mapToDouble(p -> p.announced().backtestsPerSecond())
                            .sum());
            status.set("work", work(state));
            putSharedMachines(status, view);
            return status;
        });
        LedgerStats stats = model.ledger().stats();
        node.putObject("ledger").put("events", stats.events()).put("origins", stats.origins())
                .put("lamport", stats.lamport()).put("pending", stats.pending())
                .put("rejected", stats.rejected().values().stream().mapToLong(Long::longValue).sum());
        node.set("health", health(model.health()));
        putClient(node, exchange.raw());
        exchange.ok(node);
    }

    void peers(ApiExchange exchange) {
        exchange.allowQuery(Set.of());
        Optional<MembershipView> view = model.view();
        ArrayNode list = model.ledger().read(state -> {
            ArrayNode peers = Json.MAPPER.createArrayNode();
            Map<PeerId, List<ObjectNode>> leases = currentLeases(state);
            Map<PeerId, WorkDone> work = workDone(state);
            long allBacktests = work.values().stream().mapToLong(WorkDone::backtests).sum();
            double capacity = state.peers().stream().filter(p -> active(view, p.id()))
                    .mapToDouble(p -> p.announced().backtestsPerSecond()).sum();
            for (PeerView peer : state.peers()) {
                ObjectNode p = peers.addObject()
                        .put("id", peer.id().hex())
                        .put("name", peer.announced().name())
                        .put("machine", peer.announced().machineId().hex())
                        .put("cores", peer.announced().cores())
                        .put("backtestsPerSecond", peer.announced().backtestsPerSecond())
                        .put("engineVersion", peer.announced().engineVersion())
                        .put("self", peer.id().equals(model.self()))
                        .put("inView", view.map(v -> v.contains(peer.id())).orElse(false))
                        .put("coordinator", view.map(v -> v.isCoordinator(peer.id())).orElse(false));
                ArrayNode held = p.putArray("leases");
                leases.getOrDefault(peer.id(), List.of()).forEach(held::add);
                WorkDone done = work.getOrDefault(peer.id(), WorkDone.NONE);
                p.putObject("work").put("reports", done.reports()).put("verifications", done.verifications())
                        .put("backtests", done.backtests());
                p.put("workShare", allBacktests == 0 ? 0 : (double) done.backtests() / allBacktests);
                p.put("capacityShare", capacity <= 0 || !active(view, peer.id()) ? 0
                        : peer.announced().backtestsPerSecond() / capacity);
                if (peer.id().equals(model.self())) {
                    p.set("health", health(model.health()));
                } else {
                    p.putNull("health"); // a peer's health is known to itself only (its /api/status)
                }
                OptionalLong offset = peer.id().equals(model.self()) ? OptionalLong.of(0)
                        : model.clockOffsetMillis(peer.id());
                if (offset.isPresent()) {
                    p.put("clockOffsetMillis", offset.getAsLong());
                } else {
                    p.putNull("clockOffsetMillis");
                }
                OptionalLong seen = activity.lastSeenMillis(peer.id());
                if (seen.isPresent()) {
                    p.put("lastSeenMillis", seen.getAsLong());
                } else {
                    p.putNull("lastSeenMillis");
                }
            }
            return peers;
        });
        exchange.ok(Json.object().set("peers", list));
    }

    /**
     * {@code "sharedMachines": [{"machine", "peers": [ids]}]}: members of the view that announce one machine id and
     * so count as one peer for a quorum (none without a view).
     */
    private static void putSharedMachines(ObjectNode status, Optional<MembershipView> view) {
        ArrayNode shared = status.putArray("sharedMachines");
        for (SharedMachine machine : view.map(SharedMachine::in).orElse(List.of())) {
            ArrayNode peers = shared.addObject().put("machine", machine.machine().hex()).putArray("peers");
            machine.peers().forEach(peer -> peers.add(peer.hex()));
        }
    }

    /** {@code {"ok", "problem": text | null, "since": unix ms}}. */
    private static ObjectNode health(PeerHealth health) {
        ObjectNode node = Json.object().put("ok", health.ok());
        health.problem().ifPresentOrElse(problem -> node.put("problem", problem), () -> node.putNull("problem"));
        return node.put("since", health.sinceMillis());
    }

    /** Who asked, as this server sees it, and whether its changes need the token (the dashboard's form asks). */
    private void putClient(ObjectNode node, HttpServerExchange exchange) {
        ObjectNode client = node.putObject("client");
        InetSocketAddress source = exchange.getSourceAddress();
        if (source != null && source.getAddress() != null) {
            client.put("address", source.getAddress().getHostAddress());
        } else {
            client.putNull("address");
        }
        client.put("changesNeedToken", guard.changesNeedToken(exchange));
    }

    private static void putView(ObjectNode node, Optional<MembershipView> view) {
        if (view.isEmpty()) {
            node.putNull("view");
            node.putNull("coordinator");
            return;
        }
        ObjectNode v = node.putObject("view").put("id", view.get().id());
        ArrayNode members = v.putArray("members");
        for (Member member : view.get().members()) {
            members.add(member.peer().hex());
        }
        node.put("coordinator", view.get().coordinator().peer().hex());
    }

    /** Counts of searches, units and strategies by status. */
    private static ObjectNode work(LedgerState state) {
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
        ObjectNode work = Json.object();
        ObjectNode s = work.putObject("searches");
        for (SearchStatus status : SearchStatus.values()) {
            s.put(status.name(), searches.getOrDefault(status, 0));
        }
        ObjectNode u = work.putObject("units");
        for (UnitStatus status : UnitStatus.values()) {
            u.put(status.name(), units.getOrDefault(status, 0));
        }
        ObjectNode st = work.putObject("strategies");
        for (StrategyStatus status : StrategyStatus.values()) {
            st.put(status.name(), strategies.getOrDefault(status, 0));
        }
        return work;
    }

    /** Whether a peer counts towards the cluster's capacity: a member of the view (every known peer without one). */
    private static boolean active(Optional<MembershipView> view, PeerId peer) {
        return view.map(v -> v.contains(peer)).orElse(true);
    }

    /**
     * What a peer contributed, from the ledger: its strategy reports (each counted as the unit's
     * population × generations backtests, the genetic search that produced it) and its verifications
     * (one backtest each). An estimate: a unit resumed from another peer's checkpoint counts whole for its reporter.
     */
    record WorkDone(int reports, int verifications, long backtests) {
        static final WorkDone NONE = new WorkDone(0, 0, 0);

        WorkDone plus(WorkDone other) {
            return new WorkDone(reports + other.reports, verifications + other.verifications,
                    backtests + other.backtests);
        }
    }

    private static Map<PeerId, WorkDone> workDone(LedgerState state) {
        Map<PeerId, WorkDone> byPeer = new TreeMap<>();
        for (StrategyView strategy : state.strategies()) {
            long backtests = state.search(strategy.report().searchId())
                    .map(s -> (long) s.spec().population() * s.spec().generations()).orElse(0L);
            byPeer.merge(strategy.id().reporter(), new WorkDone(1, 0, backtests), WorkDone::plus);
            strategy.verifications().forEach(v -> byPeer.merge(v.reported().origin(), new WorkDone(0, 1, 1),
                    WorkDone::plus));
        }
        return byPeer;
    }

    /** The units each peer holds a current work lease on (units LEASED to it). */
    private static Map<PeerId, List<ObjectNode>> currentLeases(LedgerState state) {
        Map<PeerId, List<ObjectNode>> byHolder = new TreeMap<>();
        for (SearchView search : state.searches()) {
            for (UnitView unit : search.units()) {
                if (unit.status() == UnitStatus.LEASED && unit.currentLease().isPresent()) {
                    byHolder.computeIfAbsent(unit.currentLease().get().lease().holder(), h -> new ArrayList<>())
                            .add(Json.object().put("searchId", search.id()).put("unit", unit.unit())
                                    .put("kind", unit.currentLease().get().lease().kind().name()));
                }
            }
        }
        return byHolder;
    }
}
