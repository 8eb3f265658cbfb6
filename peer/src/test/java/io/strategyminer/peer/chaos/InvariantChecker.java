package io.strategyminer.peer.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The invariants a cluster must hold once a fault scenario is over, checked on what the peers answer on their own
 * HTTP APIs ({@link PeerSnapshot}) and, once they are stopped, on their ledgers ({@link LedgerAudit}). Pure: it takes
 * the answers and returns every violation found (empty: all hold), so that it is tested on hand-made answers too
 * ({@link InvariantCheckerTest}).
 */
final class InvariantChecker {
    /** One broken invariant: its rule (the constants below) and what was seen. */
    record Violation(String rule, String detail) {
        @Override
        public String toString() {
            return "[" + rule + "] " + detail;
        }
    }

    /** A search the cluster acknowledged (201 to its submission) and the digests one machine computes for its units. */
    record Expected(String searchId, List<String> digests) {
    }

    /**
     * One stopped peer's ledger, opened and verified by the harness.
     *
     * @param problem why it did not open or verify; empty if it did
     * @param chains  per origin peer id, the hash of each of its events held, by sequence from 1
     */
    record LedgerAudit(String name, Optional<String> problem, Map<String, List<String>> chains) {
        long events() {
            return chains.values().stream().mapToLong(List::size).sum();
        }
    }

    static final String UNANSWERED = "peer-answers";
    static final String LOST = "acknowledged-search-lost";
    static final String NOT_DONE = "search-completes";
    static final String ONE_MACHINE = "canonical-equals-one-machine";
    static final String SAME_CANONICAL = "identical-canonical-sets";
    static final String ONE_CANONICAL = "one-canonical-per-unit";
    static final String PENDING_AFTER_DONE = "no-pending-after-done";
    static final String LEASE_OUTSIDE_VIEW = "no-lease-outside-view";
    static final String COUNTS = "status-counts-equal-lists";
    static final String ONE_VIEW = "one-view-of-all";
    static final String LEDGERS_CONVERGED = "ledgers-converged";
    static final String HEALTHY = "peers-healthy";
    static final String LEDGER_VERIFIES = "ledger-opens-and-verifies";
    static final String ONE_HISTORY = "one-history-per-origin";
    static final String NOTHING_LOST = "ledger-keeps-what-was-agreed";

    private InvariantChecker() {
    }

    /**
     * Checks the answers of every peer of the cluster ({@code expectedPeers} of them) once the scenario is over:
     * every acknowledged search done everywhere with the one-machine digests, identical canonical sets, one
     * CANONICAL strategy per unit, nothing PENDING in a finished search, no unit leased outside the view, the status
     * counts equal to the lists, one view of everybody, converged ledgers.
     */
    static List<Violation> check(int expectedPeers, List<Expected> acknowledged, List<PeerSnapshot> peers) {
        List<Violation> found = new ArrayList<>();
        if (peers.size() != expectedPeers) {
            found.add(new Violation(UNANSWERED, "answers from " + peers.size() + " of " + expectedPeers + " peers"));
        }
        for (PeerSnapshot peer : peers) {
            checkSearches(peer, acknowledged, found);
            checkStrategies(peer, found);
            checkLeases(peer, found);
            checkCounts(peer, found);
            if (!peer.healthy()) {
                found.add(new Violation(HEALTHY, peer.name() + " reports itself unhealthy"));
            }
        }
        checkAgreement(expectedPeers, peers, found);
        return found;
    }

    private static void checkSearches(PeerSnapshot peer, List<Expected> acknowledged, List<Violation> found) {
        Map<String, PeerSnapshot.Strategy> byId = new TreeMap<>();
        peer.strategies().forEach(s -> byId.put(s.id(), s));
        for (Expected expected : acknowledged) {
            Optional<PeerSnapshot.Search> search = peer.search(expected.searchId());
            if (search.isEmpty()) {
                found.add(new Violation(LOST, peer.name() + " does not know the acknowledged search " + expected.searchId()));
                continue;
            }
            if (!search.get().status().equals("DONE")) {
                found.add(new Violation(NOT_DONE, peer.name() + ": search " + expected.searchId() + " is "
                        + search.get().status() + " (units " + search.get().units().stream()
                        .map(u -> u.unit() + ":" + u.status()).collect(Collectors.joining(" ")) + ")"));
                continue;
            }
            List<String> digests = new ArrayList<>();
            for (PeerSnapshot.Unit unit : search.get().units()) {
                digests.add(unit.canonical().map(byId::get).map(PeerSnapshot.Strategy::digest)
                        .orElse(unit.status() + " without a canonical strategy"));
            }
            if (!digests.equals(expected.digests())) {
                found.add(new Violation(ONE_MACHINE, peer.name() + ": search " + expected.searchId()
                        + " canonical digests " + shortList(digests) + ", one machine computes "
                        + shortList(expected.digests())));
            }
        }
    }

