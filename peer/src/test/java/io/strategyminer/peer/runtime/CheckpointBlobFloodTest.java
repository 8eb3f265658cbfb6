package io.strategyminer.peer.runtime;

import static io.strategyminer.peer.LoopbackTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.BlobRefusal;
import io.strategyminer.ledger.BlobStats;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseGranted;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.identity.MachineId;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.peer.HeapProbe;
import io.strategyminer.peer.LoopbackTestSupport;
import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.ClusterNode;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.security.ClusterSecret;
import io.strategyminer.peer.sync.SyncClient;
import io.strategyminer.peer.sync.SyncSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member holding the cluster secret floods the checkpoint-blob channel (real JGroups over loopback, the honest
 * peer's real {@link CheckpointBlobs} and RocksDB ledger): 82.5 MB of blobs no event names, as in the attack that
 * filled 82 MB per peer in 5.5 s. Nothing of it is stored, the held buffer stays within its bound, a worker's
 * checkpoint broadcast in the middle of the flood (before its event, as workers ship them) is not pushed out by it
 * and is stored once its event arrives, and retention keeps only it.
 */
class CheckpointBlobFloodTest {
    private static final int FLOOD_BLOBS = 330;
    private static final int FLOOD_BLOB_BYTES = 250_000;

    @TempDir
    Path dir;
    private final ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
    private final List<AutoCloseable> open = new ArrayList<>();
    private final PeerIdentity member = PeerIdentity.generate();
    private final PeerIdentity worker = PeerIdentity.generate();
    private final Random random = new Random(82);
    private ClusterNode flooder;
    private ClusterNode workerNode;
    private Ledger ledger;
    private CheckpointBlobs blobs;

    @BeforeEach
    void anHonestPeerAWorkerAndAFloodingMemberInOneView() {
        List<Integer> ports = List.of(LoopbackTestSupport.freeBasePort(), LoopbackTestSupport.freeBasePort(),
                LoopbackTestSupport.freeBasePort());
        PeerIdentity honest = PeerIdentity.generate();
        ClusterNode node = node(honest, ports.get(0), ports);
        flooder = node(member, ports.get(1), ports);
        workerNode = node(worker, ports.get(2), ports);
        ledger = Ledger.open(dir.resolve("honest"), honest);
        open.add(ledger);
        SyncClient client = new SyncClient(secret, ledger, new DatasetStore(dir.resolve("datasets")),
                SyncSettings.DEFAULTS);
        open.add(client);
        blobs = new CheckpointBlobs(node, ledger, client, new SyncEndpoints(node));
        blobs.listen();
        node.connect(PeerRuntime.CLUSTER_NAME);
        flooder.connect(PeerRuntime.CLUSTER_NAME);
        workerNode.connect(PeerRuntime.CLUSTER_NAME);
        await(Duration.ofSeconds(20), "a view of three", () -> node.view().size() == 3 && flooder.view().size() == 3
                && workerNode.view().size() == 3);
    }

    private ClusterNode node(PeerIdentity identity, int port, List<Integer> ports) {
        List<SeedAddress> seeds = ports.stream()
                .map(p -> new SeedAddress(LoopbackTestSupport.LOOPBACK.getHostAddress(), p)).toList();
        ClusterNode node = new ClusterNode(ClusterConfig.lan(identity.peerId().hex(), "machine", secret)
                .withBind(LoopbackTestSupport.LOOPBACK, port).withSeeds(seeds)
                .withTimings(PeerRuntimeClusterTest.FAST));
        open.add(node);
        return node;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aFloodOfBlobsNoEventNamesIsRefusedAndAnHonestCheckpointStillArrives() {
        // an honest worker of a unit: announced, leased (by itself as coordinator), checkpointing
        List<Event> chain = new ArrayList<>();
        append(chain, PeerAnnounced.of(worker, "worker", MachineId.fromSystemId("worker"), 2, 1_000.0,
                EngineVersion.CURRENT));
        append(chain, new SearchSubmitted("flooded", SearchSpec.builder().dataset(new DatasetId("ab".repeat(32)))
                .seed(1).workUnits(1).quorum(1).build()));
        append(chain, new LeaseGranted("flooded", 0, worker.peerId(), 1, 1_700_000_000_000L, LeaseKind.WORK, null));
        ledger.applyBatch(chain);
        long diskBefore = treeBytes(dir.resolve("honest"));
        long heapBefore = HeapProbe.usedAfterGc();
        HeapProbe.Peak peak = HeapProbe.watchPeak();
        byte[] checkpoint = bytes(3_205);

        for (int i = 0; i < FLOOD_BLOBS; i++) {
            flooder.broadcast(CheckpointBlobs.TOPIC, bytes(FLOOD_BLOB_BYTES));
            if (i == FLOOD_BLOBS / 2) {
                workerNode.broadcast(CheckpointBlobs.TOPIC, checkpoint); // shipped before its event, as workers do
            }
        }
        await(Duration.ofSeconds(120), "every broadcast blob reached the honest peer",
                () -> blobs.received() == FLOOD_BLOBS + 1);
        ledger.apply(append(chain, new CheckpointSaved("flooded", 0, 5, Sha256.of(checkpoint), checkpoint.length)));

        BlobStats stats = ledger.blobStats();
        long held = HeapProbe.usedAfterGc() - heapBefore;
        long diskGrowth = treeBytes(dir.resolve("honest")) - diskBefore;
        System.out.printf("attack: checkpoint-blob flood of %d blobs (%,d bytes) by broadcast: %s; ledger directory"
                        + " +%,d bytes; old-generation peak +%s (the flooder's copies included), used heap after GC +%s%n",
                FLOOD_BLOBS, (long) FLOOD_BLOBS * FLOOD_BLOB_BYTES, stats, diskGrowth, HeapProbe.mib(peak.rise()),
                HeapProbe.mib(held));
        assertTrue(diskGrowth < 1 << 20, "the ledger grew by " + diskGrowth + " bytes");
        assertTrue(held < 24 << 20, "the flood left " + HeapProbe.mib(held) + " held");
        assertEquals(1, stats.stored(), stats.toString());
        assertTrue(stats.heldBytes() <= 4 << 20, stats.toString());
        assertEquals(FLOOD_BLOBS, stats.held() + stats.refused().get(BlobRefusal.UNREFERENCED), stats.toString());
        assertEquals(List.of(Sha256.of(checkpoint)), ledger.blobHashes(), "only the honest checkpoint is stored");
        ledger.pruneCheckpoints();
        ledger.pruneCheckpoints();
        assertEquals(List.of(Sha256.of(checkpoint)), ledger.blobHashes(), "retention keeps the unit's checkpoint");
    }

    private Event append(List<Event> chain, Payload payload) {
        Event previous = chain.isEmpty() ? null : chain.get(chain.size() - 1);
        Event event = Event.sign(worker.peerId(), chain.size() + 1L, previous == null ? Sha256.ZERO : previous.hash(),
                chain.size() + 1L, payload, worker);
        chain.add(event);
        return event;
    }

    /** Bytes of the files under {@code root}: what the ledger holds on disk. */
    private static long treeBytes(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
