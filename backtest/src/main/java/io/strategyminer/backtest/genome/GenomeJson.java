package io.strategyminer.backtest.genome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON form of a genome, for files, the HTTP API and the ledger:
 * <pre>{@code
 * {"entry": {"combine": "AND", "conditions": [{"left": "RSI(14)", "op": "<", "right": 30},
 *                                             {"left": "EMA(9)", "op": "crosses_above", "right": "EMA(21)"}]},
 *  "exit": {"combine": "OR", "conditions": [{"left": "RSI(14)", "op": ">", "right": 70}]},
 *  "stopLossPct": 2, "takeProfitPct": 4, "trailingStopPct": 0, "maxBarsHeld": 0,
 *  "positionPct": 50, "risk": "MEDIUM"}
 * }</pre>
 * Field order is fixed (record order), so the compact form is canonical: equal genomes print equal bytes.
 */
public final class GenomeJson {
    /** Files larger than this are not genomes; refuse them before parsing. */
    public static final long MAX_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private GenomeJson() {
    }

    /** Canonical compact JSON. */
    public static String write(Genome genome) {
        try {
            return MAPPER.writeValueAsString(genome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a genome always serialises", e);
        }
    }

    public static String writePretty(Genome genome) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(genome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a genome always serialises", e);
        }
    }

    /** Parses and validates; every error names what is wrong. */
    public static Genome read(String json) {
        try {
            return MAPPER.readValue(json, Genome.class);
        } catch (JsonMappingException e) {
            Throwable cause = rootCause(e);
            if (cause instanceof InvalidGenomeException invalid) {
                throw invalid; // keeps the list of problems for callers that show them one by one
            }
            if (cause instanceof IllegalArgumentException iae && cause != e) {
                throw new IllegalArgumentException(iae.getMessage(), e);
            }
            throw new IllegalArgumentException("not a valid genome: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Genome read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": " + size + " bytes is too large for a genome (max "
                    + MAX_BYTES + ")");
        }
        try {
            return read(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
