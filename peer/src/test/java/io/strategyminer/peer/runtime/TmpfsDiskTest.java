package io.strategyminer.peer.runtime;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.VersionVector;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.store.StoreException;
import io.strategyminer.peer.HostCommands;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.Privileged;
import io.strategyminer.peer.TestSearches;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A disk that really fills up: a 300 MiB tmpfs mounted for each test (root only; skipped with the reason
 * elsewhere). A ledger on it fails its appends cleanly once the file system is full ({@code NO_SPACE}, the chain
 * does not move) and goes on once space is freed, RocksDB resuming by itself; a peer whose data dir is on it, with
 * its real free-space reading, turns unhealthy below its reserve, refuses changes with 503 even once the disk is
 * completely full, still answers reads, and takes changes again once the filler is deleted. Both ledgers reopen
 * with every acknowledged event.
 */
class TmpfsDiskTest {
    private static final long MIB = 1L << 20;
    private static final String SIZE = "300m";
    private Path mount;
    private PeerRuntime peer;
    private HttpEndpoint http;

    @BeforeEach
    void mountTmpfs() throws IOException, InterruptedException {
        mount = Files.createTempDirectory("sm-tmpfs-peer");
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            Files.delete(mount);
            mount = null;
            Privileged.require("a small tmpfs to fill (mount -t tmpfs)", Optional.of(output));
        }
        // never fill anything but the small file system just mounted
        FileStore store = Files.getFileStore(mount);
        if (!store.type().equals("tmpfs") || store.getTotalSpace() > 512L << 20) {
            throw new IllegalStateException(mount + " is not the small tmpfs just mounted: " + store.type() + ", "
                    + store.getTotalSpace() + " bytes");
        }
    }

    @AfterEach
    void stopAndUnmount() throws IOException, InterruptedException {
        if (http != null) {
            http.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            Files.delete(mount);
        }
    }

    @Test
    void aReallyFullDiskIsReportedRefusesChangesAndRecovers() throws IOException {
        int port = LoopbackTestSupport.freeBasePort();
        Path dataDir = mount.resolve("peer");
        PeerSettings settings = RuntimeTestSupport.loopbackPeer("tmpfs-peer", dataDir, port, List.of(port),
                ClusterSecret.generate(new SecureRandom())).withDisk(new DiskPolicy(48 * MIB, Duration.ofMillis(200),
                DiskPolicy.FreeSpace.FILE_STORE));
        peer = PeerRuntime.start(settings);
        http = HttpEndpoint.start(peer, "127.0.0.1", 0);
        long ownEvents = peer.ledger().versionVector().get(peer.peerId());

        Path filler = mount.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[(int) MIB];
            while (Files.getFileStore(mount).getUsableSpace() > 24 * MIB) {
                out.write(block);
            }
        }
        await(Duration.ofSeconds(10), "the peer turns unhealthy on its own reading", () -> !peer.health().ok());
        assertTrue(peer.health().problem().orElseThrow().contains("less than the 48 MiB"),
                peer.health().problem().orElseThrow());
        assertEquals(503, submit().statusCode());

        HostCommands.fillUntilFull(filler);
        await(Duration.ofSeconds(10), "the peer reports the disk full", () -> peer.health().problem()
                .map(problem -> problem.contains(" has 0 MiB free")).orElse(false));
        HttpResponse<String> refused = submit();
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains(" has 0 MiB free"), refused.body());
        HttpResponse<String> status = LoopbackTestSupport.get(uri("/api/status"), Duration.ofSeconds(10));
        assertEquals(200, status.statusCode(), "reads go on while the disk is full");
        assertEquals(ownEvents, peer.ledger().versionVector().get(peer.peerId()));

        Files.delete(filler);
        await(Duration.ofSeconds(10), "the peer is healthy again", () -> peer.health().ok());
        HttpResponse<String> accepted = submit();
        assertEquals(201, accepted.statusCode(), accepted.body());
        assertEquals(ownEvents + 1, peer.ledger().versionVector().get(peer.peerId()));

        http.close();
        http = null;
        peer.close();
        peer = null;
        try (Ledger reopened = Ledger.open(dataDir.resolve("ledger"),
                PeerIdentity.load(dataDir.resolve(PeerIdentity.FILE_NAME)))) {
            assertEquals(ownEvents + 1, reopened.versionVector().get(reopened.self()));
        }
    }

    @Test
    void aLedgerFailsItsAppendsCleanlyWhileFullAndGoesOnOnceSpaceIsFreed() throws Exception {
        PeerIdentity me = PeerIdentity.generate();
        Path dir = mount.resolve("ledger");
        List<Event> acknowledged = new ArrayList<>();
        try (Ledger ledger = Ledger.open(dir, me)) {
            acknowledged.add(ledger.append(PeerAnnounced.of(me, "full", MachineId.fromSystemId("tmpfs"), 1, 0,
                    EngineVersion.CURRENT)));
            Path filler = HostCommands.fillUntilFull(mount.resolve("filler"));
            byte[] blob = new byte[64 << 10]; // the same blob each time: only the log grows, until it cannot
            StoreException full = null;
            for (int i = 0; i < 100_000 && full == null; i++) {
                try {
                    ledger.putBlob(blob);
                    acknowledged.add(ledger.append(search("s" + i)));
                } catch (StoreException e) {
                    full = e;
                }
            }
            assertNotNull(full, "the ledger never ran out of space");
            assertEquals(StoreException.Problem.NO_SPACE, full.problem());
            assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
            VersionVector held = ledger.versionVector();
            assertEquals(acknowledged.size(), held.get(me.peerId()), "a failed append does not move the chain");
            assertThrows(StoreException.class, () -> ledger.append(search("still-full")));
            assertEquals(held, ledger.versionVector());

            Files.delete(filler);
            Event next = appendWithin(ledger, Duration.ofSeconds(60));
            assertEquals(acknowledged.size() + 1, next.sequence());
            assertEquals(acknowledged.get(acknowledged.size() - 1).hash(), next.previous());
            acknowledged.add(next);
        }
        try (Ledger reopened = Ledger.open(dir, me)) {
            assertEquals(acknowledged.size(), reopened.versionVector().get(me.peerId()));
            for (Event event : acknowledged) {
                assertEquals(event, reopened.event(me.peerId(), event.sequence()).orElseThrow());
            }
        }
    }

    private static SearchSubmitted search(String id) {
        return TestSearches.search(id, BundledDatasets.btcUsd5m().id(), 10, 3, 1, 1, 1L);
    }


    /** RocksDB polls for free space before it takes writes again (it needs 128 MiB): retries within a deadline. */
    private static Event appendWithin(Ledger ledger, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try {
                return ledger.append(search("after"));
            } catch (StoreException e) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("the ledger did not take writes again within " + deadline, e);
                }
                Thread.sleep(200);
            }
        }
    }

    private HttpResponse<String> submit() {
        return LoopbackTestSupport.send(HttpRequest.newBuilder(URI.create(uri("/api/searches")))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"dataset": "bundled-btcusd-5m", "population": 10, "generations": 3, "workUnits": 1,
                         "quorum": 1, "minTrades": 1, "seed": 9, "allowSameMachine": true}""")).build());
    }

    private String uri(String path) {
        return "http://127.0.0.1:" + http.address().getPort() + path;
    }
}
