package io.strategyminer.peer.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.SharedData;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer lacking a dataset fetches it by id, and one lacking a checkpoint blob fetches it by hash, from a
 * peer that holds it, over loopback.
 */
class DatasetTransferTest {
    private static final SyncSettings SETTINGS = SyncSettings.DEFAULTS.withTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(30));

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private DatasetStore holderStore;
    private DatasetStore lackerStore;
    private final PeerIdentity holder = PeerIdentity.generate();
    private Ledger holderLedger;
    private Ledger lackerLedger;
    private int port;
    private SyncClient client;

    @BeforeEach
    void startPeers() throws Exception {
        holderStore = new DatasetStore(dir.resolve("holder"));
        lackerStore = new DatasetStore(dir.resolve("lacker"));
        holderLedger = ledger("holder-ledger", holder);
        SyncServer server = new SyncServer(SyncFixtures.SECRET, holderLedger, holderStore, SETTINGS);
        open.add(server);
        port = server.start("127.0.0.1", 0).getPort();
        lackerLedger = ledger("lacker-ledger", PeerIdentity.generate());
        client = new SyncClient(SyncFixtures.SECRET, lackerLedger, lackerStore, SETTINGS);
        open.add(client);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void theBundledDatasetArrivesVerifiedAndStored() throws Exception {
        Dataset bundled = BundledDatasets.btcUsd5m();
        holderStore.save(bundled, "bundled");

        Dataset fetched = client.fetchDataset("127.0.0.1", port, bundled.id());

        assertEquals(bundled.id(), fetched.id());
        assertEquals(bundled.candles(), fetched.candles());
        assertEquals(bundled.name(), fetched.name());
        assertEquals(bundled.candles(), lackerStore.load(bundled.id()).candles());
        assertEquals(1, client.stats().sessions());
    }

    @Test
    void a39kCandleFileArrivesInThreeChunks() throws Exception {
        Path csv = SharedData.file(SharedData.BTC_2011_CSV);
        Dataset imported = CandleImporter.importFile(csv, ImportOptions.auto()).toDataset();
        assertEquals(39_017, imported.size());
        assertEquals(3, DatasetChunks.chunkCount(imported.size()));
        holderStore.save(imported, csv.toString());

        Dataset fetched = client.fetchDataset("127.0.0.1", port, imported.id());

        assertEquals(imported.candles(), fetched.candles());
        assertEquals(imported.timeframeSeconds(), fetched.timeframeSeconds());
        assertEquals(imported.id(), lackerStore.load(imported.id()).id());
    }

    @Test
    void aDatasetNobodyHoldsIsAClearFailure() throws Exception {
        DatasetId unknown = DatasetChunksTest.synthetic(5).id();
        SyncException missing = assertThrows(SyncException.class,
                () -> client.fetchDataset("127.0.0.1", port, unknown));
        assertTrue(missing.getMessage().contains("does not hold dataset " + unknown), missing.getMessage());
        assertFalse(lackerStore.info(unknown).isPresent());
    }

    @Test
    void aCheckpointBlobArrivesVerifiedAndStored() throws Exception {
        // larger than a JGroups message (256 KiB), so only the repair path can move it
        byte[] blob = new byte[300_000];
        new Random(6).nextBytes(blob);
        Sha256 hash = SyncFixtures.keptCheckpoint(holderLedger, holder, lackerLedger, blob, blob.length);

        byte[] fetched = client.fetchBlob("127.0.0.1", port, hash, blob.length);

        assertArrayEquals(blob, fetched);
        assertArrayEquals(blob, lackerLedger.blob(hash).orElseThrow(), "stored in the fetching peer's ledger");
        assertEquals(1, client.stats().sessions());
    }

    @Test
    void aBlobLargerThanAFrameArrivesInPartsVerifiedAndStored() throws Exception {
        // 2.5 frames: the checkpoint of a population of about 140,000 genomes (36 bytes each)
        byte[] blob = new byte[5 * Wire.MAX_FRAME_BYTES / 2];
        new Random(7).nextBytes(blob);
        Sha256 hash = SyncFixtures.keptCheckpoint(holderLedger, holder, lackerLedger, blob, blob.length);

        byte[] fetched = client.fetchBlob("127.0.0.1", port, hash, blob.length);

        assertEquals(5, Wire.blobParts(blob.length));
        assertArrayEquals(blob, fetched);
        assertArrayEquals(blob, lackerLedger.blob(hash).orElseThrow(), "stored in the fetching peer's ledger");
    }

    @Test
    void aBlobOfAnotherSizeThanItsCheckpointDeclaresIsRefusedOnItsFirstPart() {
        // a member's checkpoint declares 3,205 bytes; what it serves under that name announces 3 MiB
        byte[] blob = new byte[3 << 20];
        new Random(8).nextBytes(blob);
        Sha256 hash = SyncFixtures.keptCheckpoint(holderLedger, holder, lackerLedger, blob, 3_205);

        SyncException refused = assertThrows(SyncException.class,
                () -> client.fetchBlob("127.0.0.1", port, hash, 3_205));

        assertTrue(refused.getMessage().contains("its checkpoint declares 3205"), refused.getMessage());
        assertFalse(lackerLedger.hasBlob(hash));
    }

    @Test
    void aBlobNobodyHoldsIsAClearFailureAndStoresNothing() {
        Sha256 unknown = Sha256.of(new byte[] {1, 2, 3});
        SyncException missing = assertThrows(SyncException.class, () -> client.fetchBlob("127.0.0.1", port, unknown, 3));
        assertTrue(missing.getMessage().contains("does not hold blob " + unknown.shortHex()), missing.getMessage());
        assertFalse(lackerLedger.hasBlob(unknown));
    }

    private Ledger ledger(String name, PeerIdentity identity) {
        Ledger ledger = Ledger.open(dir.resolve(name), identity);
        open.add(ledger);
        return ledger;
    }
}
