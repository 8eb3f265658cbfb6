package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.announce;
import static io.strategyminer.ledger.Fixtures.checkpoint;
import static io.strategyminer.ledger.Fixtures.lease;
import static io.strategyminer.ledger.Fixtures.machine;
import static io.strategyminer.ledger.Fixtures.report;
import static io.strategyminer.ledger.Fixtures.search;
import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bans from equivocation proofs: a proof bans once all its parts are in and it verifies; the ban records the lowest
 * fork sequence over every proof; each ban is handed out once for this ledger to vouch for it.
 */
class BansTest {
    private final Fixtures.Chain witness = new Fixtures.Chain(PeerIdentity.generate());
    private final PeerIdentity offender = PeerIdentity.generate();
    private final LedgerState state = new LedgerState();
    private long lamport;

    BansTest() {
        add(announce(witness.identity(), machine("w"), 2));
    }

    private void add(Payload payload) {
        state.apply(witness.next(++lamport, payload));
    }

    /** Two versions of the offender's event at {@code sequence}, each with {@code payload} of its variant. */
    private Equivocation fork(long sequence, Payload one, Payload two) {
        Event a = Event.sign(offender.peerId(), sequence, sha("previous"), sequence, one, offender);
        Event b = Event.sign(offender.peerId(), sequence, sha("previous"), sequence, two, offender);
        return Equivocation.between(a, b, offender.publicKey()).orElseThrow();
    }

    private Equivocation smallFork(long sequence) {
        return fork(sequence, search("one-" + sequence, 1, 1, false), search("two-" + sequence, 1, 1, false));
    }

    @Test
    void aProofInPartsBansOnlyOnceItsLastPartArrives() {
        Equivocation proof = fork(7, dataset("a"), dataset("b"));
        List<EquivocationProof> parts = proof.proof();
        assertEquals(3, parts.size(), "two events of about 70 KiB: three parts");
        add(parts.get(2));
        add(parts.get(0));
        add(parts.get(0)); // published again by the same witness: still two distinct parts of three
        assertFalse(state.banned(offender.peerId()), "one part is still missing");
        assertEquals(List.of(), state.bans());
        add(parts.get(1));
        assertTrue(state.banned(offender.peerId()));
        assertEquals(List.of(new BanView(offender.peerId(), 7)), state.bans());
        assertEquals(List.of(proof), state.takeNewBans());
    }

    @Test
    void theBanKeepsTheLowestForkSequenceAndIsHandedOutOnce() {
        Equivocation atFive = smallFork(5);
        atFive.proof().forEach(this::add);
        assertEquals(List.of(atFive), state.takeNewBans());
        assertEquals(List.of(), state.takeNewBans(), "each ban once");

        smallFork(9).proof().forEach(this::add);
        assertEquals(List.of(new BanView(offender.peerId(), 5)), state.bans(), "a later fork does not move it");
        Equivocation atThree = smallFork(3);
        atThree.proof().forEach(this::add);
        assertEquals(List.of(new BanView(offender.peerId(), 3)), state.bans(), "an earlier fork does");
        assertEquals(List.of(), state.takeNewBans(), "the peer was banned already: nothing new to vouch for");

        atThree.proof().forEach(this::add); // the same proof again
        assertEquals(List.of(new BanView(offender.peerId(), 3)), state.bans());
        assertEquals(List.of(), state.takeNewBans());
    }

    @Test
    void aCompleteEvidenceThatIsNoProofBansNobody() {
        Event a = Event.sign(offender.peerId(), 4, sha("previous"), 4, search("a", 1, 1, false), offender);
        Event linked = Event.sign(offender.peerId(), 5, a.hash(), 5, search("b", 1, 1, false), offender);
        byte[] evidence = ByteBuffer.allocate(8 + a.size() + linked.size()).putInt(a.size()).put(a.encoded())
                .putInt(linked.size()).put(linked.encoded()).array();
        add(new EquivocationProof(offender.peerId(), offender.publicKeyHex(), List.of(Sha256.of(evidence)), 0,
                Base64.getEncoder().encodeToString(evidence)));
        assertFalse(state.banned(offender.peerId()));
        assertEquals(List.of(), state.bans());
        assertEquals(List.of(), state.takeNewBans());

        Equivocation real = smallFork(6); // a real proof later still bans
        real.proof().forEach(this::add);
        assertEquals(List.of(new BanView(offender.peerId(), 6)), state.bans());
    }

