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
import java.util.List;

/**
 * The JSON pieces several commands' {@code --json} output share, so that a dataset, a genome or a
 * set of metrics looks the same whichever command printed it.
 */
final class CliJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The {@link Metrics} components that are NaN (JSON null) when undefined. */
    private static final List<String> UNDEFINABLE = List.of("cagrPct", "sharpe", "sortino", "dailySkewness",
            "dailyKurtosis");

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

    /** Every {@link Metrics} component under its own name, plus calmar; an undefined (NaN) figure is null. */
    static ObjectNode metrics(Metrics m) {
        ObjectNode node = MAPPER.valueToTree(m);
        for (String field : UNDEFINABLE) {
            if (Double.isNaN(node.path(field).doubleValue())) {
                node.putNull(field);
            }
        }
        node.put("calmar", m.calmar());
        return node;
    }

    /**
     * The inverse of {@link #metrics(Metrics)}: a metrics object of this output or of the HTTP API (web/README.md)
     * back as {@link Metrics}, so that {@link MetricsTable} prints it like every other command ({@code calmar},
     * derived, is ignored). Null, for the figures that may be undefined, is NaN.
     *
     * @throws IllegalArgumentException if a component is missing or not a number
     */
    static Metrics metrics(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a metrics object: " + node);
        }
        ObjectNode copy = node.deepCopy();
        for (String field : UNDEFINABLE) {
            if (copy.path(field).isNull()) {
                copy.put(field, Double.NaN);
            }
        }
        try {
            return MAPPER.readerFor(Metrics.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES).readValue(copy);
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
