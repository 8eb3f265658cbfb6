package io.strategyminer.peer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.store.StoreException;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.security.ClusterSecret;
import io.strategyminer.web.PeerHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the data dir's disk makes a peer unhealthy, what it says, and since when (a simulated free space). */
class DiskMonitorTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dataDir;

    private final AtomicLong free = new AtomicLong(1L << 40);
    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<PeerHealth> changes = new ArrayList<>();

    private DiskMonitor monitor() {
        return new DiskMonitor(dataDir, new DiskPolicy(256 * MIB, Duration.ofSeconds(10), dir -> {
            if (free.get() < 0) {
                throw new IOException("statvfs failed");
            }
            return free.get();
        }), clock::get, changes::add);
    }

    @Test
    void belowTheReserveItIsUnhealthyUntilAReadingFindsRoomAgain() {
        DiskMonitor monitor = monitor();
        assertTrue(monitor.check().ok());
        assertEquals(1_000, monitor.health().sinceMillis());

        free.set(12 * MIB);
        clock.set(2_000);
        PeerHealth full = monitor.check();
        assertFalse(full.ok());
        assertEquals(2_000, full.sinceMillis());
        assertEquals("the data dir " + dataDir + " has 12 MiB free, less than the 256 MiB a peer keeps in reserve; until"
                + " space is freed there this peer takes no work and stays out of the cluster view (checked every"
                + " 10 s)", full.problem().orElseThrow());

        free.set(3 * MIB);
        clock.set(3_000);
        PeerHealth fuller = monitor.check();
        assertTrue(fuller.problem().orElseThrow().contains("has 3 MiB free"), "the figure follows the disk");
        assertEquals(2_000, fuller.sinceMillis(), "still unhealthy since the first reading");

        free.set(256 * MIB);
        clock.set(4_000);
        assertEquals(PeerHealth.healthy(4_000), monitor.check());
        assertEquals(List.of(full, PeerHealth.healthy(4_000)), changes, "the listener hears each change once");
    }

    @Test
    void aWriteThatFoundTheDiskFullCountsUntilTheNextReadingAndOtherFailuresDoNot() {
        DiskMonitor monitor = monitor();
        monitor.writeFailed(new StoreException("io error", StoreException.Problem.OTHER, null));
        assertTrue(monitor.health().ok());
        monitor.writeFailed(new StoreException("While appending to file: 000004.log: No space left on device",
                StoreException.Problem.NO_SPACE, null));
        assertTrue(monitor.health().problem().orElseThrow().contains("No space left on device"));
        assertTrue(monitor.check().ok(), "a reading with room clears it");
    }

    @Test
    void aFreeSpaceThatCannotBeReadIsAProblem() {
        free.set(-1);
        assertTrue(monitor().check().problem().orElseThrow().contains("cannot be read (java.io.IOException: statvfs"));
    }

    @Test
    void aPeerDoesNotStartOnAFullDiskAndWritesNothing() {
        int port = LoopbackTestSupport.freeBasePort();
        Path peerDir = dataDir.resolve("peer");
        PeerSettings settings = RuntimeTestSupport.loopbackPeer("full", peerDir, port, List.of(port),
                ClusterSecret.generate(new SecureRandom())).withDisk(new DiskPolicy(256 * MIB, Duration.ofSeconds(10),
                dir -> 5 * MIB));
        StartRefusedException refused = assertThrows(StartRefusedException.class, () -> PeerRuntime.start(settings));
        assertTrue(refused.getMessage().startsWith("Not starting: the data dir " + peerDir + " has 5 MiB free"),
                refused.getMessage());
        assertFalse(Files.exists(peerDir));
    }
}