    private static void checkStrategies(PeerSnapshot peer, List<Violation> found) {
        Map<String, List<String>> canonicalPerUnit = new TreeMap<>();
        for (PeerSnapshot.Strategy s : peer.strategies()) {
            if (s.status().equals("CANONICAL")) {
                canonicalPerUnit.computeIfAbsent(s.searchId() + "/" + s.unit(), k -> new ArrayList<>()).add(s.id());
            }
            Optional<PeerSnapshot.Search> search = peer.search(s.searchId());
            if (s.status().equals("PENDING") && search.map(x -> x.status().equals("DONE")).orElse(false)) {
                found.add(new Violation(PENDING_AFTER_DONE, peer.name() + ": strategy " + s.id() + " (unit "
                        + s.searchId() + "/" + s.unit() + ") is PENDING although its search is DONE"));
            }
        }
        canonicalPerUnit.forEach((unit, ids) -> {
            if (ids.size() != 1) {
                found.add(new Violation(ONE_CANONICAL, peer.name() + ": unit " + unit + " has " + ids.size()
                        + " CANONICAL strategies " + ids));
            }
        });
        for (PeerSnapshot.Search search : peer.searches()) {
            for (PeerSnapshot.Unit unit : search.units()) {
                if (unit.status().equals("DONE") && !canonicalPerUnit.containsKey(search.id() + "/" + unit.unit())) {
                    found.add(new Violation(ONE_CANONICAL, peer.name() + ": unit " + search.id() + "/" + unit.unit()
                            + " is DONE without a CANONICAL strategy"));
                }
            }
        }
    }

    private static void checkLeases(PeerSnapshot peer, List<Violation> found) {
        for (PeerSnapshot.Search search : peer.searches()) {
            for (PeerSnapshot.Unit unit : search.units()) {
                if (unit.status().equals("LEASED") && unit.leaseHolder().isPresent()
                        && !peer.view().contains(unit.leaseHolder().get())) {
                    found.add(new Violation(LEASE_OUTSIDE_VIEW, peer.name() + ": unit " + search.id() + "/"
                            + unit.unit() + " is leased to " + shortId(unit.leaseHolder().get())
                            + ", outside its view " + peer.view().stream().map(InvariantChecker::shortId).toList()));
                }
            }
        }
    }

    private static void checkCounts(PeerSnapshot peer, List<Violation> found) {
        Map<String, Long> searches = new TreeMap<>();
        Map<String, Long> units = new TreeMap<>();
        for (PeerSnapshot.Search search : peer.searches()) {
            searches.merge(search.status(), 1L, Long::sum);
            search.units().forEach(u -> units.merge(u.status(), 1L, Long::sum));
        }
        Map<String, Long> strategies = new TreeMap<>();
        peer.strategies().forEach(s -> strategies.merge(s.status(), 1L, Long::sum));
        compareCounts(peer.name(), "searches", peer.searchCounts(), searches, "/api/searches", found);
        compareCounts(peer.name(), "units", peer.unitCounts(), units, "the units of /api/searches/{id}", found);
        compareCounts(peer.name(), "strategies", peer.strategyCounts(), strategies, "/api/strategies?status=all", found);
        compareCounts(peer.name(), "strategies", peer.strategyCounts(), peer.strategyTotals(),
                "the totals of /api/strategies?status=S", found);
    }

    private static void compareCounts(String peer, String what, Map<String, Long> status, Map<String, Long> listed,
                                      String list, List<Violation> found) {
        Set<String> keys = new TreeSet<>(status.keySet());
        keys.addAll(listed.keySet());
        for (String key : keys) {
            long a = status.getOrDefault(key, 0L);
            long b = listed.getOrDefault(key, 0L);
            if (a != b) {
                found.add(new Violation(COUNTS, peer + ": /api/status counts " + a + " " + what + " " + key + ", "
                        + list + " lists " + b));
            }
        }
    }

