package io.strategyminer.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.data.importer.DatasetNames;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.importer.SuspectCandlesException;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.data.store.MetadataJson;
import io.strategyminer.data.suspect.SuspectPolicy;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.web.api.DatasetCreatedJson;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/** {@code GET|POST /api/datasets}: the datasets held here and those the cluster published. */
final class DatasetEndpoints {
    /** What an upload may declare: never a type a page of another site may send unasked (MutationGuard). */
    static final Set<String> UPLOAD_TYPES = Set.of("text/csv", "application/json", "application/octet-stream");

    private final ClusterReadModel model;
    private final ClusterCommands commands;
    private final int maxUploadBytes;
    private final UploadSpool spool;
    private final Semaphore uploads;

    DatasetEndpoints(ClusterReadModel model, ClusterCommands commands, int maxUploadBytes, int concurrentUploads) {
        this.model = model;
        this.commands = commands;
        this.maxUploadBytes = maxUploadBytes;
        // beside the dataset store's folder, in the peer's data dir
        this.spool = new UploadSpool(model.datasets().store().directory().resolveSibling("uploads"));
        this.uploads = new Semaphore(concurrentUploads);
        spool.deleteLeftovers();
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

    /**
     * The body is the candle file; {@code ?name=} names the dataset, {@code ?symbol=} gives its market (else it is
     * guessed as {@code peer data import} does), {@code ?suspect=refuse|drop|repair} says what to do with suspect
     * candles (refuse by default: the answer lists them). Names and symbols follow the import's one naming rule.
     * The body goes to a file, never whole into memory, and is imported from there; one upload at a time (the
     * importer holds the candles in memory).
     */
    void upload(ApiExchange exchange) throws IOException {
        exchange.allowQuery(Set.of("name", "symbol", "suspect"));
        String name = exchange.query("name").orElseThrow(() ->
                ApiException.badRequest("name: required query parameter (?name=…), the dataset's name"));
        ImportOptions options;
        try {
            options = ImportOptions.auto().withName(DatasetNames.checkName(name))
                    .withSuspects(SuspectPolicy.parse(exchange.query("suspect").orElse("refuse")));
            if (exchange.query("symbol").isPresent()) {
                options = options.withSymbol(DatasetNames.checkSymbol(exchange.query("symbol").get()));
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!uploads.tryAcquire()) {
            exchange.raw().getResponseHeaders().put(Headers.RETRY_AFTER, "5");
            throw new ApiException(429, "another dataset upload is in progress (received or imported); send this one "
                    + "when it is done");
        }
        DatasetInfo info;
        try (UploadSpool.Received file = spool.receive(exchange.raw(), maxUploadBytes);
             InputStream content = file.open()) {
            info = commands.importDataset(content, options);
        } catch (SuspectCandlesException e) {
            throw ApiException.badRequest(e.getMessage() + (e.tooManyToClean() ? ""
                    : " Send it again with ?suspect=drop or ?suspect=repair to store it cleaned."));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (JsonProcessingException e) {
            // a JSON candle file the parser refused (syntax, nesting, lengths): the upload's fault, not the peer's
            throw ApiException.badRequest("the upload is not a readable JSON candle file: " + e.getOriginalMessage());
        } finally {
            uploads.release();
        }
        exchange.raw().getResponseHeaders().put(Headers.LOCATION, "/api/datasets");
        exchange.send(201, new DatasetCreatedJson(info.id().hex(), info.name(), info.symbol(), info.timeframeSeconds(),
                info.candles(), info.firstTime(), info.lastTime(), MetadataJson.toJson(info.cleaning()),
                MetadataJson.toJson(info.calendar())));
    }
}
