package io.strategyminer.web;

import io.strategyminer.ledger.state.SearchView;
import io.strategyminer.web.api.CreatedJson;
import io.strategyminer.web.api.SearchesJson;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code GET|POST /api/searches} and {@code GET /api/searches/{id}}. */
final class SearchEndpoints {
    /** The ledger's search id shape ({@code SearchSubmitted}). */
    static final Pattern SEARCH_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final ClusterReadModel model;
    private final ClusterCommands commands;
    private final int maxJsonBytes;

    SearchEndpoints(ClusterReadModel model, ClusterCommands commands, int maxJsonBytes) {
        this.model = model;
        this.commands = commands;
        this.maxJsonBytes = maxJsonBytes;
    }

    /** Every search, newest submission first. */
    void list(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of());
        List<SearchView> searches = model.ledger().read(state -> state.searches());
        DatasetLabels labels = DatasetLabels.of(model);
        exchange.ok(new SearchesJson(searches.stream().sorted(Comparator.comparing(SearchView::submitted).reversed())
                .map(s -> JsonViews.searchSummary(s, labels)).toList()));
    }

    void get(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of());
        String id = searchId(exchange.pathParam("id"));
        SearchView search = model.ledger().read(state -> state.search(id))
                .orElseThrow(() -> ApiException.notFound("no search '" + id + "' (GET /api/searches lists them)"));
        exchange.ok(JsonViews.searchDetail(search, DatasetLabels.of(model)));
    }

    void submit(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of());
        SearchSpecJson.Submission submission = SearchSpecJson.parse(exchange.jsonBody(maxJsonBytes));
        String id;
        try {
            id = commands.submitSearch(submission.dataset(), submission.parameters());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        exchange.raw().getResponseHeaders().put(Headers.LOCATION, "/api/searches/" + id);
        exchange.send(201, new CreatedJson(id));
    }

    /** The search parameters with their limits and defaults, for the dashboard's form. */
    void parameters(ApiExchange exchange) {
        exchange.allowQuery(Set.of());
        exchange.ok(SearchSpecJson.parameters());
    }

    static String searchId(String text) {
        if (!SEARCH_ID.matcher(text).matches()) {
            throw ApiException.badRequest("'" + ApiExchange.abbreviate(text)
                    + "' is not a search id (1–64 of a–z, 0–9, '-', not starting with '-')");
        }
        return text;
    }
}
