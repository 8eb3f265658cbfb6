package io.strategyminer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's HTTP server (DESIGN §7, §8): the JSON API, the live event stream, Prometheus metrics
 * and the dashboard's static assets (classpath {@code /web/}). Every error is {@code {"error": …}}
 * with a 4xx status; changes (POST) need the cluster token unless they come from loopback; no stack
 * trace ever reaches a client. See web/README.md for every route.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String API = "/api/";
    private static final String EVENTS = "/api/events";
    private static final String METRICS = "/metrics";

    private final Undertow undertow;
    private final EventStream events;
    private final WebMetrics metrics;
    private final PeerActivity activity;
    private final InetSocketAddress address;

    private WebServer(WebConfig config, ClusterReadModel model, ClusterCommands commands, WebMetrics metrics) {
        this.metrics = metrics;
        this.events = new EventStream(model.ledger(), config.heartbeatMillis(), config.sseQueueEvents(),
                metrics.registry());
        this.activity = new PeerActivity(model.ledger(), System::currentTimeMillis);
        MutationGuard guard = new MutationGuard(config.clusterToken(), config.trustedSource());
        ClusterEndpoints cluster = new ClusterEndpoints(model, activity, guard);
        SearchEndpoints searches = new SearchEndpoints(model, commands, config.maxJsonBytes());
        StrategyEndpoints strategies = new StrategyEndpoints(model);
        DatasetEndpoints datasets = new DatasetEndpoints(model, commands, config.maxUploadBytes());
        Router router = new Router()
                .add("GET", "/api/status", cluster::status)
                .add("GET", "/api/peers", cluster::peers)
                .add("GET", "/api/searches", searches::list)
                .add("POST", "/api/searches", searches::submit)
                .add("GET", "/api/searches/{id}", searches::get)
                .add("GET", "/api/strategies", strategies::list)
                .add("GET", "/api/strategies/{id}", strategies::get)
                .add("GET", "/api/datasets", datasets::list)
                .add("POST", "/api/datasets", datasets::upload)
                // registered so that other methods get a 405; a GET is served by the event stream before routing
                .add("GET", EVENTS, exchange -> {
                    throw new IllegalStateException("GET " + EVENTS + " never reaches the router");
                })
                .add("GET", METRICS, this::scrape);
        HttpHandler root = new RootHandler(router, guard, events, staticAssets(),
                new WebJars(WebServer.class.getClassLoader(), this::missingFile));
        this.undertow = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setIoThreads(2)
                .setWorkerThreads(8)
                .setHandler(root)
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            events.close();
            activity.close();
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
     * Sends each request where it belongs: the event stream and static files on the I/O thread,
     * the API on a worker thread in blocking mode; turns refusals into JSON errors and counts them.
     */
    private final class RootHandler implements HttpHandler {
        private final Router router;
        private final MutationGuard guard;
        private final EventStream events;
        private final HttpHandler assets;
        private final WebJars webJars;

        RootHandler(Router router, MutationGuard guard, EventStream events, HttpHandler assets, WebJars webJars) {
            this.router = router;
            this.guard = guard;
            this.events = events;
            this.assets = assets;
            this.webJars = webJars;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            String path = exchange.getRequestPath();
            boolean api = path.startsWith(API) || path.equals(METRICS);
            if (!api) {
                if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
                    exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
                    sendError(exchange, 405, exchange.getRequestMethod() + " is not allowed on static files");
                    return;
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
                return;
            }
            if (path.equals(EVENTS) && exchange.getRequestMethod().equals(Methods.GET)) {
                events.handler().handleRequest(exchange);
                return;
            }
            if (exchange.isInIoThread()) {
                exchange.dispatch(this);
                return;
            }
            exchange.startBlocking();
            try {
                Router.Match match = router.find(exchange.getRequestMethod().toString(), path);
                if (!exchange.getRequestMethod().equals(Methods.GET)) {
                    guard.check(exchange);
                }
                match.endpoint().handle(new ApiExchange(exchange, match.params()));
            } catch (ApiException e) {
                if (e.status() == 413) {
                    exchange.setPersistent(false); // the rest of the body is left unread
                }
                sendError(exchange, e.status(), e.getMessage());
            } catch (Router.MethodNotAllowed e) {
                exchange.getResponseHeaders().put(Headers.ALLOW, e.allowed());
                sendError(exchange, 405, exchange.getRequestMethod() + " is not allowed on " + path + "; use "
                        + e.allowed());
            } catch (Exception e) {
                LOG.warn("{} {} failed", exchange.getRequestMethod(), path, e);
                if (!exchange.isResponseStarted()) {
                    exchange.setStatusCode(500);
                    send(exchange, Json.error("internal error; the peer's log has the details"));
                }
            }
        }
    }

    private void sendError(HttpServerExchange exchange, int status, String message) {
        metrics.rejected(status);
        exchange.setStatusCode(status);
        send(exchange, Json.error(message));
    }

    private static void send(HttpServerExchange exchange, JsonNode body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseSender().send(Json.write(body), StandardCharsets.UTF_8);
    }
}
