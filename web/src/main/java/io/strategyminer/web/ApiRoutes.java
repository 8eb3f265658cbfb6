package io.strategyminer.web;

import io.undertow.util.PathTemplateMatcher;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The API's routes: Undertow's {@link PathTemplateMatcher} finds the template ({@code {name}} segments become
 * path parameters), and the methods registered under it are ours to choose from. What is left here is that choice,
 * one trailing slash, and the body rule of each route. Not Undertow's {@code RoutingHandler} (2.3), because:
 * <ul>
 * <li>a known path under another method goes to its {@code invalidMethodHandler}, which gets only the exchange, not
 *     the methods the path takes, so it cannot send the {@code Allow} header a 405 must carry (RFC 9110 §15.5.6;
 *     {@code ApiRoutesTest}, {@code WebServerTest} and {@code BrowserGuardTest} check it, a CORS preflight included);</li>
 * <li>it copies the path parameters into the query parameters ({@code rewriteQueryParameters}, on by default), where
 *     {@link ApiExchange#allowQuery} would refuse them and a {@code ?id=} could stand beside the path's own;</li>
 * <li>it runs the route's handler at once, while {@code WebServer} must know the route's body types and bound on the
 *     I/O thread (the guard, 405, 415, 413) before it dispatches the request to a worker.</li>
 * </ul>
 */
final class ApiRoutes {

    /** An endpoint on a worker thread in blocking mode. */
    @FunctionalInterface
    interface Endpoint {
        void handle(ApiExchange exchange) throws Exception;
    }

    /**
     * One method on one path template.
     *
     * @param bodyTypes    the media types its body may have; empty for a route without a body (a GET)
     * @param maxBodyBytes the largest body it takes; 0 without a body
     */
    record Route(String method, String template, Set<String> bodyTypes, int maxBodyBytes, Endpoint endpoint) {
        Route {
            bodyTypes = Set.copyOf(bodyTypes);
            if (bodyTypes.stream().anyMatch(MutationGuard.SAFELISTED_TYPES::contains)) {
                throw new IllegalArgumentException(method + " " + template + " takes a body type any web page may "
                        + "send cross-site (" + MutationGuard.SAFELISTED_TYPES + "): it could be driven by any page");
            }
            if (method.equals("GET") != bodyTypes.isEmpty()) {
                throw new IllegalArgumentException(method + " " + template + ": a GET takes no body, a change does");
            }
        }

        /** A read: GET, no body. */
        static Route read(String template, Endpoint endpoint) {
            return new Route("GET", template, Set.of(), 0, endpoint);
        }

        /** A change ({@link MutationGuard} applies) with a body of one of {@code bodyTypes}. */
        static Route change(String method, String template, Set<String> bodyTypes, int maxBodyBytes,
                            Endpoint endpoint) {
            return new Route(method, template, bodyTypes, maxBodyBytes, endpoint);
        }

        boolean changes() {
            return !bodyTypes.isEmpty();
        }
    }

    /** A match: the route and the values of its template's {@code {name}} segments. */
    record Match(Route route, Map<String, String> params) {
    }

    private final PathTemplateMatcher<Map<String, Route>> templates = new PathTemplateMatcher<>();

    ApiRoutes add(Route route) {
        Map<String, Route> byMethod = templates.get(route.template());
        if (byMethod == null) {
            byMethod = new TreeMap<>();
            templates.add(route.template(), byMethod);
        }
        byMethod.put(route.method(), route);
        return this;
    }

    /**
     * The route for a request.
     *
     * @throws ApiException      404 for an unknown path
     * @throws MethodNotAllowed  for a known path under another method
     */
    Match find(String method, String path) {
        // one trailing slash is ignored, for templates with parameters and without alike
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        PathTemplateMatcher.PathMatchResult<Map<String, Route>> match = templates.match(trimmed);
        if (match == null) {
            throw ApiException.notFound("no route " + ApiExchange.abbreviate(path) + "; see web/README.md");
        }
        Route route = match.getValue().get(method);
        if (route == null) {
            throw new MethodNotAllowed(match.getValue().keySet());
        }
        return new Match(route, match.getParameters());
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
}
