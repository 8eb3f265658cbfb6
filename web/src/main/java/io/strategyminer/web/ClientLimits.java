package io.strategyminer.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpServerExchange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code perClient} requests of one source address in progress at once (event streams included),
 * so that one client cannot occupy every worker thread or connection of the server; the next one is
 * refused at once (429) instead of waiting. A request counts from its arrival until its exchange completes;
 * {@code sm_web_requests_in_progress} shows them all.
 */
final class ClientLimits implements AutoCloseable {
    private final int perClient;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> inProgress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final MeterRegistry registry;
    private final Gauge gauge;

    ClientLimits(int perClient, MeterRegistry registry) {
        this.perClient = perClient;
        this.registry = registry;
        this.gauge = Gauge.builder("sm.web.requests.in.progress", total, AtomicInteger::get)
                .description("HTTP requests being served, event streams included").register(registry);
    }

    /** Counts the request in, or returns false (and counts nothing) when its client is at the limit. */
    boolean admit(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        InetAddress client = source == null ? null : source.getAddress();
        if (client == null) {
            return true; // not a network connection: nothing to attribute it to
        }
        AtomicInteger count = inProgress.compute(client, (address, current) -> {
            AtomicInteger counter = current == null ? new AtomicInteger() : current;
            counter.incrementAndGet();
            return counter;
        });
        total.incrementAndGet();
        if (count.get() > perClient) {
            leave(client);
            return false;
        }
        exchange.addExchangeCompleteListener((done, next) -> {
            leave(client);
            next.proceed();
        });
        return true;
    }

    private void leave(InetAddress client) {
        total.decrementAndGet();
        // an entry goes when its last request ends, so the map holds only clients with requests in progress
        inProgress.computeIfPresent(client, (address, counter) -> counter.decrementAndGet() == 0 ? null : counter);
    }

    /** Removes the gauge: it watches this server's requests, a new server registers its own. */
    @Override
    public void close() {
        registry.remove(gauge);
    }
}
