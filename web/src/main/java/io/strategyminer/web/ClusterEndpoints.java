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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** {@code GET /api/status} and {@code GET /api/peers}: the cluster as this peer sees it. */
final class ClusterEndpoints {
    private final ClusterReadModel model;

    ClusterEndpoints(ClusterReadModel model) {
        this.model = model;
    }

    void status(ApiExchange exchange) {
        exchange.allowQuery(Set.of());
        Optional<MembershipView> view = model.view();
        PeerId self = model.self();
        ObjectNode node = model.ledger().read(state -> {
            ObjectNode status = Json.object();
            ObjectNode me = status.putObject("self").put("id", self.hex());
            state.peer(self).ifPresentOrElse(p -> me.put("name", p.announced().name()), () -> me.putNull("name"));
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
            return status;
        });
        LedgerStats stats = model.ledger().stats();
        node.putObject("ledger").put("events", stats.events()).put("origins", stats.origins())
                .put("lamport", stats.lamport()).put("pending", stats.pending())
                .put("rejected", stats.rejected().values().stream().mapToLong(Long::longValue).sum());
        exchange.ok(node);
    }

    void peers(ApiExchange exchange) {
        exchange.allowQuery(Set.of());
        Optional<MembershipView> view = model.view();
        ArrayNode list = model.ledger().read(state -> {
            ArrayNode peers = Json.MAPPER.createArrayNode();
            Map<PeerId, List<ObjectNode>> leases = currentLeases(state);
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
            }
            return peers;
        });
        exchange.ok(Json.object().set("peers", list));
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
