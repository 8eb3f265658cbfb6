package io.strategyminer.ledger.store;

import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.Scenario;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksLedgerStoreTest {
    private final Scenario scenario = Scenario.get();

    @TempDir
    Path dir;

    private static Map<PeerId, ChainHead> headsOf(List<Event> events) {
        Map<PeerId, ChainHead> heads = new TreeMap<>();
        events.forEach(e -> heads.put(e.origin(), ChainHead.of(e)));
        return heads;
    }

    @Test
    void eventsHeadsBlobsAndCountersSurviveReopening() {
        try (RocksLedgerStore store = RocksLedgerStore.open(dir)) {
            store.append(scenario.events, headsOf(scenario.events), true);
            store.putBlob(sha("x"), new byte[] {1, 2, 3});
            store.putCounters(Map.of("rejected.MALFORMED", 7L));
            store.recordOwner(scenario.alice.id());
        }
        try (RocksLedgerStore store = RocksLedgerStore.open(dir)) {
            assertEquals(headsOf(scenario.events), store.heads());
            Event bob2 = scenario.events.stream().filter(e -> e.origin().equals(scenario.bob.id())
                    && e.sequence() == 2).findFirst().orElseThrow();
            assertArrayEquals(bob2.encoded(), store.event(scenario.bob.id(), 2).orElseThrow());
            assertEquals(Optional.empty(), store.event(scenario.bob.id(), 99));
            assertArrayEquals(new byte[] {1, 2, 3}, store.blob(sha("x")).orElseThrow());
            assertEquals(Map.of("rejected.MALFORMED", 7L), store.counters());
            assertEquals(Optional.of(scenario.alice.id()), store.owner());
            assertEquals(3, store.deleteBlobs(List.of(sha("x"), sha("absent"))));
            assertFalse(store.hasBlob(sha("x")));
            assertTrue(store.sizeBytes() > 0);
        }
    }

    @Test
    void scansVisitOneOriginsRangeInSequenceOrderAndEverythingInKeyOrder() {
        try (RocksLedgerStore store = RocksLedgerStore.open(dir)) {
            store.append(scenario.events, headsOf(scenario.events), false);
            List<Long> sequences = new ArrayList<>();
            try (LedgerStore.Scan scan = store.scan(scenario.alice.id(), 2, 4)) {
                scan.forEachRemaining(bytes -> sequences.add(decode(bytes).sequence()));
            }
            assertEquals(List.of(2L, 3L, 4L), sequences);
            List<Event> all = new ArrayList<>();
            try (LedgerStore.Scan scan = store.scanAll()) {
                scan.forEachRemaining(bytes -> all.add(decode(bytes)));
            }
            List<Event> expected = new ArrayList<>(scenario.events);
            expected.sort(java.util.Comparator.comparing(Event::origin).thenComparingLong(Event::sequence));
            assertEquals(expected, all);
        }
    }

    @Test
    void aScanInterruptedByClosingFailsInsteadOfLookingFinished() {
        RocksLedgerStore store = RocksLedgerStore.open(dir);
        store.append(scenario.events, headsOf(scenario.events), false);
        LedgerStore.Scan scan = store.scanAll();
        scan.next();
        store.close();
        assertThrows(StoreException.class, scan::hasNext);
        assertThrows(StoreException.class, () -> store.event(scenario.bob.id(), 1));
        scan.close();
        store.close();
    }

    private static Event decode(byte[] bytes) {
        try {
            return Event.decode(bytes);
        } catch (io.strategyminer.ledger.event.InvalidEventException e) {
            throw new AssertionError(e);
        }
    }
}
