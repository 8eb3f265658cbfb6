package io.strategyminer.web;

import io.strategyminer.data.store.DatasetInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real {@link WebServer} on 127.0.0.1 (free port) over a {@link TestCluster} (RocksDB ledger and dataset
 * store in a temporary directory), for tests that speak raw HTTP to it and compare what it stored.
 */
final class LoopbackPeer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final Path dir;
    final TestCluster cluster;
    final WebMetrics metrics = new WebMetrics();
    final WebServer server;

    /** What a peer keeps: ledger events, stored datasets, files being uploaded. Equal before and after a refusal. */
    record Stored(long events, List<String> datasets, List<String> uploads) {
    }

    private LoopbackPeer(Path dir, UnaryOperator<WebConfig> adjust) {
        this.dir = dir;
        this.cluster = new TestCluster(dir);
        this.server = WebServer.start(adjust.apply(WebConfig.of("127.0.0.1", 0, Optional.of("cluster-secret"))),
                cluster, cluster, metrics);
    }

    static LoopbackPeer start(Path dir, UnaryOperator<WebConfig> adjust) {
        return new LoopbackPeer(dir, adjust);
    }

    InetSocketAddress address() {
        return server.address();
    }

    int port() {
        return server.address().getPort();
    }

    /** {@code 127.0.0.1:<port>}: what a client that connected here puts in {@code Host}. */
    String host() {
        return "127.0.0.1:" + port();
    }

    RawHttp client() {
        return new RawHttp(address(), TIMEOUT);
    }

    /** Headers with this peer's {@code Host}, then {@code nameValues} in pairs. */
    Map<String, String> headers(String... nameValues) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host());
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], nameValues[i + 1]);
        }
        return headers;
    }

    /** One request on a new connection, {@code Content-Length} added for a body. */
    RawHttp.Response send(String method, String target, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (bytes.length > 0) {
            all.put("Content-Length", Integer.toString(bytes.length));
        }
        try (RawHttp client = client()) {
            return client.send(RawHttp.request(method, target, all, bytes), method.equals("HEAD"));
        }
    }

    /**
     * Uploads a candle file of {@code size} bytes without a line break (the attack of a single huge line),
     * chunked and generated as it is sent, reading the answer meanwhile.
     */
    RawHttp.Response uploadOneLine(String name, long size) throws IOException {
        try (RawHttp client = client()) {
            return client.send(out -> {
                out.write(RawHttp.request("POST", "/api/datasets?name=" + name, headers("Content-Type", "text/csv",
                        "Transfer-Encoding", "chunked"), new byte[0]));
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'a');
                byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
                for (long sent = 0; sent < size; sent += chunk.length) {
                    out.write(header);
                    out.write(chunk);
                    out.write(end);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            });
        }
    }

    Stored stored() throws IOException {
        List<String> datasets = cluster.catalog.store().list().stream().map(DatasetInfo::name).toList();
        Path uploads = dir.resolve("uploads");
        List<String> files;
        if (Files.isDirectory(uploads)) {
            try (Stream<Path> list = Files.list(uploads)) {
                files = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
        } else {
            files = List.of();
        }
        return new Stored(cluster.ledger.stats().events(), datasets, files);
    }

    /** Requests the server is serving now, event streams included (its own gauge, read without a request). */
    double requestsInProgress() {
        return metrics.registry().get("sm.web.requests.in.progress").gauge().value();
    }

    double guardRefusals(String rule) {
        return metrics.registry().counter("sm.web.guard.refusals", "rule", rule).count();
    }

    /** A small valid candle file: {@code candles} 5-minute candles. */
    static String candleCsv(int candles) {
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        for (int i = 0; i < candles; i++) {
            double open = 100 + (i % 7);
            csv.append(1_700_000_000L + 300L * i).append(',').append(open).append(',').append(open + 2).append(',')
                    .append(open - 1).append(',').append(open + 1).append(",10\n");
        }
        return csv.toString();
    }

    @Override
    public void close() {
        server.close();
        metrics.close();
        cluster.close();
    }
}
