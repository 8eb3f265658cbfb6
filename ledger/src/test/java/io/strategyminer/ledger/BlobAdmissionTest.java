package io.strategyminer.ledger;

import static io.strategyminer.ledger.Fixtures.announce;
import static io.strategyminer.ledger.Fixtures.lease;
import static io.strategyminer.ledger.Fixtures.search;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.BlobOffer.Outcome;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blobs other peers send (broadcast or fetched) are stored only when a retained checkpoint names them with their
 * size, within the saver's quota; a flood of anything else is refused and counted, and retention deletes every blob
 * nothing keeps. Real RocksDB.
 */
class BlobAdmissionTest {
    private static final String SEARCH = "s-blobs";
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private final Fixtures.Chain coordinator = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain worker = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain stranger = new Fixtures.Chain(PeerIdentity.generate());
    private final Random random = new Random(15);
    private Ledger ledger;
    private long lamport;

    @BeforeEach
    void aWorkerHoldsALeaseOfUnitZero() {
        ledger = Ledger.open(dir, PeerIdentity.generate());
        apply(coordinator, announce(coordinator.identity(), Scenario.M1, 2));
        apply(worker, announce(worker.identity(), Scenario.M2, 2));
        apply(stranger, announce(stranger.identity(), Scenario.M3, 2));
        apply(coordinator, search(SEARCH, 5, 1, false));
        apply(coordinator, lease(SEARCH, 0, worker.id(), 1));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private Event apply(Fixtures.Chain chain, Payload payload) {
        Event event = chain.next(++lamport, payload);
        assertEquals(ApplyResult.Status.APPLIED, ledger.apply(event).status(), event.toString());
        return event;
    }

    private byte[] blob(int size) {
        byte[] blob = new byte[size];
        random.nextBytes(blob);
        return blob;
    }

    private static CheckpointSaved checkpoint(int unit, int generation, byte[] blob) {
        return new CheckpointSaved(SEARCH, unit, generation, Sha256.of(blob), blob.length);
    }

    private BlobRefusal refusal(byte[] blob) {
        return ledger.offerBlob(Sha256.of(blob), blob, "a peer").refusal().orElseThrow();
    }

    @Test
    void aBlobThatOvertakesItsCheckpointWaitsForItAndIsThenStored() {
        byte[] early = blob(3_205);
        assertEquals(Outcome.HELD, ledger.offerBlob(Sha256.of(early), early, "a peer").outcome());
        assertFalse(ledger.hasBlob(Sha256.of(early)));

        apply(worker, checkpoint(0, 5, early));

        assertArrayEquals(early, ledger.blob(Sha256.of(early)).orElseThrow());
        byte[] late = blob(3_205);
        apply(worker, checkpoint(0, 10, late));
        assertEquals(Outcome.STORED, ledger.offerBlob(Sha256.of(late), late, "a peer").outcome());
        assertFalse(ledger.hasBlob(Sha256.of(early)), "the worker's superseded checkpoint is deleted at once");
        assertEquals(Outcome.ALREADY_STORED, ledger.offerBlob(Sha256.of(late), late, "a peer").outcome());
        assertEquals(2, ledger.blobStats().stored());
    }

    @Test
    void aFloodOfBlobsNoCheckpointNamesIsRefusedAndNothingIsStored() {
        int flood = 330; // 82 MB in blobs of 250 KB, as a member sent in 5.5 s
        byte[] honest = blob(3_205);
        for (int i = 0; i < flood; i++) {
            byte[] junk = blob(250_000);
            assertEquals(Outcome.HELD, ledger.offerBlob(Sha256.of(junk), junk, "flooder").outcome());
            if (i == 10) {
                ledger.offerBlob(Sha256.of(honest), honest, "worker");
            }
            BlobStats stats = ledger.blobStats();
            assertTrue(stats.held() <= BlobAdmission.MAX_HELD_BLOBS && stats.heldBytes() <= BlobAdmission.MAX_HELD_BYTES,
                    stats.toString());
        }
        BlobStats stats = ledger.blobStats();
        assertEquals(flood + 1, stats.held() + stats.refused().get(BlobRefusal.UNREFERENCED));
        apply(worker, checkpoint(0, 5, honest));
        assertTrue(ledger.hasBlob(Sha256.of(honest)), "the flooder pushed out its own blobs, not the worker's");
        assertEquals(BlobRefusal.UNREFERENCED, refusal(blob(5 * (int) MIB)), "too large to wait for its event");
        assertEquals(BlobRefusal.BAD_SIZE, refusal(new byte[0]));
        byte[] content = blob(100);
        assertEquals(BlobRefusal.MISNAMED, ledger.offerBlob(Sha256.of(blob(100)), content, "a peer").refusal().orElseThrow());
        assertEquals(List.of(Sha256.of(honest)), ledger.blobHashes(), "nothing of the flood stored");
        assertEquals(1, ledger.blobStats().stored());
    }

    @Test
    void onlyTheLatestCheckpointOfALeaseHolderOfAnUnfinishedUnitWithItsDeclaredSizeIsStored() {
        byte[] lying = blob(1_000);
        apply(worker, new CheckpointSaved(SEARCH, 0, 1, Sha256.of(lying), 64 * MIB));
        assertEquals(BlobRefusal.WRONG_SIZE, refusal(lying));

        byte[] notHolder = blob(1_000);
        apply(stranger, checkpoint(0, 50, notHolder));
        assertEquals(BlobRefusal.NOT_RETAINED, refusal(notHolder), "the stranger never held a lease of unit 0");

        byte[] older = blob(1_000);
        byte[] newer = blob(1_000);
        apply(worker, checkpoint(0, 5, older));
        apply(worker, checkpoint(0, 10, newer));
        assertEquals(Outcome.STORED, ledger.offerBlob(Sha256.of(newer), newer, "a peer").outcome());
        assertEquals(BlobRefusal.NOT_RETAINED, refusal(older), "superseded by the worker's generation 10");

        apply(worker, new UnitFailed(SEARCH, 0, "the miner failed on this unit"));
        assertEquals(List.of(), ledger.read(state -> state.retainedCheckpoints(blob -> true)),
                "a finished unit keeps nothing");
        ledger.pruneCheckpoints();
        ledger.pruneCheckpoints();
        assertEquals(List.of(), ledger.blobHashes());
        assertEquals(1L, ledger.blobStats().refused().get(BlobRefusal.WRONG_SIZE));
        assertEquals(2L, ledger.blobStats().refused().get(BlobRefusal.NOT_RETAINED));
    }

    @Test
    void anOlderCheckpointIsKeptWhileTheLatestBlobNeverArrived() {
        byte[] older = blob(1_000);
        apply(worker, checkpoint(0, 5, older));
        apply(worker, checkpoint(0, 10, blob(1_000))); // its blob is lost: the worker crashed before shipping it

        assertEquals(Outcome.STORED, ledger.offerBlob(Sha256.of(older), older, "a peer").outcome());
        ledger.pruneCheckpoints();
        ledger.pruneCheckpoints();
        assertTrue(ledger.hasBlob(Sha256.of(older)), "the unit's next holder can fall back to it");
    }

    @Test
    void aPeersCheckpointsBeyondItsQuotaAreRefusedOldestFirst() {
        // the admission rule itself, with a quota of 3,000 bytes instead of 256 MiB
        MemoryLedgerStore store = new MemoryLedgerStore();
        BlobAdmission admission = new BlobAdmission(store, 3_000);
        LedgerState state = new LedgerState();
        ledger.delta(VersionVector.EMPTY).forEachRemaining(batch -> batch.forEach(state::apply));
        byte[] oldest = blob(1_000);
        state.apply(worker.next(++lamport, checkpoint(0, 1, oldest)));
        for (int unit = 1; unit <= 3; unit++) {
            state.apply(coordinator.next(++lamport, lease(SEARCH, unit, worker.id(), 1)));
            byte[] newer = blob(1_000);
            state.apply(worker.next(++lamport, checkpoint(unit, 1, newer)));
            assertEquals(Outcome.STORED, admission.offer(Sha256.of(newer), newer, "a peer", state).outcome());
        }

        BlobOffer refused = admission.offer(Sha256.of(oldest), oldest, "a peer", state);

        assertEquals(BlobRefusal.OVER_QUOTA, refused.refusal().orElseThrow(), refused.detail());
        assertFalse(store.hasBlob(Sha256.of(oldest)));
        assertEquals(1L, admission.stats().refused().get(BlobRefusal.OVER_QUOTA));
    }

    @Test
    void retentionDeletesEveryBlobNothingKeepsAndSparesAFreshOneOnce() {
        byte[] kept = blob(2_000);
        apply(worker, checkpoint(0, 3, kept));
        ledger.offerBlob(Sha256.of(kept), kept, "a peer");
        Sha256 orphan = ledger.putBlob(blob(2_000)); // this peer's own, its event not appended (yet, or ever)

        assertEquals(new Ledger.Pruned(0, 0), ledger.pruneCheckpoints(), "both were stored since the last prune");
        Ledger.Pruned pruned = ledger.pruneCheckpoints();

        assertEquals(new Ledger.Pruned(1, 2_000), pruned);
        assertFalse(ledger.hasBlob(orphan), "no event ever named it");
        assertEquals(List.of(Sha256.of(kept)), ledger.blobHashes());
    }
}
