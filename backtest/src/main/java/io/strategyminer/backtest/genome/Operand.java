package io.strategyminer.backtest.genome;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;

/**
 * The right-hand side of a {@link Condition}: another indicator or a fixed number.
 * In JSON an indicator is a string ("EMA(21)") and a constant is a number (30).
 */
@JsonDeserialize(using = Operand.Json.class)
public sealed interface Operand permits Indicator, Constant {

    /** Reads a JSON string as an {@link Indicator} and a JSON number as a {@link Constant}. */
    final class Json extends JsonDeserializer<Operand> {
        @Override
        public Operand deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return Indicator.parse(p.getText());
            }
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return new Constant(p.getDoubleValue());
            }
            return (Operand) ctxt.handleUnexpectedToken(Operand.class, p);
        }
    }
}
