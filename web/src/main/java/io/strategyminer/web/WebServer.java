package io.strategyminer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategyminer.web.ApiRoutes.Route;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The peer's HTTP server (DESIGN §7, §8): the JSON API, the live event stream, Prometheus metrics
 * and the dashboard's static assets (classpath {@code /web/}). Every error is {@code {"error": …}}
 * with a 4xx status; every request must name this peer in its {@code Host}, and changes (POST) come from
 * no other site's page and need the cluster token unless they come from loopback; timeouts and limits cut
 * idle, slow and flooding clients; no stack trace ever reaches a client. See web/README.md for every route
 * and limit.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String API = "/api/";
    private static final String EVENTS = "/api/events";
    private static final String METRICS = "/metrics";
    private static final String JSON_TYPE = "application/json";
    /** Worker threads for the API; {@link ServerLimits#maxRequestsPerClient()} lets one client hold half. */
    private static final int WORKER_THREADS = 16;
    /** A browser sends some 20 headers; the routes take at most 3 query parameters. */
    private static final int MAX_HEADERS = 64;
    private static final int MAX_PARAMETERS = 16;
    /**
     * How much of a refused request's body is read and dropped before its connection is closed instead: a
     * client still sending when the answer comes then reads the answer, not a reset (Tomcat's "swallow").
     */
    private static final int DROPPED_BODY_BYTES = 2 * 1024 * 1024;
    /** An error message's bound: the importer lists several problems, none of them quotes much input. */
    private static final int MAX_ERROR_CHARS = 2_000;

    private final Undertow undertow;
    private final EventStream events;
    private final WebMetrics metrics;
    private final PeerActivity activity;
    private final ClientLimits clients;
    private final InetSocketAddress address;

    private WebServer(WebConfig config, ClusterReadModel model, ClusterCommands commands, WebMetrics metrics) {
        this.metrics = metrics;
        this.events = new EventStream(model.ledger(), config.heartbeatMillis(), config.sseQueueEvents(),
                metrics.registry());
        this.activity = new PeerActivity(model.ledger(), System::currentTimeMillis);
        MutationGuard guard = new MutationGuard(config.clusterToken(), config.trustedSource(), metrics);
        ClusterEndpoints cluster = new ClusterEndpoints(model, activity, guard);
        SearchEndpoints searches = new SearchEndpoints(model, commands, config.maxJsonBytes());
        StrategyEndpoints strategies = new StrategyEndpoints(model);
        DatasetEndpoints datasets = new DatasetEndpoints(model, commands, config.maxUploadBytes(),
                config.limits().maxConcurrentUploads());
        ApiRoutes routes = new ApiRoutes()
                .add(Route.read("/api/status", cluster::status))
                .add(Route.read("/api/peers", cluster::peers))
                .add(Route.read("/api/searches", searches::list))
                .add(Route.change("POST", "/api/searches", Set.of(JSON_TYPE), config.maxJsonBytes(), searches::submit))
                .add(Route.read("/api/searches/{id}", searches::get))
                .add(Route.read("/api/searches/{id}/walk-forward", new WalkForwardEndpoint(model, strategies)::get))
                .add(Route.read("/api/search-parameters", searches::parameters))
                .add(Route.read("/api/strategies", strategies::list))
                .add(Route.read("/api/strategies/{id}", strategies::get))
                .add(Route.read("/api/strategies/{id}/robustness", strategies::robustness))
                .add(Route.read("/api/datasets", datasets::list))
                .add(Route.change("POST", "/api/datasets", DatasetEndpoints.UPLOAD_TYPES, config.maxUploadBytes(),
                        datasets::upload))
                // registered so that other methods get a 405; a GET is served by the event stream before routing
                .add(Route.read(EVENTS, exchange -> {
                    throw new IllegalStateException("GET " + EVENTS + " never reaches the router");
                }))
                .add(Route.read(METRICS, this::scrape));
        this.clients = new ClientLimits(config.limits().maxRequestsPerClient(), metrics.registry());
        HttpHandler root = new RootHandler(routes, guard, new PeerHosts(config.host(), config.hostNames(), metrics),
                clients, events, staticAssets(), new WebJars(WebServer.class.getClassLoader(), this::missingFile));
        ServerLimits limits = config.limits();
        this.undertow = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setIoThreads(2)
                .setWorkerThreads(WORKER_THREADS)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int) limits.idleTimeout().toMillis())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.requestParseTimeout().toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.noRequestTimeout().toMillis())
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, MAX_HEADERS)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, MAX_PARAMETERS)
                // a request without a route that takes a body; each such route raises it for its own
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) DROPPED_BODY_BYTES)
                .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
                .setSocketOption(Options.CONNECTION_LOW_WATER, limits.maxConnections())
                .setHandler(root)
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            events.close();
            activity.close();
            clients.close();
            throw new IllegalStateException("cannot serve HTTP on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        this.address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        LOG.info("HTTP API on http://{}:{}", address.getHostString(), address.getPort());
    }

    /**
     * Starts serving.
     *
     * @param metrics the registry served on /metrics, where the peer registers its own meters
     * @throws IllegalStateException if the address cannot be bound
     */
    public static WebServer start(WebConfig config, ClusterReadModel model, ClusterCommands commands,
                                  WebMetrics metrics) {
        return new WebServer(config, model, commands, metrics);
    }

    /** The bound address (the actual port when the config asked for 0). */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Sends a transient event to every event-stream client, for what the dashboard shows live but the
     * ledger does not keep (work-unit progress, view changes): {@code event: type}, {@code data:} the
     * payload as JSON (a record, a map or a Jackson node). Never blocks; dropped for a slow client like
     * ledger events.
     *
     * @param type 1–64 of a–z, 0–9, '_', '-' (ledger events use their type in lower case)
     */
    public void broadcast(String type, Object payload) {
        events.broadcast(type, payload);
    }

    /** Open event-stream connections. */
    public int eventClients() {
        return events.clients();
    }

    @Override
    public void close() {
        events.close();
        activity.close();
        undertow.stop();
        clients.close();
    }

    private void scrape(ApiExchange exchange) {
        exchange.allowQuery(Set.of());
        exchange.raw().getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        exchange.raw().getResponseSender().send(metrics.scrape(), StandardCharsets.UTF_8);
    }

    /** Dashboard files from the classpath folder {@code web/}; a missing file is a JSON 404. */
    private HttpHandler staticAssets() {
        ResourceHandler handler = new ResourceHandler(new ClassPathResourceManager(WebServer.class.getClassLoader(),
                "web"), this::missingFile);
        handler.setDirectoryListingEnabled(false);
        return handler;
    }

    private void missingFile(HttpServerExchange exchange) {
        sendError(exchange, 404, "no such page or file: " + ApiExchange.abbreviate(exchange.getRequestPath()));
    }

    /**
     * Sends each request where it belongs: the client limit and the {@code Host} rule first, for every
     * request; then the event stream and static files; for the API the route, the guard and a declared body
     * size — all on the I/O thread, so a refused client never holds a worker — and only then the endpoint on
     * a worker thread in blocking mode. Refusals become JSON errors, counted.
     */
    private final class RootHandler implements HttpHandler {
        private final ApiRoutes routes;
        private final MutationGuard guard;
        private final PeerHosts hosts;
        private final ClientLimits clients;
        private final EventStream events;
        private final HttpHandler assets;
        private final WebJars webJars;

        RootHandler(ApiRoutes routes, MutationGuard guard, PeerHosts hosts, ClientLimits clients, EventStream events,
                    HttpHandler assets, WebJars webJars) {
            this.routes = routes;
            this.guard = guard;
            this.hosts = hosts;
            this.clients = clients;
            this.events = events;
            this.assets = assets;
            this.webJars = webJars;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            // what a refused request sent is read and dropped by Undertow up to this much (so that the client,
            // still sending, reads the answer instead of a reset), beyond it the connection is closed
            exchange.setMaxEntitySize(DROPPED_BODY_BYTES);
            String path = exchange.getRequestPath();
            try {
                if (!clients.admit(exchange)) {
                    exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
                    throw new ApiException(429, "this client has too many requests in progress; retry when one is "
                            + "done");
                }
                hosts.check(exchange);
                if (!path.startsWith(API) && !path.equals(METRICS)) {
                    serveFile(exchange, path);
                    return;
                }
                if (path.equals(EVENTS) && exchange.getRequestMethod().equals(Methods.GET)) {
                    events.handler().handleRequest(exchange);
                    return;
                }
                ApiRoutes.Match match = routes.find(exchange.getRequestMethod().toString(), path);
                Route route = match.route();
                if (route.changes()) {
                    guard.check(exchange, route.bodyTypes());
                    ApiExchange.checkDeclaredLength(exchange, route.maxBodyBytes());
                    // the route's bound is counted as the body is read; Undertow's own lies above it
                    exchange.setMaxEntitySize((long) route.maxBodyBytes() + DROPPED_BODY_BYTES);
                }
                exchange.dispatch(worker -> serveApi(worker, match));
            } catch (ApiException e) {
                sendError(exchange, e.status(), e.getMessage());
            } catch (ApiRoutes.MethodNotAllowed e) {
                exchange.getResponseHeaders().put(Headers.ALLOW, e.allowed());
                sendError(exchange, 405, exchange.getRequestMethod() + " is not allowed on "
                        + ApiExchange.abbreviate(path) + "; use " + e.allowed());
            }
        }

        /** Static files and WebJars: GET and HEAD only. */
        private void serveFile(HttpServerExchange exchange, String path) throws Exception {
            if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
                exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
                throw new ApiException(405, exchange.getRequestMethod() + " is not allowed on static files");
            }
            if (path.startsWith(WebJars.PREFIX + "/")) {
                webJars.handle(exchange);
                return;
            }
            if (exchange.getRelativePath().endsWith("/")) {
                // a folder is its index.html or nothing: never a listing, never a 403
                exchange.setRelativePath(exchange.getRelativePath() + "index.html");
            }
            assets.handleRequest(exchange);
        }

        /** An API request that passed every check, on a worker thread in blocking mode. */
        private void serveApi(HttpServerExchange exchange, ApiRoutes.Match match) {
            exchange.startBlocking();
            try {
                match.route().endpoint().handle(new ApiExchange(exchange, match.params()));
            } catch (ApiException e) {
                sendError(exchange, e.status(), e.getMessage());
            } catch (PeerUnavailableException e) {
                sendError(exchange, 503, e.getMessage());
            } catch (RequestTooBigException e) {
                // Undertow's bound lies above the route's, which the endpoint counts: kept for a body it did not
                sendError(exchange, 413, ApiExchange.tooLarge(match.route().maxBodyBytes()).getMessage());
            } catch (Exception e) {
                LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
                if (!exchange.isResponseStarted()) {
                    exchange.setPersistent(false);
                    exchange.setStatusCode(500);
                    send(exchange, Json.error("internal error; the peer's log has the details"));
                }
            }
        }
    }

    private void sendError(HttpServerExchange exchange, int status, String message) {
        metrics.rejected(status);
        if (exchange.isResponseStarted()) {
            exchange.setPersistent(false); // Undertow answered already (a body past its own bound): just close
            return;
        }
        exchange.setStatusCode(status);
        send(exchange, Json.error(message.length() <= MAX_ERROR_CHARS ? message
                : message.substring(0, MAX_ERROR_CHARS - 3) + "..."));
    }

    private static void send(HttpServerExchange exchange, JsonNode body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(Json.write(body), StandardCharsets.UTF_8);
    }
}
