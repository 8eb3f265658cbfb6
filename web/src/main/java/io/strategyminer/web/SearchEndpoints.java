package io.strategyminer.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.ledger.state.SearchView;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code GET|POST /api/searches} and {@code GET /api/searches/{id}}. */
final class SearchEndpoints {
    /** The ledger's search id shape ({@code SearchSubmitted}). */
    static final Pattern SEARCH_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> FIELDS = Set.of("dataset", "splitPercent", "population", "generations", "risk",
            "objective", "minTrades", "workUnits", "quorum", "seed", "allowSameMachine");

    private final ClusterReadModel model;
    private final ClusterCommands commands;
    private final int maxJsonBytes;

    SearchEndpoints(ClusterReadModel model, ClusterCommands commands, int maxJsonBytes) {
        this.model = model;
        this.commands = commands;
        this.maxJsonBytes = maxJsonBytes;
    }

    /** Every search, newest submission first. */
    void list(ApiExchange exchange) {
        exchange.allowQuery(Set.of());
        List<SearchView> searches = model.ledger().read(state -> state.searches());
        ArrayNode list = Json.MAPPER.createArrayNode();
        searches.stream().sorted(Comparator.comparing(SearchView::submitted).reversed())
                .forEach(s -> list.add(JsonViews.searchSummary(s)));
        exchange.ok(Json.object().set("searches", list));
    }

    void get(ApiExchange exchange) {
        exchange.allowQuery(Set.of());
        String id = searchId(exchange.pathParam("id"));
        SearchView search = model.ledger().read(state -> state.search(id))
                .orElseThrow(() -> ApiException.notFound("no search '" + id + "'"));
        exchange.ok(JsonViews.searchDetail(search));
    }

    void submit(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of());
        SearchRequest request = parse(exchange.jsonBody(maxJsonBytes));
        String id;
        try {
            id = commands.submitSearch(request);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        exchange.raw().getResponseHeaders().put(Headers.LOCATION, "/api/searches/" + id);
        exchange.send(201, Json.object().put("id", id));
    }

    static String searchId(String text) {
        if (!SEARCH_ID.matcher(text).matches()) {
            throw ApiException.badRequest("'" + ApiExchange.abbreviate(text)
                    + "' is not a search id (1–64 of a–z, 0–9, '-', not starting with '-')");
        }
        return text;
    }

    /** The request's fields with their defaults; an unknown field or a wrong type is a 400 naming it. */
    static SearchRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object of search parameters");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + ApiExchange.abbreviate(name) + "'; a search takes "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        JsonNode dataset = body.get("dataset");
        if (dataset == null || !dataset.isTextual()) {
            throw ApiException.badRequest("dataset: required, a dataset id, id prefix or name (see GET /api/datasets)");
        }
        try {
            return new SearchRequest(dataset.asText(),
                    integer(body, "splitPercent", SearchRequest.DEFAULT_SPLIT),
                    integer(body, "population", SearchRequest.DEFAULT_POPULATION),
                    integer(body, "generations", SearchRequest.DEFAULT_GENERATIONS),
                    body.has("risk") ? RiskLevel.valueOf(enumText(body, "risk", RiskLevel.values()))
                            : SearchRequest.DEFAULT_RISK,
                    body.has("objective") ? Objective.valueOf(enumText(body, "objective", Objective.values()))
                            : SearchRequest.DEFAULT_OBJECTIVE,
                    integer(body, "minTrades", SearchRequest.DEFAULT_MIN_TRADES),
                    integer(body, "workUnits", SearchRequest.DEFAULT_WORK_UNITS),
                    integer(body, "quorum", SearchRequest.DEFAULT_QUORUM),
                    seed(body),
                    bool(body, "allowSameMachine"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static int integer(JsonNode body, String field, int fallback) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.badRequest(field + ": expected a whole number, got " + ApiExchange.abbreviate(value.toString()));
        }
        return value.intValue();
    }

    private static Long seed(JsonNode body) {
        JsonNode value = body.get("seed");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest("seed: expected a 64-bit whole number, got " + ApiExchange.abbreviate(value.toString()));
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest(field + ": expected true or false, got " + ApiExchange.abbreviate(value.toString()));
        }
        return value.booleanValue();
    }

    private static String enumText(JsonNode body, String field, Enum<?>[] values) {
        JsonNode value = body.get(field);
        String text = value.isTextual() ? value.asText().toUpperCase(Locale.ROOT) : "";
        for (Enum<?> v : values) {
            if (v.name().equals(text)) {
                return text;
            }
        }
        throw ApiException.badRequest(field + ": " + ApiExchange.abbreviate(value.toString()) + " is not one of "
                + String.join(", ", Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
