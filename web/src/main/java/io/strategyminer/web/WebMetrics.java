package io.strategyminer.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The peer's metrics, served as Prometheus text on {@code GET /metrics}: JVM metrics (memory, GC,
 * threads, classes, CPU, uptime), the web server's own counters, and whatever the peer registers on
 * {@link #registry()} (backtests/s, leases, events applied and rejected, ledger size, peers, sync bytes).
 */
public final class WebMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public WebMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Where the peer registers its gauges and counters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    /** Counts an HTTP request refused with {@code status} (4xx): {@code sm_web_rejected_requests_total}. */
    void rejected(int status) {
        Counter.builder("sm.web.rejected.requests").description("HTTP requests refused with a 4xx status")
                .tag("status", Integer.toString(status)).register(registry).increment();
    }

    /**
     * Counts a request refused by the browser rules or the token ({@code sm_web_guard_refusals_total{rule}}:
     * host, origin, token, content-type), beside its status: attempts to drive the peer from a page show here.
     */
    void guardRefused(String rule) {
        Counter.builder("sm.web.guard.refusals").description("requests refused by the Host, Origin, token or "
                + "content-type rule").tag("rule", rule).register(registry).increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
