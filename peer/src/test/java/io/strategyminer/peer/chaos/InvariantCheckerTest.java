package io.strategyminer.peer.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The invariant checker on hand-made answers: silent on a healthy cluster, and catching each violation alone. */
class InvariantCheckerTest {
    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(32);
    private static final List<InvariantChecker.Expected> EXPECTED = List.of(
            new InvariantChecker.Expected("s1", List.of("d0", "d1")));

    /** Two units, each canonical with the one-machine digest, a PENDING-free finished search. */
    private static PeerSnapshot healthy(String name, String self) {
        List<PeerSnapshot.Strategy> strategies = List.of(
                new PeerSnapshot.Strategy(A + "-5", "s1", 0, "CANONICAL", "d0"),
                new PeerSnapshot.Strategy(B + "-7", "s1", 1, "CANONICAL", "d1"),
                new PeerSnapshot.Strategy(B + "-9", "s1", 1, "INVALID", "dx"));
        List<PeerSnapshot.Unit> units = List.of(
                new PeerSnapshot.Unit(0, "DONE", Optional.empty(), Optional.of(A + "-5"), Optional.of(20L)),
                new PeerSnapshot.Unit(1, "DONE", Optional.empty(), Optional.of(B + "-7"), Optional.of(30L)));
        return new PeerSnapshot(name, self, List.of(A, B), Optional.of(A),
                counts("SUBMITTED", 0, "RUNNING", 0, "DONE", 1), counts("OPEN", 0, "LEASED", 0, "DONE", 2),
                counts("PENDING", 0, "CANONICAL", 2, "INVALID", 1), 40, 0, true,
                List.of(new PeerSnapshot.Search("s1", "DONE", 2, units)),
                counts("PENDING", 0, "CANONICAL", 2, "INVALID", 1), strategies);
    }

