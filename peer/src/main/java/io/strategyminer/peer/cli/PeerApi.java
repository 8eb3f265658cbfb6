package io.strategyminer.peer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
 * One peer's HTTP API (web/README.md) as the CLI commands call it: JSON answers as trees, the event stream as
 * an {@link InputStream}, and every failure as a {@link PeerApiException} with one readable line (which URL,
 * what to check, or the peer's own {@code {"error"}} message).
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

    /** {@code GET path} (path and query, starting with {@code /}). */
    JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    /** {@code POST path} with a JSON body. */
    JsonNode postJson(String path, JsonNode body) {
        return postBytes(path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code POST path} with a raw body of the given content type (a dataset upload). */
    JsonNode postBytes(String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return send(builder.build());
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

    private JsonNode send(HttpRequest request) {
        String what = request.method() + " " + request.uri().getRawPath();
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
        try {
            return CliJson.MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new PeerApiException(base + " answered " + what + " with something that is not JSON: is --peer the"
                    + " address of a Strategy Miner peer?", 1, e);
        }
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
            JsonNode error = CliJson.MAPPER.readTree(body).get("error");
            if (error != null && error.isTextual()) {
                message = error.asText();
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
