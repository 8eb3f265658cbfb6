package io.strategyminer.peer.runtime;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.data.SharedData;
import io.strategyminer.data.store.OwnerOnly;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Everything a peer keeps in its data dir (identity, cluster secret, ledger, datasets, uploads) is readable by its
 * owner only: 0600 files, 0700 directories, including what RocksDB and the upload spool create with the process's
 * default mode, and a data dir written before this rule.
 */
class DataDirPermissionsTest {
    private Path root;
    private PeerRuntime peer;
    private HttpEndpoint http;

    @BeforeEach
    void createRoot() throws IOException {
        root = Files.createTempDirectory("sm-permissions");
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (peer != null) {
            peer.close();
        }
        RuntimeTestSupport.deleteTree(root);
    }

    @Test
    void theDataDirIsOwnerOnlyAtStartWhileRunningAndAfterStopping() throws IOException {
        ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
        Path dataDir = root.resolve("peer");
        SecretFile.store(dataDir, secret);
        int port = LoopbackTestSupport.freeBasePort();
        PeerSettings settings = RuntimeTestSupport.loopbackPeer("private", dataDir, port, List.of(port), secret)
                .withDisk(new DiskPolicy(DiskPolicy.DEFAULT.minFreeBytes(), Duration.ofMillis(200),
                        DiskPolicy.FreeSpace.FILE_STORE));
        PeerRuntime.start(settings).close();
        assertEquals(List.of(), notOwnerOnly(dataDir), "after the first run");

        loosen(dataDir); // as a data dir written before this rule
        peer = PeerRuntime.start(settings);
        http = HttpEndpoint.start(peer, "127.0.0.1", 0);
        byte[] upload = Files.readAllBytes(SharedData.file(SharedData.ETH_OHLC_JSON));
        HttpResponse<String> imported = LoopbackTestSupport.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + http.address().getPort() + "/api/datasets?name=eth-march")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build());
        assertEquals(201, imported.statusCode(), imported.body());
        assertTrue(Files.isDirectory(dataDir.resolve("uploads")), "the upload went through the spool");
        await(Duration.ofSeconds(10), "every file and directory is owner-only while the peer runs",
                () -> notOwnerOnly(dataDir).isEmpty());

        http.close();
        http = null;
        peer.close();
        peer = null;
        assertEquals(List.of(), notOwnerOnly(dataDir), "after stopping");
    }

    /** Files not rw------- and directories not rwx------ under {@code dir}, itself included. */
    private static List<String> notOwnerOnly(Path dir) {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                if (Files.isSymbolicLink(path) || !Files.exists(path)) {
                    continue;
                }
                boolean directory = Files.isDirectory(path);
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                if (!Files.getPosixFilePermissions(path).equals(directory ? OwnerOnly.DIRECTORY : OwnerOnly.FILE)) {
                    loose.add(dir.relativize(path) + " " + mode);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loose;
    }

    private static void loosen(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
        }
    }
}
