package io.strategyminer.peer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.data.Dataset;
import io.strategyminer.web.api.ApiJson;
import io.strategyminer.web.api.MetricsJson;

/**
 * The JSON pieces several commands' {@code --json} output share, so that a dataset, a genome or a
 * set of metrics looks the same whichever command printed it; and the one mapper every command writes its output
 * and reads a peer's answers with.
 */
final class CliJson {
    /**
     * The API's reading mapper ({@link ApiJson#MAPPER}): a field an answer lacks is an error naming it, unknown fields
     * (a later peer's additions) are ignored. Writing is Jackson's default.
     */
    static final ObjectMapper MAPPER = ApiJson.MAPPER;

    private CliJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {id, name, symbol, timeframeSeconds, candles}}. */
    static ObjectNode dataset(Dataset d) {
        ObjectNode node = object();
        node.put("id", d.id().hex());
        node.put("name", d.name());
        node.put("symbol", d.symbol());
        node.put("timeframeSeconds", d.timeframeSeconds());
        node.put("candles", d.size());
        return node;
    }

    /**
     * Every {@link Metrics} component under its own name, plus calmar; an undefined (NaN) figure is null: the API's
     * {@link MetricsJson}.
     */
    static ObjectNode metrics(Metrics m) {
        return MAPPER.valueToTree(MetricsJson.of(m));
    }

    /**
     * The inverse of {@link #metrics(Metrics)}: a metrics object of this output or of the HTTP API (web/README.md)
     * back as {@link Metrics} ({@code calmar}, derived, is recomputed). Null, for the figures that may be undefined,
     * is NaN.
     *
     * @throws IllegalArgumentException if a component is missing or not a number
     */
    static Metrics metrics(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, MetricsJson.class).toMetrics();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a metrics object: " + node + " ("
                    + (e instanceof JsonMappingException m ? ApiJson.describe(m) : e.getOriginalMessage()) + ")", e);
        }
    }

    /** The genome's canonical JSON as a tree. */
    static JsonNode genome(Genome genome) {
        try {
            return MAPPER.readTree(GenomeJson.write(genome));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a genome's own JSON always parses", e);
        }
    }

    /** A record of the API (or any value) as a tree, to set into a command's {@code --json} document. */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static String pretty(Object root) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
