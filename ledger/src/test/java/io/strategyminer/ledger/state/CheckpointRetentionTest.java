package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.announce;
import static io.strategyminer.ledger.Fixtures.checkpoint;
import static io.strategyminer.ledger.Fixtures.lease;
import static io.strategyminer.ledger.Fixtures.machine;
import static io.strategyminer.ledger.Fixtures.search;
import static io.strategyminer.ledger.Fixtures.sha;
import static io.strategyminer.ledger.Fixtures.verifyLease;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Which checkpoint blobs a peer keeps: per unfinished unit, the latest checkpoint of each peer that held a work or
 * speculative lease of it whose blob is held, and per peer only the newest up to its byte quota. Checkpoint sizes
 * are {@code 1000 + generation} bytes ({@link Fixtures#checkpoint}).
 */
class CheckpointRetentionTest {
    private static final String SEARCH = "retained";
    private final Fixtures.Chain alice = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain bob = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain carol = new Fixtures.Chain(PeerIdentity.generate());
    private final LedgerState state = new LedgerState();
    private long lamport;

    CheckpointRetentionTest() {
        add(alice, announce(alice.identity(), machine("m-alice"), 2));
        add(bob, announce(bob.identity(), machine("m-bob"), 2));
        add(carol, announce(carol.identity(), machine("m-carol"), 2));
        add(alice, search(SEARCH, 3, 2, false));
    }

    private void add(Fixtures.Chain chain, Payload payload) {
        state.apply(chain.next(++lamport, payload));
    }

    private List<Integer> retainedGenerations(long quota, java.util.function.Predicate<Sha256> held) {
        return state.retainedCheckpoints(quota, held).stream().map(c -> c.checkpoint().generation()).sorted().toList();
    }

    @Test
    void aHolderKeepsItsLatestCheckpointAndAnOlderOneWhenTheLatestBlobNeverArrived() {
        add(alice, lease(SEARCH, 0, bob.id(), 1));
        add(bob, checkpoint(SEARCH, 0, 5, sha("bob-5")));
        add(bob, checkpoint(SEARCH, 0, 10, sha("bob-10")));

        assertEquals(List.of(10), retainedGenerations(Long.MAX_VALUE, blob -> true));
        assertEquals(List.of(5), retainedGenerations(Long.MAX_VALUE, blob -> !blob.equals(sha("bob-10"))),
                "the newest blob is missing: resume from the one before");
        assertEquals(List.of(), retainedGenerations(Long.MAX_VALUE, blob -> false));
        assertEquals(new TreeSet<>(Set.of(sha("bob-5"))), state.obsoleteCheckpointBlobs(blob -> true));
    }

    @Test
    void checkpointsOfPeersThatHeldNoWorkLeaseAreNotKept() {
        add(alice, lease(SEARCH, 0, bob.id(), 1));
        StrategyId target = new StrategyId(bob.id(), 99);
        add(alice, verifyLease(SEARCH, 0, carol.id(), 1, target)); // a verifier does not hold the unit
        add(carol, checkpoint(SEARCH, 0, 20, sha("carol-20")));
        add(alice, checkpoint(SEARCH, 1, 3, sha("alice-3"))); // nobody was leased unit 1

        assertEquals(List.of(), state.retainedCheckpoints(blob -> true));
        assertEquals(new TreeSet<>(Set.of(sha("carol-20"), sha("alice-3"))), state.obsoleteCheckpointBlobs(b -> true));
    }

    @Test
    void eachHoldersLatestIsKeptWhenSeveralPeersRanTheUnit() {
        add(alice, lease(SEARCH, 0, bob.id(), 1));
        add(bob, checkpoint(SEARCH, 0, 8, sha("bob-8")));
        add(alice, lease(SEARCH, 0, carol.id(), 2)); // bob left; carol could not resume from bob's blob
        add(carol, checkpoint(SEARCH, 0, 4, sha("carol-4")));
        add(carol, checkpoint(SEARCH, 0, 6, sha("carol-6")));

        assertEquals(List.of(6, 8), retainedGenerations(Long.MAX_VALUE, blob -> true),
                "whoever takes the unit over resumes from one of them");
        assertEquals(8, state.unit(SEARCH, 0).orElseThrow().latestCheckpoint().orElseThrow().checkpoint().generation());
    }

    @Test
    void aPeersNewestCheckpointsAreKeptUpToItsByteQuotaExactly() {
        for (int unit = 0; unit < 3; unit++) {
            add(alice, lease(SEARCH, unit, bob.id(), 1));
        }
        add(bob, checkpoint(SEARCH, 0, 10, sha("u0"))); // 1,010 bytes, the oldest
        add(bob, checkpoint(SEARCH, 1, 20, sha("u1"))); // 1,020 bytes
        add(bob, checkpoint(SEARCH, 2, 30, sha("u2"))); // 1,030 bytes, the newest

        assertEquals(List.of(10, 20, 30), retainedGenerations(Long.MAX_VALUE, blob -> true));
        assertEquals(List.of(20, 30), retainedGenerations(1_030 + 1_020, blob -> true), "exactly the quota fits");
        assertEquals(List.of(30), retainedGenerations(1_030 + 1_020 - 1, blob -> true), "one byte short: the newest");
        assertEquals(List.of(30), retainedGenerations(1_030, blob -> true));
        assertEquals(List.of(), retainedGenerations(1_029, blob -> true), "not even the newest fits");
        assertEquals(List.of(10, 20, 30), state.retainedCheckpoints(blob -> true).stream()
                .map(c -> c.checkpoint().generation()).sorted().toList(), "the default quota is 256 MiB");
    }

    @Test
    void theQuotaIsCountedPerPeer() {
        add(alice, lease(SEARCH, 0, bob.id(), 1));
        add(alice, lease(SEARCH, 1, carol.id(), 1));
        add(bob, checkpoint(SEARCH, 0, 10, sha("bob-10")));
        add(carol, checkpoint(SEARCH, 1, 10, sha("carol-10")));
        assertEquals(2, state.retainedCheckpoints(1_010, blob -> true).size(), "1,010 bytes each, one quota each");
    }

    @Test
    void finishedUnitsKeepNothingButUnitsOutsideTheSearchOrOfAnUnknownSearchAreNotKnownFinished() {
        // unit 3 is one past the last of the search's 3 units: whatever is reported of it, it is not the search's
        add(alice, lease(SEARCH, 3, bob.id(), 1));
        add(bob, checkpoint(SEARCH, 3, 7, sha("past-the-end")));
        add(bob, new UnitFailed(SEARCH, 3, "boom"));
        add(carol, new UnitFailed(SEARCH, 3, "boom"));
        // unit 2 really failed by a quorum of 2: its checkpoints are obsolete
        add(alice, lease(SEARCH, 2, bob.id(), 1));
        add(bob, checkpoint(SEARCH, 2, 9, sha("failed-unit")));
        add(bob, new UnitFailed(SEARCH, 2, "boom"));
        add(carol, new UnitFailed(SEARCH, 2, "boom"));
        // a search not seen yet: its checkpoints wait for it
        add(alice, lease("later", 0, carol.id(), 1));
        add(carol, checkpoint("later", 0, 11, sha("unknown-search")));

        assertEquals(UnitStatus.FAILED, state.unit(SEARCH, 2).orElseThrow().status());
        assertEquals(List.of(7, 11), retainedGenerations(Long.MAX_VALUE, blob -> true));
        assertEquals(new TreeSet<>(Set.of(sha("failed-unit"))), state.obsoleteCheckpointBlobs(blob -> true));
    }

    @Test
    void datasetChunksAreAlwaysRetainedAndNeverObsolete() {
        add(alice, Fixtures.dataset());
        add(alice, lease(SEARCH, 0, bob.id(), 1));
        add(bob, checkpoint(SEARCH, 0, 10, sha("bob-10")));
        assertEquals(new TreeSet<>(Set.of(sha("chunk-0"), sha("chunk-1"), sha("bob-10"))),
                state.retainedBlobs(blob -> true));
        assertEquals(new TreeSet<>(Set.of(sha("chunk-0"), sha("chunk-1"))), state.retainedBlobs(blob -> false));
        assertTrue(state.obsoleteCheckpointBlobs(blob -> true).isEmpty());
    }

    @Test
    void everyCheckpointNamingABlobIsListedByGenerationThenStamp() {
        add(alice, lease(SEARCH, 0, bob.id(), 1));
        add(carol, checkpoint(SEARCH, 1, 12, sha("shared")));
        add(bob, checkpoint(SEARCH, 0, 12, sha("shared")));
        add(bob, checkpoint(SEARCH, 0, 3, sha("shared")));
        List<CheckpointView> naming = state.checkpointsNaming(sha("shared"));
        assertEquals(List.of(3, 12, 12), naming.stream().map(c -> c.checkpoint().generation()).toList());
        assertEquals(carol.id(), naming.get(1).saved().origin(), "same generation: the earlier stamp first");
        assertEquals(List.of(), state.checkpointsNaming(sha("never-saved")));
        CheckpointSaved saved = naming.get(0).checkpoint();
        assertEquals(1_003, saved.sizeBytes());
    }
}
