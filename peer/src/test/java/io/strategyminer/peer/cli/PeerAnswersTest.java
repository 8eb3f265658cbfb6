package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.strategyminer.web.api.HealthJson;
import io.strategyminer.web.api.PeersJson;
import io.strategyminer.web.api.SearchesJson;
import io.strategyminer.web.api.StatusJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a command does with an answer it cannot read: a stub peer answers {@code GET /api/status} without a field, or
 * with fields a later version added. The real peer's answers are the subject of {@link ApiCommandsTest}.
 */
class PeerAnswersTest {
    private static final StatusJson STATUS = new StatusJson(new StatusJson.Self("0123456789abcdef", null, null), null,
            null, new StatusJson.PeerCounts(0, 0), new StatusJson.Throughput(4, 1500, 1_500_000, 1000),
            new StatusJson.Work(Map.of("DONE", 0), Map.of("OPEN", 0), Map.of("CANONICAL", 0)), List.of(),
            new StatusJson.LedgerJson(1, 1, 1, 0, 0), new HealthJson(true, null, 0),
            new StatusJson.Client("127.0.0.1", false));

    private HttpServer server;
    private volatile String status;

    @BeforeEach
    void startStubPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        answer("/api/status", () -> status);
        answer("/api/peers", () -> CliJson.MAPPER.valueToTree(new PeersJson(List.of())).toString());
        answer("/api/searches", () -> CliJson.MAPPER.valueToTree(new SearchesJson(List.of())).toString());
        server.start();
    }

    private void answer(String path, java.util.function.Supplier<String> body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aMissingFieldIsOneLineNamingItNotAZero() {
        ObjectNode tree = CliJson.MAPPER.valueToTree(STATUS);
        ((ObjectNode) tree.get("throughput")).remove("cores");
        status = tree.toString();
        CliRun run = new CliRun();

        assertEquals(1, run.execute("status", "--peer", url()));
        String err = run.err().strip();
        assertTrue(err.contains("answered GET /api/status without what this command reads (throughput.cores: missing)"),
                err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(run.out().contains("Throughput"), "nothing printed from half an answer: " + run.out());
    }

    @Test
    void fieldsALaterPeerAddedAreIgnored() {
        ObjectNode tree = CliJson.MAPPER.valueToTree(STATUS);
        tree.put("addedLater", 1);
        ((ObjectNode) tree.get("throughput")).put("gpus", 2);
        status = tree.toString();
        CliRun run = new CliRun();

        assertEquals(0, run.execute("status", "--peer", url()), run::err);
        assertTrue(run.out().contains("Throughput: 4 cores, 1,500 backtests/s"), run.out());
        assertTrue(run.out().contains("Not in a cluster view yet (still joining)."), run.out());
    }
}