    private static void checkAgreement(int expectedPeers, List<PeerSnapshot> peers, List<Violation> found) {
        if (peers.isEmpty()) {
            return;
        }
        PeerSnapshot first = peers.get(0);
        Set<String> everybody = peers.stream().map(PeerSnapshot::self).collect(Collectors.toCollection(TreeSet::new));
        for (PeerSnapshot peer : peers) {
            if (peer.view().size() != expectedPeers || !new TreeSet<>(peer.view()).equals(everybody)) {
                found.add(new Violation(ONE_VIEW, peer.name() + " has the view " + peer.view().stream()
                        .map(InvariantChecker::shortId).toList() + ", not one of all " + expectedPeers + " peers"));
            } else if (!peer.coordinator().equals(first.coordinator())) {
                found.add(new Violation(ONE_VIEW, peer.name() + " names the coordinator "
                        + peer.coordinator().map(InvariantChecker::shortId).orElse("none") + ", " + first.name()
                        + " " + first.coordinator().map(InvariantChecker::shortId).orElse("none")));
            }
            if (!canonicalSet(peer).equals(canonicalSet(first))) {
                Set<String> onlyHere = new TreeSet<>(canonicalSet(peer));
                onlyHere.removeAll(canonicalSet(first));
                Set<String> onlyThere = new TreeSet<>(canonicalSet(first));
                onlyThere.removeAll(canonicalSet(peer));
                found.add(new Violation(SAME_CANONICAL, peer.name() + " and " + first.name()
                        + " differ in their canonical sets: only on " + peer.name() + " " + onlyHere + ", only on "
                        + first.name() + " " + onlyThere));
            }
            if (peer.ledgerEvents() != first.ledgerEvents() || peer.ledgerPending() != 0) {
                found.add(new Violation(LEDGERS_CONVERGED, peer.name() + " holds " + peer.ledgerEvents()
                        + " events (" + peer.ledgerPending() + " pending), " + first.name() + " "
                        + first.ledgerEvents()));
            }
        }
    }

    /** Every CANONICAL strategy of a peer, as unit=strategy:digest. */
    static Set<String> canonicalSet(PeerSnapshot peer) {
        return peer.strategies().stream().filter(s -> s.status().equals("CANONICAL"))
                .map(s -> s.searchId() + "/" + s.unit() + "=" + s.id() + ":" + s.digest())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Checks the ledgers of the stopped peers: each opened and verified, all holding the same events. */
    /**
     * Checks the stopped peers' ledgers: each opens and verifies; no two hold different histories of one origin (one
     * chain is a prefix of the other: the peers stopped together, so an event signed in the last instant, such as a
     * capacity announcement, may not have reached every other peer, but no origin forked); and each holds at least
     * the {@code agreedEvents} every peer held when they last converged (nothing acknowledged was lost).
     */
    static List<Violation> checkLedgers(List<LedgerAudit> audits, long agreedEvents) {
        List<Violation> found = new ArrayList<>();
        for (LedgerAudit audit : audits) {
            audit.problem().ifPresent(p -> found.add(new Violation(LEDGER_VERIFIES, audit.name() + ": " + p)));
        }
        List<LedgerAudit> opened = audits.stream().filter(a -> a.problem().isEmpty()).toList();
        for (LedgerAudit audit : opened) {
            if (audit.events() < agreedEvents) {
                found.add(new Violation(NOTHING_LOST, audit.name() + " holds " + audit.events() + " events, fewer than"
                        + " the " + agreedEvents + " every peer held when they converged"));
            }
            for (LedgerAudit other : opened) {
                if (other.name().compareTo(audit.name()) <= 0) {
                    continue;
                }
                audit.chains().forEach((origin, chain) -> {
                    List<String> theirs = other.chains().getOrDefault(origin, List.of());
                    int common = Math.min(chain.size(), theirs.size());
                    if (common > 0 && !chain.get(common - 1).equals(theirs.get(common - 1))) {
                        found.add(new Violation(ONE_HISTORY, audit.name() + " and " + other.name() + " hold different"
                                + " events " + common + " of " + shortId(origin)));
                    }
                });
            }
        }
        return found;
    }

    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String shortList(List<String> digests) {
        return digests.stream().map(InvariantChecker::shortId).toList().toString();
    }
}
