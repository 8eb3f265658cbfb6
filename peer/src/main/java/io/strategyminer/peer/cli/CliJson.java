package io.strategyminer.peer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.data.Dataset;

/**
 * The JSON pieces several commands' {@code --json} output share, so that a dataset, a genome or a
 * set of metrics looks the same whichever command printed it.
 */
final class CliJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

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

    /** Every {@link Metrics} component under its own name, plus calmar. */
    static ObjectNode metrics(Metrics m) {
        ObjectNode node = MAPPER.valueToTree(m);
        node.put("calmar", m.calmar());
        return node;
    }

    /**
     * The inverse of {@link #metrics(Metrics)}: a metrics object of this output or of the HTTP API (web/README.md)
     * back as {@link Metrics}, so that {@link MetricsTable} prints it like every other command ({@code calmar},
     * derived, is ignored).
     *
     * @throws IllegalArgumentException if a component is missing or not a number
     */
    static Metrics metrics(JsonNode node) {
        try {
            return MAPPER.readerFor(Metrics.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES).readValue(node);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a metrics object: " + node + " (" + e.getMessage() + ")", e);
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

    static String pretty(JsonNode root) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
