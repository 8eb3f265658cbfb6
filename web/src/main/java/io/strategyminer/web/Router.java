package io.strategyminer.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Maps (method, path) to an endpoint. Templates are literal segments and {@code {name}} segments;
 * a path that matches a template under another method is a 405 (with the allowed methods), one that
 * matches none a 404.
 */
final class Router {

    /** An endpoint on a worker thread in blocking mode. */
    @FunctionalInterface
    interface Endpoint {
        void handle(ApiExchange exchange) throws Exception;
    }

    /** A match: the endpoint and the values of the template's {@code {name}} segments. */
    record Match(Endpoint endpoint, Map<String, String> params) {
    }

    private record Route(String[] segments, Map<String, Endpoint> byMethod) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Endpoint endpoint) {
        String[] segments = split(template);
        Route route = routes.stream().filter(r -> String.join("/", r.segments).equals(String.join("/", segments)))
                .findFirst().orElseGet(() -> {
                    Route created = new Route(segments, new TreeMap<>());
                    routes.add(created);
                    return created;
                });
        route.byMethod.put(method, endpoint);
        return this;
    }

    /**
     * The endpoint for a request.
     *
     * @throws ApiException 404 for an unknown path, 405 for a known path under another method
     */
    Match find(String method, String path) {
        String[] segments = split(path);
        for (Route route : routes) {
            Optional<Map<String, String>> params = match(route.segments, segments);
            if (params.isPresent()) {
                Endpoint endpoint = route.byMethod.get(method);
                if (endpoint == null) {
                    throw new MethodNotAllowed(route.byMethod.keySet());
                }
                return new Match(endpoint, params.get());
            }
        }
        throw ApiException.notFound("no route " + ApiExchange.abbreviate(path) + "; see web/README.md");
    }

    /** 405, carrying the methods to list in the {@code Allow} header. */
    static final class MethodNotAllowed extends RuntimeException {
        private final String allowed;

        MethodNotAllowed(Iterable<String> methods) {
            super(null, null, false, false);
            this.allowed = String.join(", ", methods);
        }

        String allowed() {
            return allowed;
        }
    }

    private static Optional<Map<String, String>> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
