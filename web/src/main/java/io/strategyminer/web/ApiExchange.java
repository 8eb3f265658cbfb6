package io.strategyminer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One API request on a worker thread (blocking mode): its path parameters, validated query
 * parameters, a size-bounded body, and the JSON response.
 */
final class ApiExchange {
    private final HttpServerExchange exchange;
    private final Map<String, String> pathParams;

    ApiExchange(HttpServerExchange exchange, Map<String, String> pathParams) {
        this.exchange = exchange;
        this.pathParams = pathParams;
    }

    HttpServerExchange raw() {
        return exchange;
    }

    String pathParam(String name) {
        return pathParams.get(name);
    }

    /** A query parameter given at most once. */
    Optional<String> query(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("query parameter '" + name + "' is given " + values.size() + " times");
        }
        return Optional.of(values.getFirst());
    }

    /** Refuses query parameters the route does not know, so a typo is not silently ignored. */
    void allowQuery(Set<String> known) {
        for (String name : exchange.getQueryParameters().keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; this route takes "
                        + (known.isEmpty() ? "none" : String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    /** An integer query parameter within [min, max], or {@code fallback} when absent. */
    int intQuery(String name, int min, int max, int fallback) {
        Optional<String> text = query(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value < min || value > max) {
                throw ApiException.badRequest(name + ": " + value + " is outside " + min + "–" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": '" + abbreviate(text.get()) + "' is not a whole number");
        }
    }

    /** The request body, refused with 413 beyond {@code limit} bytes (checked before and while reading). */
    byte[] body(int limit) throws IOException {
        long declared = checkDeclaredLength(exchange, limit);
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        copyBounded(exchange.getInputStream(), out, limit);
        return out.toByteArray();
    }

    JsonNode jsonBody(int limit) throws IOException {
        return Json.parse(body(limit));
    }

    /**
     * Refuses a body whose {@code Content-Length} is over {@code limit} before a byte of it is read.
     *
     * @return the declared length, -1 if none (chunked)
     */
    static long checkDeclaredLength(HttpServerExchange exchange, int limit) {
        long declared = exchange.getRequestContentLength();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        return declared;
    }

    /** Copies a body, refusing it (413) as soon as it passes {@code limit} bytes. */
    static void copyBounded(InputStream in, OutputStream out, int limit) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limit) {
                throw tooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
    }

    /** Sends {@code body} (a record of {@code io.strategyminer.web.api}, or a tree of JSON nodes) as JSON. */
    void send(int status, Object body) {
        String text = Json.writeValue(body);
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(text, StandardCharsets.UTF_8);
    }

    void ok(Object body) {
        send(200, body);
    }

    static ApiException tooLarge(long limit) {
        // the connection is closed after the answer: the rest of the body is never read
        return new ApiException(413, "the request body is larger than " + limit + " bytes");
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