    private static Map<String, Long> counts(Object... pairs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            counts.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
        }
        return counts;
    }

    private static List<PeerSnapshot> cluster() {
        return List.of(healthy("p0", A), healthy("p1", B));
    }

    /** The rules broken when the second peer's answer is changed by {@code change}. */
    private static List<String> rulesBrokenBy(UnaryOperator<PeerSnapshot> change) {
        List<PeerSnapshot> peers = new ArrayList<>(cluster());
        peers.set(1, change.apply(peers.get(1)));
        return InvariantChecker.check(2, EXPECTED, peers).stream().map(InvariantChecker.Violation::rule).distinct()
                .sorted().collect(Collectors.toList());
    }

    private static PeerSnapshot withStrategies(PeerSnapshot p, List<PeerSnapshot.Strategy> strategies,
                                               Map<String, Long> counts) {
        return new PeerSnapshot(p.name(), p.self(), p.view(), p.coordinator(), p.searchCounts(), p.unitCounts(), counts,
                p.ledgerEvents(), p.ledgerPending(), p.healthy(), p.searches(), counts, strategies);
    }

    private static PeerSnapshot withSearch(PeerSnapshot p, PeerSnapshot.Search search, Map<String, Long> searchCounts,
                                           Map<String, Long> unitCounts) {
        return new PeerSnapshot(p.name(), p.self(), p.view(), p.coordinator(), searchCounts, unitCounts,
                p.strategyCounts(), p.ledgerEvents(), p.ledgerPending(), p.healthy(), List.of(search), p.strategyTotals(),
                p.strategies());
    }

    @Test
    void aHealthyClusterBreaksNothing() {
        assertEquals(List.of(), InvariantChecker.check(2, EXPECTED, cluster()));
        assertEquals(List.of(), InvariantChecker.checkLedgers(List.of(
                new InvariantChecker.LedgerAudit("p0", Optional.empty(), Map.of(A, chain("a", 10), B, chain("b", 12))),
                new InvariantChecker.LedgerAudit("p1", Optional.empty(), Map.of(A, chain("a", 10), B, chain("b", 11)))),
                21), "an event signed as the peers stopped may not have reached every other peer");
    }

    @Test
    void aLostSearchIsCaught() {
        assertEquals(List.of(InvariantChecker.LOST), InvariantChecker.check(2, List.of(EXPECTED.get(0),
                new InvariantChecker.Expected("s2", List.of("d9"))), cluster()).stream()
                .map(InvariantChecker.Violation::rule).distinct().toList());
    }

    @Test
    void anUnfinishedSearchIsCaught() {
        assertEquals(List.of(InvariantChecker.NOT_DONE), rulesBrokenBy(p -> withSearch(p,
                new PeerSnapshot.Search("s1", "RUNNING", 2, p.searches().get(0).units()),
                counts("SUBMITTED", 0, "RUNNING", 1, "DONE", 0), p.unitCounts())));
    }

    @Test
    void aDigestOtherThanOneMachinesIsCaught() {
        List<InvariantChecker.Violation> found = InvariantChecker.check(2,
                List.of(new InvariantChecker.Expected("s1", List.of("d0", "d2"))), cluster());
        assertEquals(List.of(InvariantChecker.ONE_MACHINE), found.stream().map(InvariantChecker.Violation::rule)
                .distinct().toList());
    }

    @Test
    void differentCanonicalSetsAreCaught() {
        List<String> rules = rulesBrokenBy(p -> withStrategies(p, List.of(
                new PeerSnapshot.Strategy(A + "-5", "s1", 0, "CANONICAL", "d0"),
                new PeerSnapshot.Strategy(B + "-7", "s1", 1, "INVALID", "d1"),
                new PeerSnapshot.Strategy(B + "-9", "s1", 1, "CANONICAL", "d1")),
                counts("PENDING", 0, "CANONICAL", 2, "INVALID", 1)));
        assertTrue(rules.contains(InvariantChecker.SAME_CANONICAL), rules.toString());
    }

    @Test
    void twoCanonicalStrategiesOfOneUnitAreCaught() {
        List<String> rules = rulesBrokenBy(p -> withStrategies(p, List.of(
                new PeerSnapshot.Strategy(A + "-5", "s1", 0, "CANONICAL", "d0"),
                new PeerSnapshot.Strategy(B + "-7", "s1", 1, "CANONICAL", "d1"),
                new PeerSnapshot.Strategy(B + "-9", "s1", 1, "CANONICAL", "d1")),
                counts("PENDING", 0, "CANONICAL", 3, "INVALID", 0)));
        assertTrue(rules.contains(InvariantChecker.ONE_CANONICAL), rules.toString());
    }

    @Test
    void aPendingStrategyOfADoneSearchIsCaught() {
        List<String> rules = rulesBrokenBy(p -> withStrategies(p, List.of(
                new PeerSnapshot.Strategy(A + "-5", "s1", 0, "CANONICAL", "d0"),
                new PeerSnapshot.Strategy(B + "-7", "s1", 1, "CANONICAL", "d1"),
                new PeerSnapshot.Strategy(B + "-9", "s1", 1, "PENDING", "dx")),
                counts("PENDING", 1, "CANONICAL", 2, "INVALID", 0)));
        assertEquals(List.of(InvariantChecker.PENDING_AFTER_DONE), rules);
    }

    @Test
    void aUnitLeasedOutsideTheViewIsCaught() {
        String gone = "c".repeat(32);
        List<String> rules = rulesBrokenBy(p -> withSearch(p, new PeerSnapshot.Search("s1", "DONE", 2, List.of(
                new PeerSnapshot.Unit(0, "DONE", Optional.empty(), Optional.of(A + "-5"), Optional.empty()),
                new PeerSnapshot.Unit(1, "LEASED", Optional.of(gone), Optional.empty(), Optional.empty()))),
                p.searchCounts(), counts("OPEN", 0, "LEASED", 1, "DONE", 1)));
        assertTrue(rules.contains(InvariantChecker.LEASE_OUTSIDE_VIEW), rules.toString());
    }

    @Test
    void countsThatDisagreeWithTheListsAreCaught() {
        assertEquals(List.of(InvariantChecker.COUNTS), rulesBrokenBy(p -> new PeerSnapshot(p.name(), p.self(), p.view(),
                p.coordinator(), p.searchCounts(), p.unitCounts(), counts("PENDING", 0, "CANONICAL", 3, "INVALID", 1),
                p.ledgerEvents(), p.ledgerPending(), p.healthy(), p.searches(), p.strategyTotals(), p.strategies())));
        assertEquals(List.of(InvariantChecker.COUNTS), rulesBrokenBy(p -> new PeerSnapshot(p.name(), p.self(), p.view(),
                p.coordinator(), p.searchCounts(), p.unitCounts(), p.strategyCounts(), p.ledgerEvents(),
                p.ledgerPending(), p.healthy(), p.searches(), counts("PENDING", 0, "CANONICAL", 1, "INVALID", 1),
                p.strategies())));
    }

    @Test
    void splitViewsAndOtherCoordinatorsAreCaught() {
        assertEquals(List.of(InvariantChecker.ONE_VIEW), rulesBrokenBy(p -> new PeerSnapshot(p.name(), p.self(),
                List.of(B), Optional.of(B), p.searchCounts(), p.unitCounts(), p.strategyCounts(), p.ledgerEvents(),
                p.ledgerPending(), p.healthy(), p.searches(), p.strategyTotals(), p.strategies())));
        assertEquals(List.of(InvariantChecker.ONE_VIEW), rulesBrokenBy(p -> new PeerSnapshot(p.name(), p.self(),
                p.view(), Optional.of(B), p.searchCounts(), p.unitCounts(), p.strategyCounts(), p.ledgerEvents(),
                p.ledgerPending(), p.healthy(), p.searches(), p.strategyTotals(), p.strategies())));
    }

    @Test
    void unconvergedLedgersAndUnhealthyPeersAreCaught() {
        assertEquals(List.of(InvariantChecker.LEDGERS_CONVERGED), rulesBrokenBy(p -> new PeerSnapshot(p.name(),
                p.self(), p.view(), p.coordinator(), p.searchCounts(), p.unitCounts(), p.strategyCounts(), 39, 1,
                p.healthy(), p.searches(), p.strategyTotals(), p.strategies())));
        assertEquals(List.of(InvariantChecker.HEALTHY), rulesBrokenBy(p -> new PeerSnapshot(p.name(), p.self(),
                p.view(), p.coordinator(), p.searchCounts(), p.unitCounts(), p.strategyCounts(), p.ledgerEvents(),
                p.ledgerPending(), false, p.searches(), p.strategyTotals(), p.strategies())));
    }

    @Test
    void aMissingAnswerIsCaught() {
        assertEquals(List.of(InvariantChecker.UNANSWERED), InvariantChecker.check(2, EXPECTED,
                List.of(healthy("p0", A))).stream().map(InvariantChecker.Violation::rule).distinct().filter(
                InvariantChecker.UNANSWERED::equals).toList());
    }

    @Test
    void ledgersThatDoNotVerifyForkOrLoseEventsAreCaught() {
        List<String> forked = new ArrayList<>(chain("b", 12));
        forked.set(11, "another event 12");
        List<InvariantChecker.Violation> found = InvariantChecker.checkLedgers(List.of(
                new InvariantChecker.LedgerAudit("p0", Optional.empty(), Map.of(A, chain("a", 10), B, chain("b", 12))),
                new InvariantChecker.LedgerAudit("p1", Optional.empty(), Map.of(A, chain("a", 10), B, forked)),
                new InvariantChecker.LedgerAudit("p2", Optional.empty(), Map.of(A, chain("a", 9), B, chain("b", 11))),
                new InvariantChecker.LedgerAudit("p3", Optional.of("event 4 of aaaa has a bad signature"), Map.of())), 22);
        // p1 forked b's event 12 (p0 holds another); p2 lost events; p3 does not verify. p2's shorter chains are
        // prefixes of the others': no fork there.
        assertEquals(List.of(InvariantChecker.NOTHING_LOST, InvariantChecker.LEDGER_VERIFIES,
                InvariantChecker.ONE_HISTORY), found.stream().map(InvariantChecker.Violation::rule).sorted().toList());
    }

    /** The hashes of an origin's first {@code events} events (names standing for hashes). */
    private static List<String> chain(String origin, int events) {
        List<String> chain = new ArrayList<>();
        for (int i = 1; i <= events; i++) {
            chain.add(origin + "-" + i);
        }
        return chain;
    }
}
