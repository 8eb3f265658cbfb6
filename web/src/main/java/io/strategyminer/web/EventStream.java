package io.strategyminer.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.LedgerListener;
import io.strategyminer.ledger.event.Event;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * {@code GET /api/events}: every event the ledger stores, summarised ({@link EventSummaries}), as
 * server-sent events {@code event: <type>} / {@code data: <json>}, with a comment line after
 * {@code heartbeatMillis} of silence so proxies and browsers keep the connection.
 *
 * <p>The ledger calls its listeners under its lock, so nothing here blocks: each client has at most
 * {@code queueBound} events waiting to be written; beyond that the event is dropped for that client
 * and counted ({@code sm_web_sse_dropped_events_total}): a slow browser must never slow the ledger.
 * A client that went away is noticed when its connection turns readable (or at the next write to it) and removed.
 */
final class EventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    /** Event names the stream uses: ledger event types in lower case, and the peer's own. */
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_-]{1,64}");
    /** Per connection: events handed to Undertow and not written yet. */
    private static final AttachmentKey<AtomicInteger> QUEUED = AttachmentKey.create(AtomicInteger.class);

    private final Set<ServerSentEventConnection> clients = ConcurrentHashMap.newKeySet();
    private final ServerSentEventHandler handler;
    private final LedgerListener.Subscription subscription;
    private final int queueBound;
    private final Counter dropped;
    private final MeterRegistry registry;
    private final Gauge clientsGauge;

    EventStream(Ledger ledger, long heartbeatMillis, int queueBound, MeterRegistry registry) {
        this.queueBound = queueBound;
        this.dropped = Counter.builder("sm.web.sse.dropped.events")
                .description("ledger events not sent to a slow event-stream client").register(registry);
        this.registry = registry;
        this.clientsGauge = Gauge.builder("sm.web.sse.clients", clients, Set::size)
                .description("open event-stream connections").register(registry);
        this.handler = new ServerSentEventHandler((connection, lastEventId) -> {
            connection.setKeepAliveTime(heartbeatMillis);
            connection.putAttachment(QUEUED, new AtomicInteger());
            connection.addCloseTask(clients::remove);
            clients.add(connection);
        });
        this.subscription = ledger.subscribe(this::stored);
    }

    /** Undertow's stream handler, after {@link #closeWhenTheClientGoes}. */
    HttpHandler handler() {
        return exchange -> {
            closeWhenTheClientGoes(exchange);
            handler.handleRequest(exchange);
        };
    }

    /**
     * A client of the stream sends nothing after its request, so its connection turning readable means it
     * went away (or broke the protocol): the connection is closed then, not at the next write, so that a
     * reloaded page's old stream stops counting against its client's request limit at once.
     */
    private static void closeWhenTheClientGoes(HttpServerExchange exchange) {
        if (!(exchange.getConnection() instanceof AbstractServerConnection connection)) {
            return; // not an HTTP/1 connection of its own: noticed at the next write
        }
        ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
        source.getReadSetter().set(channel -> {
            try {
                if (channel.read(ByteBuffer.allocate(1)) != 0) {
                    IoUtils.safeClose(connection);
                }
            } catch (IOException gone) {
                IoUtils.safeClose(connection);
            }
        });
        source.resumeReads();
    }

    int clients() {
        return clients.size();
    }

    private void stored(Event event, boolean local) {
        if (clients.isEmpty()) {
            return;
        }
        send(event.type().name().toLowerCase(Locale.ROOT), Json.write(EventSummaries.summary(event, local)),
                event.origin().hex() + "-" + event.sequence());
    }

    /** A transient event (work-unit progress, view changes) that is not in the ledger: no id. */
    void broadcast(String type, Object payload) {
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("an event type is 1–64 of a–z, 0–9, '_', '-', got: " + type);
        }
        if (clients.isEmpty()) {
            return;
        }
        send(type, Json.writeValue(payload), null);
    }

    private void send(String type, String data, String id) {
        for (ServerSentEventConnection client : clients) {
            AtomicInteger queued = client.getAttachment(QUEUED);
            if (queued.incrementAndGet() > queueBound) {
                queued.decrementAndGet();
                dropped.increment();
                continue;
            }
            client.send(data, type, id, new ServerSentEventConnection.EventCallback() {
                @Override
                public void done(ServerSentEventConnection c, String d, String e, String i) {
                    queued.decrementAndGet();
                }

                @Override
                public void failed(ServerSentEventConnection c, String d, String e, String i, IOException cause) {
                    queued.decrementAndGet();
                    clients.remove(c);
                }
            });
        }
    }

    @Override
    public void close() {
        subscription.close();
        registry.remove(clientsGauge); // it watches this stream's clients: a new server registers its own
        for (ServerSentEventConnection client : clients) {
            try {
                client.close();
            } catch (IOException e) {
                LOG.debug("closing an event-stream client failed", e);
            }
        }
        clients.clear();
    }
}
