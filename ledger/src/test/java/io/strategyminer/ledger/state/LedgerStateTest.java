package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.Scenario;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.LeaseKind;
import io.strategyminer.ledger.event.SearchSubmitted;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LedgerStateTest {
    private final Scenario scenario = Scenario.get();

    private static LedgerState fold(List<Event> events) {
        LedgerState state = new LedgerState();
        events.forEach(state::apply);
        return state;
    }

    @Test
    void foldsTheScenarioIntoTheExpectedReadModels() {
        LedgerState state = fold(scenario.events);

        assertEquals(4, state.peers().size());
        assertEquals(8, state.peer(scenario.dave.id()).orElseThrow().announced().cores(),
                "a peer is described by its latest announcement");
        assertEquals(List.of(scenario.alice.id()), state.datasets().get(0).publishers());

        SearchView search = state.search(Scenario.SEARCH).orElseThrow();
        assertEquals(scenario.alice.id(), search.submitted().origin(), "the earliest submission of an id wins");
        assertEquals(3, search.units().size());
        assertEquals(SearchStatus.RUNNING, search.status());
        assertEquals(1, search.unitsDone());

        UnitView unit0 = search.units().get(0);
        assertEquals(UnitStatus.DONE, unit0.status());
        assertEquals(scenario.bobReport, unit0.canonical().orElseThrow());
        assertEquals(scenario.bob.id(), unit0.currentLease().orElseThrow().lease().holder());
        assertEquals(2, unit0.leases().size());
        assertEquals(10, unit0.latestCheckpoint().orElseThrow().checkpoint().generation());
        StrategyView bob = unit0.reports().get(0);
        assertEquals(StrategyStatus.CANONICAL, bob.status());
        assertEquals(2, bob.verdict().tallies().get(0).independent(),
                "alice and bob share a machine: three voters, two independent");

        UnitView unit1 = search.units().get(1);
        StrategyView carol = unit1.reports().get(0);
        assertEquals(StrategyStatus.INVALID, carol.status());
        assertEquals(sha("digest-Z"), carol.verdict().canonicalDigest().orElseThrow());
        assertEquals(3, carol.verifications().size(), "every verification is listed, even an incomparable one");
        assertEquals(UnitStatus.LEASED, unit1.status(), "re-leased after its only report was outvoted");
        assertEquals(scenario.dave.id(), unit1.currentLease().orElseThrow().lease().holder());

        UnitView unit2 = search.units().get(2);
        assertEquals(UnitStatus.OPEN, unit2.status(), "its holder reported it failed: open to another peer");
        assertEquals(1, unit2.failures().size());
        assertTrue(unit2.failureReason().isEmpty(), "one failure is short of the search's quorum of 2");
        assertEquals(3, unit2.latestCheckpoint().orElseThrow().checkpoint().generation());

        assertTrue(state.search("s2").isEmpty());
        assertEquals(List.of(scenario.bobReport, scenario.carolReport).stream().sorted().toList(),
                state.strategies().stream().map(StrategyView::id).toList(),
                "only strategies of known searches and units are listed");
        assertEquals(List.of(), search.units().stream().flatMap(u -> u.reports().stream())
                .filter(r -> r.report().unit() >= 3).toList(), "a report for a unit the search lacks is not shown");
    }

    @Test
    void anOrphanReportAppearsOnceItsSearchArrives() {
        List<Event> withoutSearch = new ArrayList<>(scenario.events);
        withoutSearch.removeIf(event -> event.payload() instanceof SearchSubmitted);
        LedgerState state = fold(withoutSearch);
        assertTrue(state.search(Scenario.SEARCH).isEmpty());
        assertTrue(state.strategy(scenario.bobReport).isEmpty());

        state.apply(scenario.events.get(5));
        assertEquals(StrategyStatus.CANONICAL, state.strategy(scenario.bobReport).orElseThrow().status());
    }

    @Test
    void theLatestLeaseIsTheHighestEpochWhateverItsLamportTime() {
        LedgerState state = fold(scenario.events);
        UnitView unit1 = state.unit(Scenario.SEARCH, 1).orElseThrow();
        assertEquals(2, unit1.currentLease().orElseThrow().lease().epoch());
        assertEquals(List.of(1L, 2L), unit1.leases().stream().map(l -> l.lease().epoch()).toList());
        assertFalse(unit1.leases().stream().anyMatch(l -> l.lease().kind() == LeaseKind.VERIFY));
    }

    @Test
    void retentionDropsCheckpointsOfDoneUnitsAndKeepsTheLatestOfOthers() {
        Set<Sha256> obsolete = fold(scenario.events).obsoleteCheckpointBlobs(blob -> true);
        assertEquals(Set.of(sha("bob-cp-5"), sha("bob-cp-10")), obsolete);
    }

    @Property(tries = 300)
    void anyOrderAndAnyDuplicatesGiveTheSameState(@ForAll("deliveries") List<Integer> delivery) {
        List<Event> events = new ArrayList<>();
        delivery.forEach(i -> events.add(scenario.events.get(i)));
        assertEquals(fold(scenario.events).snapshot(), fold(events).snapshot());
    }

    /**
     * Read models are remembered between events: reading after every event of any delivery order
     * must give what a fresh fold of the same events gives (a stale remembered view would differ).
     */
    @Property(tries = 100)
    void readsBetweenEventsAreNeverStale(@ForAll("deliveries") List<Integer> delivery) {
        LedgerState reread = new LedgerState();
        List<Event> applied = new ArrayList<>();
        for (int i : delivery) {
            Event event = scenario.events.get(i);
            reread.apply(event);
            applied.add(event);
            assertEquals(fold(applied).snapshot(), reread.snapshot(), "after " + applied.size() + " events");
            assertEquals(fold(applied).strategies(), reread.strategies(), "after " + applied.size() + " events");
        }
    }

    /** Every event at least once, some several times, in a random order (even within one origin). */
    @Provide
    Arbitrary<List<Integer>> deliveries() {
        return Scenario.deliveries();
    }
}
