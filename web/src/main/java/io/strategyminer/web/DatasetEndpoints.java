package io.strategyminer.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.ledger.event.DatasetPublished;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code GET|POST /api/datasets}: the datasets held here and those the cluster published. */
final class DatasetEndpoints {
    /** A dataset name: 1–128 printable characters, no control characters or slashes. */
    static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}/\\\\]{1,128}");
    private static final Set<String> UPLOAD_TYPES = Set.of("text/csv", "text/plain", "application/json",
            "application/octet-stream");

    private final ClusterReadModel model;
    private final ClusterCommands commands;
    private final int maxUploadBytes;

    DatasetEndpoints(ClusterReadModel model, ClusterCommands commands, int maxUploadBytes) {
        this.model = model;
        this.commands = commands;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** Local datasets first (bundled, then imported, as the catalog lists them), then the cluster's others. */
    void list(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of());
        List<KnownDataset> known = KnownDataset.of(model.datasets(), model.ledger().read(state -> state.datasets()));
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (KnownDataset dataset : known) {
            ObjectNode node = list.addObject().put("id", dataset.id().hex()).put("name", dataset.name());
            if (dataset.local().isPresent()) {
                DatasetInfo info = dataset.local().get();
                node.put("symbol", info.symbol()).put("timeframeSeconds", info.timeframeSeconds())
                        .put("candles", info.candles()).put("firstTime", info.firstTime())
                        .put("lastTime", info.lastTime()).put("local", true).put("bundled", info.bundled());
            } else {
                DatasetPublished description = dataset.published().orElseThrow().description();
                node.put("symbol", description.symbol()).put("timeframeSeconds", description.timeframeSeconds())
                        .put("candles", description.candles()).putNull("firstTime").putNull("lastTime")
                        .put("local", false).put("bundled", false);
            }
            ArrayNode publishers = node.putArray("publishers");
            dataset.published().ifPresent(view -> view.publishers().forEach(peer -> publishers.add(peer.hex())));
        }
        exchange.ok(Json.object().set("datasets", list));
    }

    /** The body is the candle file; {@code ?name=} names the dataset. */
    void upload(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of("name"));
        String name = exchange.query("name").orElseThrow(() ->
                ApiException.badRequest("name: required query parameter (?name=…), the dataset's name"));
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name: 1–128 characters without control characters or slashes");
        }
        exchange.requireContentType(UPLOAD_TYPES);
        byte[] content = exchange.body(maxUploadBytes);
        DatasetInfo info;
        try {
            info = commands.importDataset(content, name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        exchange.raw().getResponseHeaders().put(Headers.LOCATION, "/api/datasets");
        exchange.send(201, Json.object().put("id", info.id().hex()).put("name", info.name())
                .put("symbol", info.symbol()).put("timeframeSeconds", info.timeframeSeconds())
                .put("candles", info.candles()).put("firstTime", info.firstTime()).put("lastTime", info.lastTime()));
    }
}
