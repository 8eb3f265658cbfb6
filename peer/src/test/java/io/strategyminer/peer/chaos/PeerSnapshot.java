package io.strategyminer.peer.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one peer answered on its own HTTP API at one moment: {@code GET /api/status}, {@code /api/searches},
 * {@code /api/searches/{id}} for each search and {@code /api/strategies?status=…}. Built from the JSON
 * ({@link #parse}) or by hand in {@link InvariantCheckerTest}. Statuses are kept as the API's strings, so a status
 * the checker does not know (a new one) is compared and counted like any other.
 *
 * @param name            the peer's name in the harness (p0, p1, …)
 * @param self            its peer id, from {@code /api/status}
 * @param view            the members of its installed view; empty when it has none ({@code "view": null})
 * @param coordinator     the view's coordinator, if any
 * @param searchCounts    {@code work.searches} of {@code /api/status}
 * @param unitCounts      {@code work.units}
 * @param strategyCounts  {@code work.strategies}
 * @param ledgerEvents    {@code ledger.events}
 * @param ledgerPending   {@code ledger.pending}
 * @param healthy         {@code health.ok}
 * @param searches        every search with its units
 * @param strategyTotals  {@code total} of {@code /api/strategies?status=S} for each status S of {@code strategyCounts}
 * @param strategies      {@code /api/strategies?status=all}: every strategy
 */
record PeerSnapshot(String name, String self, List<String> view, Optional<String> coordinator,
                    Map<String, Long> searchCounts, Map<String, Long> unitCounts, Map<String, Long> strategyCounts,
                    long ledgerEvents, long ledgerPending, boolean healthy, List<Search> searches,
                    Map<String, Long> strategyTotals, List<Strategy> strategies) {

    record Search(String id, String status, int workUnits, List<Unit> units) {
    }

    /** A unit of a search; {@code leaseHolder} is the holder of its current lease, if it has one. */
    record Unit(int unit, String status, Optional<String> leaseHolder, Optional<String> canonical,
                Optional<Long> generation) {
    }

    record Strategy(String id, String searchId, int unit, String status, String digest) {
    }

    Optional<Search> search(String id) {
        return searches.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Builds a snapshot from the JSON answers of one peer. */
    static PeerSnapshot parse(String name, JsonNode status, List<JsonNode> searchDetails, Map<String, Long> totals,
                              JsonNode allStrategies) {
        List<String> view = new ArrayList<>();
        JsonNode viewNode = status.path("view");
        if (viewNode.isObject()) {
            viewNode.path("members").forEach(m -> view.add(m.asText()));
        }
        Optional<String> coordinator = status.path("coordinator").isTextual()
                ? Optional.of(status.path("coordinator").asText()) : Optional.empty();
        JsonNode work = status.path("work");
        List<Search> searches = new ArrayList<>();
        for (JsonNode s : searchDetails) {
            List<Unit> units = new ArrayList<>();
            for (JsonNode u : s.path("units")) {
                JsonNode lease = u.path("lease");
                units.add(new Unit(u.path("unit").asInt(), u.path("status").asText(),
                        lease.isObject() ? Optional.of(lease.path("holder").asText()) : Optional.empty(),
                        u.path("canonical").isTextual() ? Optional.of(u.path("canonical").asText()) : Optional.empty(),
                        u.path("generation").isNumber() ? Optional.of(u.path("generation").asLong()) : Optional.empty()));
            }
            searches.add(new Search(s.path("id").asText(), s.path("status").asText(), s.path("workUnits").asInt(),
                    units));
        }
        List<Strategy> strategies = new ArrayList<>();
        for (JsonNode s : allStrategies.path("strategies")) {
            strategies.add(new Strategy(s.path("id").asText(), s.path("searchId").asText(), s.path("unit").asInt(),
                    s.path("status").asText(), s.path("digest").asText()));
        }
        return new PeerSnapshot(name, status.path("self").path("id").asText(), view, coordinator,
                counts(work.path("searches")), counts(work.path("units")), counts(work.path("strategies")),
                status.path("ledger").path("events").asLong(), status.path("ledger").path("pending").asLong(),
                status.path("health").path("ok").asBoolean(), searches, totals, strategies);
    }

    static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> counts = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }
}
