package io.strategyminer.ledger;

import static io.strategyminer.ledger.Fixtures.announce;
import static io.strategyminer.ledger.Fixtures.lease;
import static io.strategyminer.ledger.Fixtures.search;
import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.ApplyResult.Status;
import io.strategyminer.ledger.event.DatasetPublished;
import io.strategyminer.ledger.event.Equivocation;
import io.strategyminer.ledger.event.EquivocationProof;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.BanView;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.StateSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member holding a key signs two versions of one event and shows one to each of two honest ledgers (real
 * RocksDB). Wherever a ledger sees both — live, in a catch-up batch, among held events, or through the chain tips
 * of a delta — it publishes the proof; both ban the offender, end with equal states and stop exchanging its events.
 */
class EquivocationTest {
    @TempDir
    Path dir;

    private final Fixtures.Chain x = new Fixtures.Chain(PeerIdentity.generate());
    private final List<Event> prefix = new ArrayList<>();
    private Ledger p;
    private Ledger q;

    @BeforeEach
    void twoHonestLedgersKnowTheMembersFirstEvents() {
        p = honest("p");
        q = honest("q");
        prefix.add(x.next(1, announce(x.identity(), Scenario.M3, 4)));
        prefix.add(x.next(2, search("by-x", 2, 1, false)));
        p.applyBatch(prefix);
        q.applyBatch(prefix);
        assertEquals(1, p.read(LedgerState::snapshot).searches().size());
    }

    @AfterEach
    void close() {
        p.close();
        q.close();
    }

    private Ledger honest(String name) {
        PeerIdentity identity = PeerIdentity.generate();
        Ledger ledger = Ledger.open(dir.resolve(name), identity);
        ledger.append(announce(identity, Scenario.M1, 2));
        return ledger;
    }

    /** The member's event at {@code sequence} after {@code previous}, signed by its key: any payload it likes. */
    private Event signed(long sequence, Event previous, Payload payload) {
        return Event.sign(x.id(), sequence, previous.hash(), previous.lamport() + 1, payload, x.identity());
    }

    private Event variant(String searchId) {
        return signed(3, prefix.get(1), search(searchId, 2, 1, false));
    }

    /** Streams what {@code to} lacks from {@code from}, as a sync session does; returns the events refused. */
    private static int sync(Ledger from, Ledger to) {
        int refused = 0;
        try (DeltaCursor delta = from.delta(to.versionVector(), to.chainTips(), 1_000, 1 << 20)) {
            while (delta.hasNext()) {
                refused += to.applyBatch(delta.next()).rejectedCount();
            }
        }
        return refused;
    }

    private int syncBothWays() {
        return sync(p, q) + sync(q, p);
    }

    private void assertBannedAndConverged(long forkSequence) {
        for (Ledger ledger : List.of(p, q)) {
            assertEquals(List.of(new BanView(x.id(), forkSequence)), ledger.read(LedgerState::bans), ledger.toString());
            assertTrue(ledger.<Boolean>read(state -> state.searches().isEmpty()), "none of the offender's events counts");
            assertTrue(ledger.<Boolean>read(state -> state.peer(x.id()).isEmpty()));
        }
        assertEquals(p.read(LedgerState::snapshot), q.read(LedgerState::snapshot));
        assertEquals(0, syncBothWays(), "repair no longer refuses anything: the offender's events are not sent");
        ApplyResult later = p.apply(signed(4, variant("variant-a"), lease("by-x", 0, x.id(), 9)));
        assertEquals(RejectReason.BANNED, later.reason().orElseThrow());
    }

    @Test
    void aLiveConflictIsProvenAndBothLedgersBanTheOffender() {
        Event a = variant("variant-a");
        Event b = variant("variant-b");
        assertEquals(Status.APPLIED, p.apply(a).status());
        assertEquals(Status.APPLIED, q.apply(b).status());

        ApplyResult conflict = q.apply(a);

        assertEquals(RejectReason.CONFLICT, conflict.reason().orElseThrow());
        assertTrue(q.<Boolean>read(state -> state.banned(x.id())), "q saw both versions and published the proof");
        assertFalse(p.<Boolean>read(state -> state.banned(x.id())));
        syncBothWays();
        assertBannedAndConverged(3);
        assertEquals(1, q.stats().rejected().get(RejectReason.CONFLICT));
    }

    @Test
    void aSuccessorThatDoesNotLinkInACatchUpBatchIsAProofAndRepairStopsFailing() {
        Event a = variant("variant-a");
        p.apply(a);
        p.apply(signed(4, a, lease("by-x", 0, x.id(), 1)));
        q.apply(variant("variant-b"));

        int refused = sync(p, q); // before: refused with BROKEN_CHAIN in every round, forever

        assertEquals(1, refused);
        assertEquals(1, q.stats().rejected().get(RejectReason.BROKEN_CHAIN));
        assertTrue(q.<Boolean>read(state -> state.banned(x.id())));
        syncBothWays();
        assertBannedAndConverged(3);
        assertEquals(1, q.stats().rejected().get(RejectReason.BROKEN_CHAIN), "no more BROKEN_CHAIN rounds");
    }