    @Test
    void proofsAgainstTwoPeersBanBothInTheOrderTheyCompleted() {
        PeerIdentity second = PeerIdentity.generate();
        Event a = Event.sign(second.peerId(), 2, sha("previous"), 2, search("x", 1, 1, false), second);
        Event b = Event.sign(second.peerId(), 2, sha("previous"), 2, search("y", 1, 1, false), second);
        Equivocation other = Equivocation.between(a, b, second.publicKey()).orElseThrow();
        Equivocation mine = smallFork(8);
        other.proof().forEach(this::add);
        mine.proof().forEach(this::add);
        assertEquals(List.of(other, mine), state.takeNewBans());
        assertEquals(2, state.bans().size());
        assertTrue(state.banned(second.peerId()));
        assertFalse(state.banned(witness.id()), "publishing a proof bans nobody but the offender");
    }

    @Test
    void aBanTakesTheOffendersFactsOutOfViewsAlreadyRead() {
        Fixtures.Chain offenderChain = new Fixtures.Chain(offender);
        add(search("s", 1, 1, false));
        state.apply(offenderChain.next(++lamport, announce(offender, machine("o"), 2)));
        state.apply(offenderChain.next(++lamport, Fixtures.dataset()));
        add(lease("s", 0, offender.peerId(), 1));
        state.apply(offenderChain.next(++lamport, checkpoint("s", 0, 4, sha("offender-cp"))));
        state.apply(offenderChain.next(++lamport, new UnitFailed("s", 0, "boom")));
        StrategyId reported = offenderChain.nextStrategyId();
        state.apply(offenderChain.next(++lamport, report("s", 0, sha("t"))));
        // every view is read, and so remembered, before the proof arrives
        assertEquals(UnitStatus.DONE, state.unit("s", 0).orElseThrow().status(), "quorum 1: its report decides");
        assertEquals(SearchStatus.DONE, state.search("s").orElseThrow().status());
        assertEquals(List.of(offender.peerId()), state.dataset(Fixtures.DATASET).orElseThrow().publishers());
        assertEquals(1, state.leaseEpochs().top());
        assertEquals(1, state.checkpointsNaming(sha("offender-cp")).size());
        assertEquals(1, state.unit("s", 0).orElseThrow().failures().size());

        smallFork(50).proof().forEach(this::add);
        UnitView unit = state.unit("s", 0).orElseThrow();
        assertEquals(UnitStatus.OPEN, unit.status());
        assertEquals(List.of(), unit.leases(), "the lease it held counts nowhere");
        assertEquals(List.of(), unit.reports());
        assertEquals(List.of(), unit.failures());
        assertEquals(List.of(), unit.checkpoints());
        assertEquals(List.of(), state.checkpointsNaming(sha("offender-cp")), "no checkpoint names its blob any more");
        assertTrue(state.obsoleteCheckpointBlobs(blob -> true).isEmpty(), "nor is its blob one to delete");
        assertEquals(SearchStatus.SUBMITTED, state.search("s").orElseThrow().status());
        assertTrue(state.strategy(reported).isEmpty());
        assertTrue(state.dataset(Fixtures.DATASET).isEmpty(), "nobody else offers the dataset");
        assertTrue(state.peer(offender.peerId()).isEmpty());
        assertEquals(0, state.leaseEpochs().top());
    }

    private static DatasetPublished dataset(String variant) {
        return new DatasetPublished(Fixtures.DATASET, "dataset " + variant, "BTC-USD", 300, 30_000, 1_440_000,
                IntStream.range(0, DatasetPublished.MAX_CHUNKS).mapToObj(i -> sha(variant + i)).toList());
    }
}
