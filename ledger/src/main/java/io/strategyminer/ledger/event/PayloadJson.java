package io.strategyminer.ledger.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.data.DatasetId;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The JSON form of payloads: compact, record field order, strict on input (unknown or duplicate
 * fields, missing fields, nulls for numbers, numbers for enums, trailing content are all errors).
 * A payload is serialised once, when its event is created; the bytes are then signed, stored and
 * sent as they are, so the JSON form never has to be reproduced byte for byte elsewhere.
 * Genomes are written and read by {@link GenomeJson}, so the ledger holds their canonical form.
 */
public final class PayloadJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .addModule(new SimpleModule("strategy-miner-ledger")
                    .addSerializer(Genome.class, new GenomeSerializer())
                    .addDeserializer(Genome.class, new GenomeDeserializer())
                    .addSerializer(DatasetId.class, new DatasetIdSerializer())
                    .addDeserializer(DatasetId.class, new DatasetIdDeserializer()))
            .build();

    /** Readers resolve their deserializer once; reading is the hot path of catch-up. */
    private static final Map<EventType, ObjectReader> READERS = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            READERS.put(type, MAPPER.readerFor(type.payloadClass()));
        }
    }

    private PayloadJson() {
    }

    public static byte[] write(Payload payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a valid payload always serialises: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a payload of the given type; the message of the {@link IllegalArgumentException}
     * names the field and the problem.
     */
    public static Payload read(EventType type, byte[] json) {
        try {
            return READERS.get(type).readValue(json);
        } catch (JsonMappingException e) {
            Throwable cause = rootCause(e);
            String message = cause instanceof IllegalArgumentException && cause != e ? cause.getMessage()
                    : e.getOriginalMessage();
            throw new IllegalArgumentException(type + ": " + message, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(type + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static final class GenomeSerializer extends JsonSerializer<Genome> {
        @Override
        public void serialize(Genome genome, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeRawValue(GenomeJson.write(genome));
        }
    }

    private static final class GenomeDeserializer extends JsonDeserializer<Genome> {
        @Override
        public Genome deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return GenomeJson.read(ctxt.readTree(p).toString());
        }
    }

    private static final class DatasetIdSerializer extends JsonSerializer<DatasetId> {
        @Override
        public void serialize(DatasetId id, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(id.hex());
        }
    }

    private static final class DatasetIdDeserializer extends JsonDeserializer<DatasetId> {
        @Override
        public DatasetId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                return (DatasetId) ctxt.handleUnexpectedToken(DatasetId.class, p);
            }
            return new DatasetId(p.getText());
        }
    }
}
