package io.strategyminer.web.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a client reads the API's answers into the records of this package (the types the server writes them from):
 * one mapper, strict where a mistake would otherwise print as a silent 0 or "".
 *
 * <ul>
 * <li>Every record component is required: a field missing from an answer is an error naming it
 *     ({@code FAIL_ON_MISSING_CREATOR_PROPERTIES}); the API writes every field, null where it has no value, so
 *     absent always means a peer that does not speak this API. Null for a number, a flag or a count is an error
 *     ({@code FAIL_ON_NULL_FOR_PRIMITIVES}); fields that may be null are boxed or objects.</li>
 * <li>No scalar coercion ({@code "12"} is not 12), no duplicate names, nothing after the document.</li>
 * <li>Unknown fields are ignored ({@code FAIL_ON_UNKNOWN_PROPERTIES} off): the API grows by adding fields, and a
 *     command line of one version then still reads the answers of a peer of a later one. Drift between server and
 *     client within one build cannot happen — both use these records — so strictness here would only turn an
 *     additive change of the API into a failure of every older client.</li>
 * </ul>
 */
public final class ApiJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern MISSING = Pattern.compile("^Missing (?:required )?creator property '([^']*)'");

    private ApiJson() {
    }

    /**
     * Where in an answer a mapping error is and what it is, in one line: {@code "units[2].lease.holder: missing"}.
     */
    public static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        String message = e.getOriginalMessage();
        String what = message.lines().findFirst().orElse(message);
        Matcher missing = MISSING.matcher(message);
        if (missing.find()) {
            String field = missing.group(1);
            if (!path.equals(field) && !path.endsWith("." + field)) {
                path = path + (path.isEmpty() ? "" : ".") + field;
            }
            what = "missing";
        } else if (message.startsWith("Cannot map `null` into type")) {
            what = "null, but a value is required";
        }
        return (path.isEmpty() ? "" : path + ": ") + what;
    }
}
