package io.strategyminer.data.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;

/**
 * A stand-in for the Coinbase Exchange candles endpoint on 127.0.0.1, answering in its documented shape:
 * {@code GET /products/{id}/candles?granularity&start&end} → {@code [[time, low, high, open, close, volume], …]}
 * newest first, at most 300 candles, {@code {"message": …}} with a 4xx on errors. Both ends of the range
 * are served inclusively (the stricter reading of the docs), so the client must not double-count.
 * Candles are a deterministic function of time; every 97th slot has none (no trades), and a chosen
 * stretch can be empty. Failures can be scripted, and every request is recorded.
 */
final class FakeCoinbaseExchange implements AutoCloseable {
    /** What one request asked for, and the (fake) time it arrived. */
    record Request(long arrivedMillis, String product, long granularity, long start, long end, int status) {
    }

    /** A scripted failure for the next request. */
    enum Failure {
        TOO_MANY_REQUESTS,
        SERVER_ERROR,
        /**
         * A 200 whose body stops short, as when a connection breaks mid-response. (Closing before any byte is
         * not used: HttpClient retries a GET on its own once in that case, hiding it from the fetcher.)
         */
        TRUNCATED_BODY,
        /** A 200 whose body starts and then never continues, on a connection left open. */
        STALLED_BODY
    }

    private final HttpServer server;
    private final LongSupplier clock;
    private final Set<String> products = Set.of("BTC-USD", "ETH-USD");
    private final Deque<Failure> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<HttpExchange> stalled = new ArrayList<>();
    private int okResponsesLeft = Integer.MAX_VALUE;
    private long emptyFrom = Long.MAX_VALUE;
    private long emptyTo = Long.MIN_VALUE;
    private long badTick = Long.MIN_VALUE;

    FakeCoinbaseExchange(LongSupplier clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/products/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized void fail(Failure... failures) {
        script.addAll(List.of(failures));
    }

    /** After this many successful responses, answer 500 to everything (an outage mid-fetch). */
    synchronized void outageAfter(int okResponses) {
        okResponsesLeft = okResponses;
    }

    synchronized void healthy() {
        okResponsesLeft = Integer.MAX_VALUE;
        script.clear();
    }

    /** No candles at all with open time in {@code [from, to)}. */
    synchronized void noTradesBetween(long from, long to) {
        emptyFrom = from;
        emptyTo = to;
    }

    /** The candle at {@code time} opens and trades at 0.06, as a bad tick in a real export does. */
    synchronized void badTickAt(long time) {
        badTick = time;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The candles the exchange has with open time in {@code [from, to)}, oldest first. */
    synchronized CandleSeries candles(long granularity, long from, long to) {
        CandleSeriesBuilder b = new CandleSeriesBuilder();
        for (long t = from; t < to; t += granularity) {
            if (hasCandle(t, granularity)) {
                double open = price(t);
                double close = price(t + granularity);
                double high = Math.max(open, close) + 1.25;
                double low = Math.min(open, close) - 0.75;
                if (t == badTick) {
                    open = 0.06;
                    low = 0.06;
                }
                b.add(t, open, high, low, close, (t / granularity) % 50 * 0.125);
            }
        }
        return b.build();
    }

    private boolean hasCandle(long t, long granularity) {
        return (t / granularity) % 97 != 0 && (t < emptyFrom || t >= emptyTo);
    }

    private static double price(long t) {
        return 20_000 + (t % 86_400) / 10.0;
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        boolean keepOpen = false;
        try {
            String[] path = exchange.getRequestURI().getPath().split("/");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String product = path.length > 2 ? path[2] : "";
            long granularity = Long.parseLong(query.getOrDefault("granularity", "0"));
            long start = Instant.parse(query.get("start")).getEpochSecond();
            long end = Instant.parse(query.get("end")).getEpochSecond();
            Failure failure = script.poll();
            if (failure == null && okResponsesLeft <= 0) {
                failure = Failure.SERVER_ERROR;
            }
            int status;
            if (failure == Failure.STALLED_BODY) {
                requests.add(new Request(clock.getAsLong(), product, granularity, start, end, -2));
                exchange.sendResponseHeaders(200, 10_000);
                exchange.getResponseBody().write("[[17000".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                stalled.add(exchange); // neither finished nor closed until the server stops
                keepOpen = true;
                return;
            }
            if (failure == Failure.TRUNCATED_BODY) {
                requests.add(new Request(clock.getAsLong(), product, granularity, start, end, -1));
                exchange.sendResponseHeaders(200, 10_000);
                exchange.getResponseBody().write("[[17000".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                // Closing the exchange 9,993 bytes short makes the server drop the connection.
                return;
            }
            if (failure == Failure.TOO_MANY_REQUESTS) {
                exchange.getResponseHeaders().add("Retry-After", "2");
                status = send(exchange, 429, "{\"message\":\"Public rate limit exceeded\"}");
            } else if (failure == Failure.SERVER_ERROR) {
                status = send(exchange, 500, "{\"message\":\"Internal server error\"}");
            } else if (!products.contains(product)) {
                status = send(exchange, 404, "{\"message\":\"NotFound\"}");
            } else if ((end - start) / granularity > 300) {
                status = send(exchange, 400, "{\"message\":\"granularity too small for the requested time range."
                        + " Count of aggregations requested exceeds 300\"}");
            } else {
                okResponsesLeft--;
                status = send(exchange, 200, body(candles(granularity, start, end + 1)));
            }
            requests.add(new Request(clock.getAsLong(), product, granularity, start, end, status));
        } finally {
            if (!keepOpen) {
                exchange.close();
            }
        }
    }

    private static String body(CandleSeries c) {
        List<String> rows = new ArrayList<>();
        for (int i = c.size() - 1; i >= 0; i--) {
            rows.add("[" + c.time()[i] + "," + c.low()[i] + "," + c.high()[i] + "," + c.open()[i] + "," + c.close()[i]
                    + "," + c.volume()[i] + "]");
        }
        return "[" + String.join(",", rows) + "]";
    }

    private static int send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        // Fresh connections only: a dropped reused connection would be retried inside HttpClient, blurring counts.
        exchange.getResponseHeaders().add("Connection", "close");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        synchronized (this) {
            stalled.forEach(HttpExchange::close);
        }
        server.stop(0);
    }
}
