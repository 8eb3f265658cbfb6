package io.strategyminer.peer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.web.api.ApiJson;
import io.strategyminer.web.api.ErrorJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One peer's HTTP API (web/README.md) as the CLI commands call it: JSON answers read into the records the API
 * writes them from ({@code io.strategyminer.web.api}, by {@link CliJson#MAPPER}), the event stream as an
 * {@link InputStream}, and every failure as a {@link PeerApiException} with one readable line (which URL, what to
 * check, which field an answer lacks, or the peer's own {@code {"error"}} message).
 */
final class PeerApi {
    /** Where {@code peer start} serves the API unless told otherwise. */
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: a peer on a busy 2-core machine, or a 64 MiB dataset upload. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final Optional<String> token;
    private final HttpClient client;

    private PeerApi(URI base, Optional<String> token) {
        this.base = base;
        this.token = token;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * The API of the peer at {@code url} (e.g. {@code http://127.0.0.1:8080}); {@code token} is sent as
     * {@code Authorization: Bearer} on POSTs (needed only from other machines).
     *
     * @throws IllegalArgumentException if {@code url} is not an http(s) URL with a host
     */
    static PeerApi at(String url, Optional<String> token) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--peer " + url + " is not a URL: " + e.getMessage(), e);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("--peer " + url + ": expected an http URL such as " + DEFAULT_URL);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new PeerApi(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path), token);
    }

    /** The peer's base URL, as the user should type it. */
    String url() {
        return base.toString();
    }

    /**
     * {@code GET path} (path and query, starting with {@code /}), its answer read as {@code type}: one of the
     * records the API writes its answers from ({@code io.strategyminer.web.api}).
     *
     * @throws PeerApiException also if the answer lacks a field {@code type} requires (naming it)
     */
    <T> T get(String path, Class<T> type) {
        HttpRequest request = request(path).GET().build();
        return decode(request, send(request), type);
    }

    /** {@code GET path} as a tree of JSON nodes, for a caller that reads any peer's answer field by field. */
    JsonNode tree(String path) {
        HttpRequest request = request(path).GET().build();
        return decode(request, send(request), JsonNode.class);
    }

    /** {@code POST path} with {@code body} (a record or a tree) as JSON; the answer read as {@code type}. */
    <T> T postJson(String path, Object body, Class<T> type) {
        byte[] json;
        try {
            json = CliJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request body of plain values always serialises", e);
        }
        return postBytes(path, "application/json", json, type);
    }

    /** {@code POST path} with a raw body of the given content type (a dataset upload); the answer read as {@code type}. */
    <T> T postBytes(String path, String contentType, byte[] body, Class<T> type) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpRequest request = builder.build();
        return decode(request, send(request), type);
    }

    /**
     * An event's or an answer's JSON as {@code type}, or a {@link PeerApiException} saying which field of what
     * ({@code what}, e.g. "GET /api/status") is missing or malformed.
     */
    <T> T decode(String what, JsonNode json, Class<T> type) {
        try {
            return CliJson.MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(what, e);
        }
    }

    /**
     * Opens {@code GET /api/events}; the caller reads server-sent events from the stream and closes it. No
     * timeout on the body (the stream lasts), only on the connection and the response headers.
     */
    InputStream openEvents() {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/events")).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw failure("GET /api/events", e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (TimeoutException e) {
            throw noAnswer("GET /api/events", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerApiException("interrupted while connecting to " + base, 1, e);
        }
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                throw refused("GET /api/events", response.statusCode(), text);
            } catch (IOException e) {
                throw failure("GET /api/events", e);
            }
        }
        return response.body();
    }

    /** A query parameter value, URL-encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String what(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath();
    }

    private <T> T decode(HttpRequest request, String body, Class<T> type) {
        try {
            return CliJson.MAPPER.readValue(body, type);
        } catch (JsonMappingException e) {
            throw unreadable(what(request), e);
        } catch (JsonProcessingException e) {
            throw new PeerApiException(base + " answered " + what(request) + " with something that is not JSON: is"
                    + " --peer the address of a Strategy Miner peer?", 1, e);
        }
    }

    /** Valid JSON without a field this command needs, or with one of another type: a peer of another version. */
    private PeerApiException unreadable(String what, JsonProcessingException e) {
        String where = e instanceof JsonMappingException m ? ApiJson.describe(m) : e.getOriginalMessage();
        return new PeerApiException("the peer at " + base + " answered " + what + " without what this command reads ("
                + where + "): is it a Strategy Miner peer of this version (`peer --version`)?", 1, e);
    }

    /** The body of a 2xx answer. */
    private String send(HttpRequest request) {
        String what = what(request);
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw e instanceof HttpConnectTimeoutException ? failure(what, e) : noAnswer(what, e);
        } catch (IOException e) {
            throw failure(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerApiException("interrupted while waiting for " + base, 1, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw refused(what, response.statusCode(), response.body());
        }
        return response.body();
    }

    /** The peer could not be reached at all: say which URL and what to check. */
    private PeerApiException failure(String what, IOException e) {
        String reason = e instanceof ConnectException ? "connection refused"
                : e instanceof HttpConnectTimeoutException ? "no answer to the connection within "
                + CONNECT_TIMEOUT.toSeconds() + " s" : String.valueOf(e.getMessage() != null ? e.getMessage() : e);
        return PeerApiException.unreachable("cannot reach the peer at " + base + " (" + what + ": " + reason + "). Is"
                + " `peer start` running there, and is --peer its --http address?", e);
    }

    private PeerApiException noAnswer(String what, Exception e) {
        return new PeerApiException("the peer at " + base + " did not answer " + what + " within "
                + REQUEST_TIMEOUT.toSeconds() + " s: it may be overloaded or stopped (Ctrl-Z?); try again, and look at"
                + " its output", 1, e);
    }

    /** A 4xx is the user's to fix (exit 2) and carries the peer's message; anything else is the peer's fault. */
    private PeerApiException refused(String what, int status, String body) {
        String message = body;
        try {
            ErrorJson error = CliJson.MAPPER.readValue(body, ErrorJson.class);
            if (error.error() != null) {
                message = error.error();
            }
        } catch (JsonProcessingException e) {
            // not the API's JSON: the raw body is the best explanation there is
        }
        boolean usersFault = status / 100 == 4;
        // the CLI knows what the peer cannot: that no --token was given, and so which option fixes it
        String fix = status == 401 && token.isEmpty() ? "; pass --token T (`peer token` prints T on any peer of the"
                + " cluster), or send from the peer's own machine to http://127.0.0.1:<its port>" : "";
        return new PeerApiException(message + " (HTTP " + status + " from " + what + " on " + base + ")" + fix,
                usersFault ? 2 : 1, null);
    }
}
