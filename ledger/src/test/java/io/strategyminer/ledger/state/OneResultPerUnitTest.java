package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.announce;
import static io.strategyminer.ledger.Fixtures.digest;
import static io.strategyminer.ledger.Fixtures.machine;
import static io.strategyminer.ledger.Fixtures.report;
import static io.strategyminer.ledger.Fixtures.search;
import static io.strategyminer.ledger.Fixtures.sha;
import static io.strategyminer.ledger.Fixtures.verification;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.Scenario;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A unit has one result. Two reports of it can both reach the quorum (a speculative copy, or the two sides of a
 * partition each verifying their own), and a report can lose the race to a canonical one by milliseconds and never
 * get the verifications it waits for: the earliest canonical report is the unit's result, and every other report that
 * is not known wrong is SUPERSEDED — whatever order the events arrive in.
 */
class OneResultPerUnitTest {
    private static final String SEARCH = "one-result";
    private final Fixtures.Chain alice = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain bob = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain carol = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain dave = new Fixtures.Chain(PeerIdentity.generate());
    private final List<Event> events = new ArrayList<>();
    private final StrategyId first;
    private final StrategyId copy;
    private final StrategyId late;
    private final StrategyId wrong;
    private long lamport;

    OneResultPerUnitTest() {
        add(alice, announce(alice.identity(), machine("m-alice"), 2));
        add(bob, announce(bob.identity(), machine("m-bob"), 2));
        add(carol, announce(carol.identity(), machine("m-carol"), 2));
        add(dave, announce(dave.identity(), machine("m-dave"), 2));
        add(alice, search(SEARCH, 2, 2, false));
        first = bob.nextStrategyId();
        add(bob, report(SEARCH, 0, sha("trades-A")));
        copy = carol.nextStrategyId(); // the speculative copy: same result, later
        add(carol, report(SEARCH, 0, sha("trades-A")));
        late = dave.nextStrategyId(); // lost the race: nobody verifies it any more
        add(dave, report(SEARCH, 0, sha("trades-A")));
        add(alice, verification(first, digest(sha("trades-A"))));
        add(alice, verification(copy, digest(sha("trades-A"))));
        wrong = dave.nextStrategyId(); // outvoted on unit 1: wrong, not superseded
        add(dave, report(SEARCH, 1, sha("trades-bad")));
        add(alice, verification(wrong, digest(sha("trades-B"))));
        add(bob, verification(wrong, digest(sha("trades-B"))));
    }

    private void add(Fixtures.Chain chain, Payload payload) {
        events.add(chain.next(++lamport, payload));
    }

    private static LedgerState fold(List<Event> events) {
        LedgerState state = new LedgerState();
        events.forEach(state::apply);
        return state;
    }

    @Test
    void theEarliestCanonicalReportIsTheUnitsOneResultAndTheOthersAreSuperseded() {
        LedgerState state = fold(events);
        UnitView unit = state.unit(SEARCH, 0).orElseThrow();
        assertEquals(UnitStatus.DONE, unit.status());
        assertEquals(first, unit.canonical().orElseThrow());
        assertEquals(Map.of(first, StrategyStatus.CANONICAL, copy, StrategyStatus.SUPERSEDED,
                late, StrategyStatus.SUPERSEDED, wrong, StrategyStatus.INVALID), statuses(state));
        assertEquals(StrategyStatus.SUPERSEDED, state.strategy(copy).orElseThrow().status(),
                "a strategy read alone says what the unit's list says");
        assertEquals(2, state.strategy(copy).orElseThrow().verdict().tallies().get(0).independent(),
                "a superseded report keeps its votes");
    }

    @Test
    void beforeTheUnitHasAResultNothingIsSuperseded() {
        List<Event> before = events.subList(0, 8); // announcements, search, three reports: no verification yet
        assertEquals(Map.of(first, StrategyStatus.PENDING, copy, StrategyStatus.PENDING, late, StrategyStatus.PENDING),
                statuses(fold(before)));
    }

    @Test
    void aReportThisPeerReRanWithAnotherDigestStaysInvalidRatherThanSuperseded() {
        LedgerState state = fold(events);
        state.requireOwnVerdicts();
        state.recordOwnDigest(first, digest(sha("trades-A")));
        state.recordOwnDigest(copy, digest(sha("trades-A")));
        state.recordOwnDigest(late, digest(sha("trades-C")));
        Map<StrategyId, StrategyStatus> statuses = statuses(state);
        assertEquals(StrategyStatus.CANONICAL, statuses.get(first));
        assertEquals(StrategyStatus.SUPERSEDED, statuses.get(copy));
        assertEquals(StrategyStatus.INVALID, statuses.get(late));
    }

    @Property(tries = 200)
    void everyDeliveryOrderGivesTheSameOneResult(@ForAll("deliveries") List<Integer> delivery) {
        LedgerState state = new LedgerState();
        delivery.forEach(i -> state.apply(events.get(i)));
        assertEquals(statuses(fold(events)), statuses(state));
        assertEquals(1, state.strategies().stream().filter(s -> s.status() == StrategyStatus.CANONICAL).count(),
                "as many canonical strategies as units with a result");
    }

    @Provide
    Arbitrary<List<Integer>> deliveries() {
        return Scenario.deliveries(events.size());
    }

    private static Map<StrategyId, StrategyStatus> statuses(LedgerState state) {
        TreeMap<StrategyId, StrategyStatus> out = new TreeMap<>();
        state.strategies().forEach(s -> out.put(s.id(), s.status()));
        return out;
    }
}
