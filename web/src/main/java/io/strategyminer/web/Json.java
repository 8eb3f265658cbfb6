package io.strategyminer.web;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one JSON mapper of the API: strict on input (duplicate keys, trailing tokens are errors) and bounded
 * before the parser builds anything: nesting, number and string lengths ({@link #READ_LIMITS}); its error
 * messages quote at most a short excerpt of the input.
 */
final class Json {
    /**
     * A search request is one flat object of short fields, and a genome (re-read for {@code GET
     * /api/strategies/{id}}) nests a few levels: deeper or longer input is hostile, refused before it costs
     * stack or memory.
     */
    static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(32).maxNumberLength(64).maxStringLength(16 * 1024).maxNameLength(256).build();
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(READ_LIMITS)
            .errorReportConfiguration(ErrorReportConfiguration.builder()
                    .maxErrorTokenLength(64).maxRawContentLength(64).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode error(String message) {
        return object().put("error", message);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of JSON nodes always serialises", e);
        }
    }

    /** Any value Jackson can serialise (records, maps, lists, nodes) as JSON text. */
    static String writeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a request body; a syntax error or a passed limit is the client's: 400 with the parser's location. */
    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty: send a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("the request body passes a JSON limit (nesting ≤ "
                    + READ_LIMITS.getMaxNestingDepth() + ", numbers ≤ " + READ_LIMITS.getMaxNumberLength()
                    + " digits, strings ≤ " + READ_LIMITS.getMaxStringLength() + " characters, names ≤ "
                    + READ_LIMITS.getMaxNameLength() + ")" + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage()
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw ApiException.badRequest("the request body cannot be read as JSON");
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
