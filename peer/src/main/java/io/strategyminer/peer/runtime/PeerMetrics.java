package io.strategyminer.peer.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.strategyminer.ledger.LedgerListener;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.peer.sync.SyncStats;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The peer's meters on the Prometheus registry of {@code /metrics} (web/README.md lists them):
 * throughput, leases, ledger events applied and rejected, ledger size, peers, sync traffic. Gauges and
 * function counters read the runtime when scraped; the counters fed by ledger events listen from
 * {@link #bind} until {@link #close}.
 */
public final class PeerMetrics implements AutoCloseable {
    private final LedgerListener.Subscription subscription;
    private final Counter localEvents;
    private final Counter remoteEvents;
    private final Counter receivedBytes;
    private final Map<LeaseKind, Counter> leasesGranted = new EnumMap<>(LeaseKind.class);
    private final MeterRegistry registry;

    private PeerMetrics(PeerRuntime runtime, MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("sm.backtests", runtime, PeerRuntime::backtestsRun)
                .description("backtests this peer ran: genomes evaluated by its work units, one per verification")
                .register(registry);
        FunctionCounter.builder("sm.candle.steps", runtime, PeerRuntime::candleStepsRun)
                .description("candle-steps this peer ran: each backtest times the candles it covered").register(registry);
        Gauge.builder("sm.capacity.candle.steps.per.second", runtime, PeerRuntime::capacityCandleStepsPerSecond)
                .description("this peer's capacity measured on the work it runs (time-weighted mean)").register(registry);
        Gauge.builder("sm.backtests.announced.per.second", runtime, PeerRuntime::announcedBacktestsPerSecond)
                .description("this peer's latest announced capacity, in backtests of 1,000 candles per second")
                .register(registry);
        for (LeaseKind kind : LeaseKind.values()) {
            leasesGranted.put(kind, Counter.builder("sm.leases.granted").description("leases granted in the cluster, as stored here")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.localEvents = eventsApplied("local");
        this.remoteEvents = eventsApplied("remote");
        this.receivedBytes = Counter.builder("sm.ledger.received.bytes").baseUnit("bytes")
                .description("encoded size of the events received from other peers and stored (gossip and sync)")
                .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            FunctionCounter.builder("sm.ledger.events.rejected", runtime,
                            r -> r.ledger().stats().rejected().getOrDefault(reason, 0L))
                    .description("events refused by the ledger's chain rules").tag("reason",
                            reason.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder("sm.ledger.events", runtime, r -> r.ledger().stats().events())
                .description("events stored in this peer's ledger").register(registry);
        Gauge.builder("sm.ledger.pending.events", runtime, r -> r.ledger().stats().pending())
                .description("events received ahead of their chain, waiting for the gap").register(registry);
        Gauge.builder("sm.ledger.size", runtime, r -> r.ledger().sizeBytes()).baseUnit("bytes")
                .description("approximate storage size of the ledger").register(registry);
        Gauge.builder("sm.peers.in.view", runtime, PeerMetrics::viewSize)
                .description("members of the cluster view this peer installed").register(registry);
        Gauge.builder("sm.peers.known", runtime, r -> r.read(state -> state.peers().size()))
                .description("peers announced in the ledger").register(registry);
        syncCounters("server", runtime, PeerRuntime::syncServerStats);
        syncCounters("client", runtime, PeerRuntime::syncClientStats);
        this.subscription = runtime.ledger().subscribe(this::stored);
    }

    /** Registers the peer's meters on {@code registry}; close to stop counting ledger events. */
    public static PeerMetrics bind(PeerRuntime runtime, MeterRegistry registry) {
        return new PeerMetrics(runtime, registry);
    }

    private Counter eventsApplied(String origin) {
        return Counter.builder("sm.ledger.events.applied").tag("origin", origin)
                .description("events stored in the ledger since start: appended here (local) or received").register(registry);
    }

    private void syncCounters(String role, PeerRuntime runtime, Function<PeerRuntime, SyncStats> stats) {
        counter("sm.sync.sessions", role, "completed repair-sync sessions and transfers", runtime,
                r -> stats.apply(r).sessions());
        counter("sm.sync.events.sent", role, "events streamed to other peers by repair sync", runtime,
                r -> stats.apply(r).eventsSent());
        counter("sm.sync.events.received", role, "events received from other peers by repair sync", runtime,
                r -> stats.apply(r).eventsReceived());
        counter("sm.sync.bytes.sent", role, "bytes written to repair-sync connections (events, datasets, blobs, framing)",
                runtime, r -> stats.apply(r).bytesSent());
        counter("sm.sync.bytes.received", role, "bytes read from repair-sync connections (events, datasets, blobs, framing)",
                runtime, r -> stats.apply(r).bytesReceived());
        counter("sm.sync.refused.handshakes", role, "sync connections refused: no proof of the cluster secret", runtime,
                r -> stats.apply(r).refusedHandshakes());
    }

    private void counter(String name, String role, String description, PeerRuntime runtime,
                         ToLongFunction<PeerRuntime> value) {
        FunctionCounter.builder(name, runtime, value::applyAsLong).tag("role", role).description(description)
                .register(registry);
    }

    private static int viewSize(PeerRuntime runtime) {
        try {
            return runtime.view().size();
        } catch (IllegalStateException notConnected) {
            return 0;
        }
    }

    /** Called under the ledger's lock: counting only, never blocking. */
    private void stored(Event event, boolean local) {
        (local ? localEvents : remoteEvents).increment();
        if (!local) {
            receivedBytes.increment(event.size());
        }
        if (event.payload() instanceof LeaseGranted lease) {
            leasesGranted.get(lease.kind()).increment();
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
