package io.strategyminer.peer.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catch-up throughput over loopback, printed (never asserted): a peer 100,000 events behind (4 origins)
 * syncs with one that has them, with the default batches (1,000 events / 1 MiB), real RocksDB on both
 * sides, encryption on. Run with
 * {@code mvn -Dsm.target=target-sync -pl peer -am test -Dtest=SyncBenchmark -Dsm.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 * Signing the 100,000 events first takes most of the run and is not measured.
 */
@Tag("benchmark")
class SyncBenchmark {
    private static final int ORIGINS = 4;
    private static final int PER_ORIGIN = 25_000;

    @TempDir
    Path dir;

    @Test
    void catchUpThroughput() throws Exception {
        List<Event> events = SyncFixtures.all(SyncFixtures.chains(ORIGINS, PER_ORIGIN));
        long bytes = events.stream().mapToLong(Event::size).sum();
        try (Ledger ahead = Ledger.open(dir.resolve("ahead"), PeerIdentity.generate());
             Ledger behind = Ledger.open(dir.resolve("behind"), PeerIdentity.generate())) {
            SyncFixtures.load(ahead, events);
            try (SyncServer server = new SyncServer(SyncFixtures.SECRET, ahead, new DatasetStore(dir.resolve("a")),
                    SyncSettings.DEFAULTS);
                 SyncClient client = new SyncClient(SyncFixtures.SECRET, behind, new DatasetStore(dir.resolve("b")),
                         SyncSettings.DEFAULTS)) {
                int port = server.start("127.0.0.1", 0).getPort();
                SyncResult result = client.sync("127.0.0.1", port);
                assertEquals(events.size(), result.eventsApplied());
                assertEquals(ahead.versionVector(), behind.versionVector());
                double seconds = result.duration().toNanos() / 1e9;
                long wire = client.stats().bytesReceived();
                System.out.printf("catch-up over loopback: %,d events (%,d bytes, %d origins) in %.2f s = %,.0f events/s,"
                                + " %.1f MB/s; largest batch %,d events; %,d bytes read from the socket (%.1f %% over"
                                + " the events: framing, batches, sealing)%n", result.eventsReceived(), bytes, ORIGINS,
                        seconds, result.eventsReceived() / seconds, bytes / seconds / 1e6,
                        result.largestBatchReceived(), wire, 100.0 * (wire - bytes) / bytes);
            }
        }
    }
}
