package io.strategyminer.peer.runtime;

import io.strategyminer.consensus.MembershipView;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.peer.net.PortInUse;
import io.strategyminer.peer.security.ClusterSecret;
import io.strategyminer.web.WebConfig;
import io.strategyminer.web.WebMetrics;
import io.strategyminer.web.WebServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of a running peer (DESIGN §7): the {@link WebServer} over {@link RuntimeReadModel} and
 * {@link RuntimeCommands}, plus the transient {@code unit_progress} event, the view's running units,
 * forwarded to {@code /api/events} every {@link PeerRuntime#PROGRESS_PERIOD}. POSTs from other machines
 * need the {@link #token(ClusterSecret) token} derived from the cluster secret. Close it before the runtime.
 */
public final class HttpEndpoint implements AutoCloseable {
    /** The transient event type carrying {@link ProgressReport}. */
    public static final String PROGRESS_EVENT = "unit_progress";
    /** The transient event type carrying {@link ViewReport}, sent when this peer installs another view. */
    public static final String VIEW_EVENT = "view_changed";
    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    /** How often the installed view is compared with the last one sent (a cheap read of the JGroups view). */
    private static final Duration VIEW_CHECK = Duration.ofMillis(500);

    private final PeerRuntime runtime;
    private final WebMetrics metrics;
    private final PeerMetrics peerMetrics;
    private final WebServer server;
    private final ScheduledExecutorService progressThread;
    private boolean lastReportHadUnits;
    private long lastViewId = -1;

    /** The running units of the view, as sent in one {@code unit_progress} event. */
    public record ProgressReport(List<UnitReport> units) {
    }

    /** One running unit; {@code bestFitness} is null while no genome qualified (JSON has no NaN). */
    public record UnitReport(String peer, String searchId, int unit, int generation, int generations,
                             Double bestFitness) {
        static UnitReport of(UnitProgress progress) {
            return new UnitReport(progress.peer().hex(), progress.searchId(), progress.unit(), progress.generation(),
                    progress.generations(), Double.isNaN(progress.bestFitness()) ? null : progress.bestFitness());
        }
    }

    /** The view this peer installed: its id, members (peer ids, in view order) and coordinator. */
    public record ViewReport(long id, List<String> members, String coordinator) {
        static ViewReport of(MembershipView view) {
            return new ViewReport(view.id(), view.members().stream().map(m -> m.peer().hex()).toList(),
                    view.coordinator().peer().hex());
        }
    }

    private HttpEndpoint(PeerRuntime runtime, WebMetrics metrics, PeerMetrics peerMetrics, WebServer server) {
        this.runtime = runtime;
        this.metrics = metrics;
        this.peerMetrics = peerMetrics;
        this.server = server;
        this.progressThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "http-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Serves the API of {@code runtime} on {@code host:port} (port 0: any free port, see {@link #address()}).
     *
     * @throws IllegalStateException if the address cannot be bound
     */
    public static HttpEndpoint start(PeerRuntime runtime, String host, int port) {
        return start(runtime, host, port, UnaryOperator.identity());
    }

    /**
     * Like {@link #start(PeerRuntime, String, int)} with the server's configuration adjusted first, e.g.
     * {@code config -> config.withTrustedSource(address -> false)} to require the token from every source
     * (what a test on loopback does to exercise the token path).
     *
     * @throws IllegalStateException if the address cannot be bound
     */
    public static HttpEndpoint start(PeerRuntime runtime, String host, int port, UnaryOperator<WebConfig> adjust) {
        DatasetCatalog catalog = DatasetCatalog.in(runtime.settings().dataDir());
        WebConfig config = adjust.apply(WebConfig.of(host, port, Optional.of(token(runtime.settings().secret()))));
        WebMetrics metrics = new WebMetrics();
        PeerMetrics peerMetrics = PeerMetrics.bind(runtime, metrics.registry());
        WebServer server;
        try {
            server = WebServer.start(config, new RuntimeReadModel(runtime, catalog), new RuntimeCommands(runtime, catalog),
                    metrics);
        } catch (RuntimeException e) {
            peerMetrics.close();
            metrics.close();
            String failure = e instanceof IllegalStateException ? e.getMessage() // the server's: names host and port
                    : "cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage();
            throw new IllegalStateException(failure + (PortInUse.causedBy(e) ? "; the port is taken (another peer here?): choose another with --http"
                    + " HOST:PORT, or --no-http" : ""), e);
        }
        HttpEndpoint endpoint = new HttpEndpoint(runtime, metrics, peerMetrics, server);
        long period = PeerRuntime.PROGRESS_PERIOD.toMillis();
        endpoint.progressThread.scheduleWithFixedDelay(endpoint::forwardProgress, period, period, TimeUnit.MILLISECONDS);
        endpoint.progressThread.scheduleWithFixedDelay(endpoint::forwardViewChange, VIEW_CHECK.toMillis(),
                VIEW_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        return endpoint;
    }

    /**
     * The bearer token for POSTs from non-loopback sources: a key derived from the cluster secret (every peer
     * of the cluster accepts the same token; it reveals nothing about the secret), 32 hex digits.
     */
    public static String token(ClusterSecret secret) {
        return HexFormat.of().formatHex(secret.deriveKey("http-token", 16));
    }

    /** The bound address (the real port when started with port 0). */
    public InetSocketAddress address() {
        return server.address();
    }

    /** Sends the view's running units; once more with none after the last unit stopped, so pages clear it. */
    private void forwardProgress() {
        try {
            List<UnitProgress> units = runtime.progress();
            if (!units.isEmpty() || lastReportHadUnits) {
                server.broadcast(PROGRESS_EVENT, new ProgressReport(units.stream().map(UnitReport::of).toList()));
            }
            lastReportHadUnits = !units.isEmpty();
        } catch (RuntimeException e) {
            // a failed report must not end the periodic task: the next one comes in two seconds
            LOG.warn("forwarding unit progress failed: {}", e.toString(), e);
        }
    }

    /** Sends {@link #VIEW_EVENT} when the installed view differs from the last one sent, so pages show joins and leaves. */
    private void forwardViewChange() {
        try {
            MembershipView view = ClusterMembership.toMembershipView(runtime.view());
            if (view.id() != lastViewId) {
                lastViewId = view.id();
                server.broadcast(VIEW_EVENT, ViewReport.of(view));
            }
        } catch (IllegalStateException notConnected) {
            // no view before joining or while closing: nothing to report
        } catch (RuntimeException e) {
            LOG.warn("forwarding the view failed: {}", e.toString(), e);
        }
    }

    @Override
    public void close() {
        progressThread.shutdownNow();
        try {
            progressThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        peerMetrics.close();
        metrics.close();
    }
}