    @Test
    void twoVersionsAtTheSameSequenceAreFoundThroughTheChainTips() {
        p.apply(variant("variant-a"));
        q.apply(variant("variant-b"));
        try (DeltaCursor vectorsAlone = p.delta(q.versionVector(), 1_000, 1 << 20)) {
            vectorsAlone.forEachRemaining(batch -> assertTrue(batch.stream().noneMatch(e -> e.origin().equals(x.id())),
                    "both hold the member through sequence 3: vectors alone see no difference"));
        }

        sync(p, q);

        assertTrue(q.<Boolean>read(state -> state.banned(x.id())));
        syncBothWays();
        assertBannedAndConverged(3);
    }

    @Test
    void aProofOfTwoLargeEventsTravelsInPartsAndStillBans() {
        // two dataset offers of 1,024 chunk hashes each: about 70 KiB of payload per version
        Event a = signed(3, prefix.get(1), dataset("a"));
        Event b = signed(3, prefix.get(1), dataset("b"));
        assertTrue(a.size() > 65_000, "an event of " + a.size() + " bytes");
        Equivocation proof = Equivocation.between(a, b, x.identity().publicKey()).orElseThrow();
        assertEquals(3, proof.proof().size(), "the evidence needs three parts");
        p.apply(a);
        q.apply(b);

        q.apply(a);
        syncBothWays();

        assertBannedAndConverged(3);
    }

    @Test
    void aSecondVersionOfAHeldEventIsAProof() {
        Event a = signed(4, variant("seq-3"), lease("by-x", 0, x.id(), 1));
        Event b = signed(4, variant("seq-3"), lease("by-x", 1, x.id(), 1));
        assertEquals(Status.HELD, p.apply(a).status());

        p.apply(b);

        assertTrue(p.<Boolean>read(state -> state.banned(x.id())));
        assertEquals(0, p.stats().pending(), "the offender's held events are dropped");
    }

    @Test
    void eventsThatDoNotConflictOrAreNotSignedByTheOffenderProveNothing() {
        Event a = variant("variant-a");
        Event next = signed(4, a, lease("by-x", 0, x.id(), 1));
        assertTrue(Equivocation.between(a, next, x.identity().publicKey()).isEmpty(), "a linked successor");
        assertTrue(Equivocation.between(a, a, x.identity().publicKey()).isEmpty(), "the same event twice");
        PeerIdentity stranger = PeerIdentity.generate();
        Event forged = Event.sign(x.id(), 3, prefix.get(1).hash(), 3, search("forged", 2, 1, false), stranger);
        assertTrue(Equivocation.between(a, forged, x.identity().publicKey()).isEmpty(), "a forged version");

        // a well-formed proof whose evidence is the linked pair: complete, assembled, and no ban
        byte[] linked = concat(a, next);
        LedgerState state = new LedgerState();
        Fixtures.Chain reporter = new Fixtures.Chain(PeerIdentity.generate());
        state.apply(reporter.next(1, announce(reporter.identity(), Scenario.M2, 1)));
        state.apply(reporter.next(2, part(x, linked)));
        assertFalse(state.banned(x.id()));
        assertTrue(state.bans().isEmpty());
    }

    @Test
    void theBanDoesNotDependOnWhenTheProofArrives() {
        Event a = variant("variant-a");
        Event b = variant("variant-b");
        Equivocation proof = Equivocation.between(a, b, x.identity().publicKey()).orElseThrow();
        Fixtures.Chain reporter = new Fixtures.Chain(PeerIdentity.generate());
        List<Event> reporterEvents = new ArrayList<>();
        reporterEvents.add(reporter.next(10, announce(reporter.identity(), Scenario.M2, 1)));
        proof.proof().forEach(part -> reporterEvents.add(reporter.next(11 + reporterEvents.size(), part)));

        List<Event> all = new ArrayList<>(prefix);
        all.add(a);
        all.addAll(reporterEvents);
        StateSnapshot proofLast = fold(all);
        List<Event> proofFirst = new ArrayList<>(reporterEvents);
        proofFirst.addAll(prefix);
        proofFirst.add(a);

        assertEquals(proofLast, fold(proofFirst));
        assertEquals(fold(reporterEvents), proofLast, "as if the offender's events had never arrived");
    }

    private static StateSnapshot fold(List<Event> events) {
        LedgerState state = new LedgerState();
        events.forEach(state::apply);
        return state.snapshot();
    }

    private static DatasetPublished dataset(String variant) {
        return new DatasetPublished(Fixtures.DATASET, "dataset " + variant, "BTC-USD", 300, 30_000, 1_440_000,
                IntStream.range(0, DatasetPublished.MAX_CHUNKS).mapToObj(i -> sha(variant + i)).toList());
    }

    private static String hex(Fixtures.Chain chain) {
        return chain.identity().publicKeyHex();
    }

    private static byte[] concat(Event first, Event second) {
        return java.nio.ByteBuffer.allocate(8 + first.size() + second.size()).putInt(first.size())
                .put(first.encoded()).putInt(second.size()).put(second.encoded()).array();
    }

    /** A one-part proof carrying {@code evidence} as it is. */
    private static EquivocationProof part(Fixtures.Chain offender, byte[] evidence) {
        return new EquivocationProof(offender.id(), hex(offender), List.of(Sha256.of(evidence)), 0,
                java.util.Base64.getEncoder().encodeToString(evidence));
    }
}
