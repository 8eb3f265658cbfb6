package io.strategyminer.ledger;

import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.ApplyResult.Status;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.RejectReason;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.ledger.state.LedgerState;
import io.strategyminer.ledger.state.StateSnapshot;
import io.strategyminer.ledger.store.ChainHead;
import io.strategyminer.ledger.store.MemoryLedgerStore;
import io.strategyminer.ledger.store.RocksLedgerStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    private final Scenario scenario = Scenario.get();
    private final PeerIdentity me = PeerIdentity.generate();

    @TempDir
    Path dir;

    private static StateSnapshot fold(List<Event> events) {
        LedgerState state = new LedgerState();
        events.forEach(state::apply);
        return state.snapshot();
    }

    private Event eventOf(Fixtures.Chain chain, int sequence) {
        return scenario.events.stream().filter(e -> e.origin().equals(chain.id()) && e.sequence() == sequence)
                .findFirst().orElseThrow();
    }

    @Test
    void localAppendsChainSignAndSurviveReopening() {
        Event announce;
        Event search;
        try (Ledger ledger = Ledger.open(dir, me)) {
            announce = ledger.append(Fixtures.announce(me, Scenario.M1, 2));
            search = ledger.append(Fixtures.search("local", 2, 1, false));
            assertEquals(1, announce.sequence());
            assertEquals(2, search.sequence());
            assertEquals(announce.hash(), search.previous());
            assertTrue(search.lamport() > announce.lamport());
            assertTrue(search.signedBy(me.publicKey()));
        }
        try (Ledger reopened = Ledger.open(dir, me)) {
            assertEquals(VersionVector.of(Map.of(me.peerId(), 2L)), reopened.versionVector());
            assertEquals(fold(List.of(announce, search)), reopened.read(LedgerState::snapshot));
            assertEquals(Optional.of(search), reopened.event(me.peerId(), 2));
            Event third = reopened.append(Fixtures.lease("local", 0, me.peerId(), 1));
            assertEquals(3, third.sequence());
            assertEquals(search.hash(), third.previous());
        }
    }

    @Test
    void theFirstLocalEventMustAnnounceThisPeersOwnKey() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            assertThrows(IllegalStateException.class, () -> ledger.append(Fixtures.search("s", 1, 1, false)));
            assertThrows(IllegalArgumentException.class,
                    () -> ledger.append(Fixtures.announce(PeerIdentity.generate(), Scenario.M1, 2)));
            assertEquals(VersionVector.EMPTY, ledger.versionVector());
        }
    }

    @Test
    void aLedgerBelongsToOnePeer() {
        Ledger.open(dir, me).close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Ledger.open(dir, PeerIdentity.generate()));
        assertTrue(e.getMessage().contains(me.peerId().hex()), e.getMessage());
    }

    @Test
    void liveEventsAheadOfTheirChainAreHeldUntilTheGapFills() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            Event bob1 = eventOf(scenario.bob, 1);
            Event bob2 = eventOf(scenario.bob, 2);
            Event bob3 = eventOf(scenario.bob, 3);

            ApplyResult held = ledger.apply(bob3);
            assertEquals(Status.HELD, held.status());
            assertEquals(Optional.of(new Gap(scenario.bob.id(), 1, 2)), held.gap());
            assertEquals(List.of(new Gap(scenario.bob.id(), 1, 2)), ledger.gaps());
            assertEquals(Status.DUPLICATE, ledger.apply(bob3).status(), "already held");
            assertEquals(VersionVector.EMPTY, ledger.versionVector());

            assertEquals(Status.HELD, ledger.apply(bob2).status());
            assertEquals(List.of(new Gap(scenario.bob.id(), 1, 1)), ledger.gaps());
            ApplyResult filled = ledger.apply(bob1);
            assertEquals(Status.APPLIED, filled.status());
            assertEquals(List.of(bob1, bob2, bob3), filled.applied());
            assertEquals(3, ledger.versionVector().get(scenario.bob.id()));
            assertEquals(List.of(), ledger.gaps());
            assertEquals(0, ledger.stats().pending());
            assertEquals(Status.DUPLICATE, ledger.apply(bob2).status());
        }
    }

    @Test
    void aFullPendingBufferDropsNewArrivalsAndStillReportsTheGap() {
        try (Ledger ledger = Ledger.open(RocksLedgerStore.open(dir), me, 1, 1 << 20)) {
            assertEquals(Status.HELD, ledger.apply(eventOf(scenario.bob, 2)).status());
            ApplyResult dropped = ledger.apply(eventOf(scenario.carol, 2));
            assertEquals(Status.DROPPED, dropped.status());
            assertEquals(Optional.of(new Gap(scenario.carol.id(), 1, 1)), dropped.gap());
            assertEquals(1, ledger.stats().pending());
        }
    }

    @Test
    void aHeldEventIsVerifiedAtOnceWhenItsOriginsKeyIsKnown() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            ledger.apply(eventOf(scenario.alice, 1));
            Fixtures.Chain impostor = new Fixtures.Chain(scenario.bob.identity());
            Event forged = Event.sign(scenario.alice.id(), 5, sha("anything"), 50, Fixtures.dataset(),
                    impostor.identity());
            ApplyResult result = ledger.apply(forged);
            assertEquals(Status.REJECTED, result.status());
            assertEquals(Optional.of(RejectReason.BAD_SIGNATURE), result.reason());
            assertEquals(0, ledger.stats().pending());
        }
    }

    @Test
    void aDifferentEventUnderAStoredSequenceIsAConflict() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            Event alice1 = eventOf(scenario.alice, 1);
            ledger.apply(alice1);
            ledger.apply(eventOf(scenario.alice, 2));
            Event rival = Event.sign(scenario.alice.id(), 2, alice1.hash(), 99, Fixtures.search("rival", 1, 1, false),
                    scenario.alice.identity());
            ApplyResult result = ledger.apply(rival);
            assertEquals(Optional.of(RejectReason.CONFLICT), result.reason());
            assertEquals(1L, ledger.stats().rejected().get(RejectReason.CONFLICT));
        }
    }

    @Test
    void rejectionsAreCountedPerReasonAndSurviveReopening() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            assertEquals(Optional.of(RejectReason.MALFORMED), ledger.apply(new byte[3]).reason());
            assertEquals(Optional.of(RejectReason.MALFORMED), ledger.apply(new byte[300]).reason());
            assertEquals(Status.HELD, ledger.apply(eventOf(scenario.alice, 2)).status(),
                    "an event whose origin is not announced yet is held, not refused");
        }
        try (Ledger reopened = Ledger.open(dir, me)) {
            assertEquals(Map.of(RejectReason.MALFORMED, 2L), reopened.stats().rejected());
        }
    }

    @Test
    void listenersSeeEveryStoredEventInStorageOrder() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            List<String> seen = new ArrayList<>();
            LedgerListener.Subscription subscription = ledger.subscribe(
                    (event, local) -> seen.add(event.origin().shortHex() + "#" + event.sequence() + (local ? "L" : "R")));
            Event own = ledger.append(Fixtures.announce(me, Scenario.M2, 1));
            ledger.apply(eventOf(scenario.bob, 2));
            ledger.apply(eventOf(scenario.bob, 1));
            subscription.close();
            ledger.apply(eventOf(scenario.bob, 3));
            String bob = scenario.bob.id().shortHex();
            assertEquals(List.of(own.origin().shortHex() + "#1L", bob + "#1R", bob + "#2R"), seen);
        }
    }

    @Test
    void blobsAreContentAddressedAndCheckedWhenReceived() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            byte[] content = "checkpoint bytes".getBytes(StandardCharsets.UTF_8);
            Sha256 hash = ledger.putBlob(content);
            assertEquals(Sha256.of(content), hash);
            assertArrayEquals(content, ledger.blob(hash).orElseThrow());
            assertTrue(ledger.hasBlob(hash));
            assertEquals(BlobRefusal.MISNAMED, ledger.offerBlob(sha("other"), content, "a peer").refusal().orElseThrow());
            assertFalse(ledger.hasBlob(sha("other")));
            assertThrows(IllegalArgumentException.class, () -> ledger.putBlob(new byte[0]));
        }
    }

    @Test
    void pruningDropsObsoleteCheckpointBlobsAndLeavesStateAndChainsIntact() {
        StateSnapshot before;
        try (Ledger ledger = Ledger.open(dir, me)) {
            for (String blob : List.of("bob-cp-5", "bob-cp-10", "dave-cp-3")) {
                ledger.putBlob(blob.getBytes(StandardCharsets.UTF_8));
            }
            ledger.applyBatch(scenario.events);
            before = ledger.read(LedgerState::snapshot);
            assertEquals(new Ledger.Pruned(0, 0), ledger.pruneCheckpoints(), "blobs stored since the last prune are spared once");
            Ledger.Pruned pruned = ledger.pruneCheckpoints();
            assertEquals(2, pruned.blobs());
            assertEquals("bob-cp-5".length() + "bob-cp-10".length(), pruned.bytes());
            assertFalse(ledger.hasBlob(sha("bob-cp-5")));
            assertFalse(ledger.hasBlob(sha("bob-cp-10")));
            assertTrue(ledger.hasBlob(sha("dave-cp-3")), "the latest checkpoint of an unfinished unit stays");
            assertEquals(before, ledger.read(LedgerState::snapshot));
            assertEquals(new Ledger.Pruned(0, 0), ledger.pruneCheckpoints());
        }
        try (Ledger reopened = Ledger.open(dir, me)) {
            assertEquals(before, reopened.read(LedgerState::snapshot));
        }
    }

    @Test
    void aBatchIsStoredPerOriginRunAndHeldBeyondAGap() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            List<Event> batch = new ArrayList<>(scenario.events);
            Event carol2 = eventOf(scenario.carol, 2);
            batch.remove(carol2);
            BatchResult result = ledger.applyBatch(batch);
            assertEquals(List.of(new Gap(scenario.carol.id(), 2, 2)), result.gaps());
            long carolEvents = scenario.events.stream().filter(e -> e.origin().equals(scenario.carol.id())).count();
            assertEquals(carolEvents - 2, result.held());
            assertEquals(scenario.events.size() - carolEvents + 1, result.applied().size());
            assertEquals(1, ledger.versionVector().get(scenario.carol.id()));

            BatchResult filled = ledger.applyBatch(List.of(carol2));
            assertEquals(carolEvents - 1, filled.applied().size());
            assertEquals(fold(scenario.events), ledger.read(LedgerState::snapshot));
            assertEquals(scenario.events.size(), ledger.applyBatch(scenario.events).duplicates());
        }
    }

    @Test
    void deltaBatchesAreBoundedAndInChainOrder() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            ledger.applyBatch(scenario.events);
            VersionVector theirs = VersionVector.of(Map.of(scenario.alice.id(), 3L, scenario.bob.id(), 99L));
            List<Event> received = new ArrayList<>();
            try (DeltaCursor delta = ledger.delta(theirs, 3, 1 << 20)) {
                long expected = scenario.events.stream().filter(e -> e.sequence() > theirs.get(e.origin())).count();
                assertEquals(expected, delta.total());
                while (delta.hasNext()) {
                    List<Event> batch = delta.next();
                    assertTrue(batch.size() <= 3);
                    received.addAll(batch);
                }
            }
            List<Event> expected = new ArrayList<>(scenario.events);
            expected.removeIf(e -> e.sequence() <= theirs.get(e.origin()));
            expected.sort(java.util.Comparator.comparing(Event::origin).thenComparingLong(Event::sequence));
            assertEquals(expected, received);
        }
    }

    @Test
    void aStoreWhoseEventsDoNotChainIsRefusedAtOpening() {
        try (RocksLedgerStore store = RocksLedgerStore.open(dir)) {
            store.recordOwner(me.peerId());
            Event alice1 = eventOf(scenario.alice, 1);
            Event alice3 = eventOf(scenario.alice, 3);
            store.append(List.of(alice1, alice3), Map.of(alice3.origin(), ChainHead.of(alice3)), true);
        }
        LedgerCorruptedException e = assertThrows(LedgerCorruptedException.class, () -> Ledger.open(dir, me));
        assertTrue(e.getMessage().contains("follows event 1"), e.getMessage());
    }

    @Test
    void recordedHeadsMustMatchTheStoredEvents() {
        try (RocksLedgerStore store = RocksLedgerStore.open(dir)) {
            Event alice1 = eventOf(scenario.alice, 1);
            Event alice2 = eventOf(scenario.alice, 2);
            store.append(List.of(alice1), Map.of(alice1.origin(), ChainHead.of(alice2)), true);
        }
        assertThrows(LedgerCorruptedException.class, () -> Ledger.open(dir, me));
    }

    @Test
    void aPeerThatLostItsDiskRecoversItsOwnChainFromOthersBeforeAppending() {
        List<Event> mine = new ArrayList<>();
        try (Ledger original = Ledger.open(dir.resolve("lost"), me)) {
            mine.add(original.append(Fixtures.announce(me, Scenario.M1, 2)));
            mine.add(original.append(Fixtures.dataset()));
        }
        try (Ledger restored = Ledger.open(dir.resolve("new-disk"), me)) {
            assertEquals(mine.size(), restored.applyBatch(mine).applied().size());
            Event next = restored.append(Fixtures.search("after", 1, 1, false));
            assertEquals(3, next.sequence());
            assertEquals(mine.get(1).hash(), next.previous());
        }
    }

    @Test
    void deltaBatchesRespectTheByteBound() {
        try (Ledger ledger = Ledger.open(dir, me)) {
            ledger.applyBatch(scenario.events);
            int largest = scenario.events.stream().mapToInt(Event::size).max().orElseThrow();
            try (DeltaCursor delta = ledger.delta(VersionVector.EMPTY, 1000, 1)) {
                int batches = 0;
                while (delta.hasNext()) {
                    assertEquals(1, delta.next().size(), "a batch always holds at least one event");
                    batches++;
                }
                assertEquals(scenario.events.size(), batches);
            }
            try (DeltaCursor delta = ledger.delta(VersionVector.EMPTY, 1000, 2L * largest)) {
                List<Event> batch = delta.next();
                assertTrue(batch.stream().mapToLong(Event::size).sum() <= 3L * largest);
                assertTrue(batch.size() > 1);
            }
        }
    }

    @Test
    void theInMemoryStoreBehavesLikeRocksDb() {
        try (Ledger rocks = Ledger.open(dir, me); Ledger memory = Ledger.open(new MemoryLedgerStore(), me)) {
            for (Ledger ledger : List.of(rocks, memory)) {
                ledger.append(Fixtures.announce(me, Scenario.M3, 1));
                scenario.events.forEach(ledger::apply);
            }
            assertEquals(rocks.versionVector(), memory.versionVector());
            assertEquals(rocks.read(LedgerState::snapshot), memory.read(LedgerState::snapshot));
            try (DeltaCursor a = rocks.delta(VersionVector.EMPTY); DeltaCursor b = memory.delta(VersionVector.EMPTY)) {
                List<Event> fromRocks = a.next();
                List<Event> fromMemory = b.next();
                assertEquals(fromRocks, fromMemory, "the same events, decoded from RocksDB or kept in memory");
                Event applied = scenario.events.get(0);
                assertTrue(fromMemory.stream().anyMatch(e -> e == applied),
                        "the memory store hands out the event objects it was given, not copies");
            }
            assertArrayEquals(rocks.event(scenario.alice.id(), 1).orElseThrow().encoded(),
                    memory.event(scenario.alice.id(), 1).orElseThrow().encoded());
        }
    }
}
