package io.strategyminer.peer.cli;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.runtime.DiskPolicy;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.PeerRuntime;
import io.strategyminer.peer.runtime.PeerSettings;
import io.strategyminer.peer.runtime.RuntimeTestSupport;
import io.strategyminer.peer.runtime.SecretFile;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user reads about a peer's disk: {@code peer start} on a missing or corrupt ledger refuses in one line
 * with what to do (exit code 1, no stack trace); {@code peer status} shows a peer whose disk is full.
 */
class DiskCommandsTest {
    @TempDir
    Path dir;

    /** A data dir whose identity has run before; its ledger holds its announcement unless it is deleted. */
    private PeerIdentity peerThatRan() throws IOException {
        SecretFile.store(dir, ClusterSecret.generate(new SecureRandom()));
        PeerIdentity identity = PeerIdentity.loadOrCreate(dir);
        try (Ledger ledger = Ledger.open(dir.resolve("ledger"), identity)) {
            ledger.append(PeerAnnounced.of(identity, "ran-before", MachineId.fromSystemId("cli-test"), 1, 0,
                    EngineVersion.CURRENT));
        }
        return identity;
    }

    /** Runs {@code peer start} on the data dir; it must end by itself (a refusal), not run a peer. */
    private CliRun start() {
        int port = LoopbackTestSupport.freeBasePort();
        CliRun run = new CliRun();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run.execute("start", "--data-dir",
                dir.toString(), "--no-http", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--seeds",
                "127.0.0.1:" + port));
        assertEquals(1, code, run.err());
        return run;
    }

    private static void assertOneLine(String err, String... contains) {
        List<String> lines = err.strip().lines().toList();
        assertEquals(1, lines.size(), "one line, no stack trace: " + err);
        assertTrue(lines.get(0).startsWith("error: The ledger in "), err);
        for (String part : contains) {
            assertTrue(lines.get(0).contains(part), "'" + part + "' in: " + err);
        }
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    }

    @Test
    void startRefusesAMissingLedgerInOneLine() throws IOException {
        peerThatRan();
        RuntimeTestSupport.deleteTree(dir.resolve("ledger"));
        CliRun run = start();
        assertOneLine(run.err(), "is missing", "--rebuild-from-peers", "another --data-dir");
        assertFalse(Files.exists(dir.resolve("ledger")));
    }

    @Test
    void startRefusesACorruptTableInOneLine() throws IOException {
        PeerIdentity identity = peerThatRan();
        Ledger.open(dir.resolve("ledger"), identity).close(); // writes the log into a table (.sst)
        Path table;
        try (Stream<Path> files = Files.list(dir.resolve("ledger"))) {
            table = files.filter(f -> f.toString().endsWith(".sst"))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(table, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[128]), channel.size() / 2);
        }
        CliRun run = start();
        assertOneLine(run.err(), "is corrupt (", "--rebuild-from-peers", "ledger.broken-<time>");
    }

    @Test
    void statusShowsAPeerWhoseDiskIsFull() throws IOException {
        AtomicLong free = new AtomicLong(1L << 40);
        int port = LoopbackTestSupport.freeBasePort();
        PeerSettings settings = RuntimeTestSupport.loopbackPeer("full", dir.resolve("peer"), port, List.of(port),
                ClusterSecret.generate(new SecureRandom())).withDisk(new DiskPolicy(256L << 20, Duration.ofMillis(200),
                d -> free.get()));
        try (PeerRuntime peer = PeerRuntime.start(settings);
             HttpEndpoint http = HttpEndpoint.start(peer, "127.0.0.1", 0)) {
            free.set(3L << 20);
            await(Duration.ofSeconds(10), "the peer turns unhealthy", () -> !peer.health().ok());
            String url = "http://127.0.0.1:" + http.address().getPort();

            CliRun text = new CliRun();
            assertEquals(0, text.execute("status", "--peer", url), text.err());
            assertTrue(text.out().contains("UNHEALTHY since ") && text.out().contains("has 3 MiB free"), text.out());
            assertTrue(text.out().contains("Not in the cluster view while unhealthy."), text.out());
            assertTrue(text.out().contains("this peer, away, unhealthy"), text.out());

            CliRun json = new CliRun();
            assertEquals(0, json.execute("status", "--peer", url, "--json"), json.err());
            JsonNode health = new ObjectMapper().readTree(json.out()).get("status").get("health");
            assertFalse(health.get("ok").asBoolean());
            assertEquals(peer.health().sinceMillis(), health.get("since").asLong());
        }
    }
}
