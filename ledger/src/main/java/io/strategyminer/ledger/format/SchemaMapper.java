package io.strategyminer.ledger.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.core.JsonGenerator;
import io.strategyminer.data.DatasetId;
import io.strategyminer.ledger.event.Event;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON mapping of the payload schemas: compact, schema record field order, strict on input (unknown or
 * duplicate fields, missing fields, nulls for primitives, numbers for enums, floats for integers, trailing content
 * and deep nesting are all errors). A payload is serialised once, when its event is created; the bytes are then
 * signed, stored and sent as they are, so the JSON never has to be reproduced byte for byte elsewhere.
 */
final class SchemaMapper {
    /** Far above any payload's real depth (a genome is about 6 deep), far below what could exhaust a stack. */
    private static final int MAX_NESTING = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                            .maxStringLength(Event.MAX_PAYLOAD_BYTES).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.INDENT_OUTPUT)
            // the data module has no JSON of its own: a dataset id is its hex text, like every id in the ledger
            .addModule(new SimpleModule("strategy-miner-ledger")
                    .addSerializer(DatasetId.class, new DatasetIdSerializer())
                    .addDeserializer(DatasetId.class, new DatasetIdDeserializer()))
            .build();

    /** Readers resolve their deserializer once; reading is the hot path of catch-up. */
    private static final ConcurrentHashMap<Class<?>, ObjectReader> READERS = new ConcurrentHashMap<>();

    private SchemaMapper() {
    }

    static byte[] write(Object schemaRecord) {
        try {
            return MAPPER.writeValueAsBytes(schemaRecord);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schema record always serialises: " + e.getMessage(), e);
        }
    }

    /**
     * Parses JSON into a schema record; the message of the {@link IllegalArgumentException} names the field and
     * the problem (the first check a record's constructor or a conversion refused, if that was the cause).
     */
    static <T> T read(Class<T> schema, byte[] json) {
        try {
            return READERS.computeIfAbsent(schema, MAPPER::readerFor).readValue(json);
        } catch (JsonMappingException e) {
            Throwable cause = rootCause(e);
            throw new IllegalArgumentException(cause instanceof IllegalArgumentException && cause != e
                    ? cause.getMessage() : e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** A JSON text as a tree, for schema fields that nest another format's JSON (genomes). */
    static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static final class DatasetIdSerializer extends StdSerializer<DatasetId> {
        DatasetIdSerializer() {
            super(DatasetId.class);
        }

        @Override
        public void serialize(DatasetId id, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(id.hex());
        }
    }

    private static final class DatasetIdDeserializer extends FromStringDeserializer<DatasetId> {
        DatasetIdDeserializer() {
            super(DatasetId.class);
        }

        @Override
        protected DatasetId _deserialize(String value, DeserializationContext context) {
            return new DatasetId(value);
        }
    }
}
