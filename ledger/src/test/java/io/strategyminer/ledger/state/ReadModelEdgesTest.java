package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.announce;
import static io.strategyminer.ledger.Fixtures.digest;
import static io.strategyminer.ledger.Fixtures.lease;
import static io.strategyminer.ledger.Fixtures.machine;
import static io.strategyminer.ledger.Fixtures.report;
import static io.strategyminer.ledger.Fixtures.search;
import static io.strategyminer.ledger.Fixtures.sha;
import static io.strategyminer.ledger.Fixtures.verification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Objective;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.PeerAnnounced;
import io.strategyminer.ledger.event.RetiredPayload;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.miner.SearchSpec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The read models at their edges: the first and last unit of a search and one past it, announcements arriving out
 * of order, votes and failures of peers not announced yet, the independence rule for failures, and this peer's own
 * re-runs.
 */
class ReadModelEdgesTest {
    private static final String SEARCH = "edges";
    private final Fixtures.Chain alice = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain bob = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain carol = new Fixtures.Chain(PeerIdentity.generate());
    private final LedgerState state = new LedgerState();
    private long lamport;

    private Event add(Fixtures.Chain chain, Payload payload) {
        Event event = chain.next(++lamport, payload);
        state.apply(event);
        return event;
    }

    private void announceAll() {
        add(alice, announce(alice.identity(), machine("shared"), 2));
        add(bob, announce(bob.identity(), machine("shared"), 2)); // alice's machine
        add(carol, announce(carol.identity(), machine("c"), 2));
    }

    @Test
    void aSearchShowsExactlyItsUnitsFromZeroToTheLast() {
        announceAll();
        add(alice, search(SEARCH, 3, 2, false));
        assertTrue(state.unit(SEARCH, -1).isEmpty());
        assertEquals(0, state.unit(SEARCH, 0).orElseThrow().unit());
        assertEquals(2, state.unit(SEARCH, 2).orElseThrow().unit());
        assertTrue(state.unit(SEARCH, 3).isEmpty(), "one past the last unit");
        assertTrue(state.unit("unknown", 0).isEmpty());
        assertEquals(SearchStatus.SUBMITTED, state.search(SEARCH).orElseThrow().status(), "nothing leased yet");
        assertEquals(SEARCH, state.search(SEARCH).orElseThrow().id());
        assertEquals(List.of(SEARCH), state.searches().stream().map(SearchView::id).toList());
        assertTrue(state.search("unknown").isEmpty());
    }

    @Test
    void aReportOfTheLastUnitIsShownAndOneOfTheUnitPastItIsNot() {
        announceAll();
        add(alice, search(SEARCH, 3, 2, false));
        StrategyId last = bob.nextStrategyId();
        add(bob, report(SEARCH, 2, sha("last")));
        StrategyId pastTheEnd = bob.nextStrategyId();
        add(bob, report(SEARCH, 3, sha("past")));
        add(carol, verification(pastTheEnd, digest(sha("past"))));

        assertEquals(List.of(last), state.strategies().stream().map(StrategyView::id).toList());
        assertEquals(StrategyStatus.PENDING, state.strategy(last).orElseThrow().status());
        assertTrue(state.strategy(pastTheEnd).isEmpty());
        assertTrue(state.strategy(new StrategyId(carol.id(), 42)).isEmpty(), "never reported");
        assertEquals(SearchStatus.RUNNING, state.search(SEARCH).orElseThrow().status(), "a report starts a search");
    }

    @Test
    void aPeerIsDescribedByItsLatestAnnouncementWhateverTheArrivalOrder() {
        Event first = alice.next(1, announce(alice.identity(), machine("a"), 2));
        Event second = alice.next(2, announce(alice.identity(), machine("a"), 16));
        state.apply(second);
        state.apply(first);
        assertEquals(16, state.peer(alice.id()).orElseThrow().announced().cores());
        assertEquals(2, state.peer(alice.id()).orElseThrow().stamp().sequence());
        state.apply(second);
        assertEquals(List.of(new PeerView(alice.id(), (PeerAnnounced) second.payload(), Stamp.of(second))),
                state.peers(), "the same announcement again changes nothing");
        assertTrue(state.peer(bob.id()).isEmpty());
    }

    @Test
    void votesAndFailuresOfAPeerCountOnceItsAnnouncementIsKnown() {
        Event carolAnnounced = carol.next(1, announce(carol.identity(), machine("c"), 2));
        lamport = 1;
        add(alice, announce(alice.identity(), machine("a"), 2));
        add(alice, search(SEARCH, 2, 2, false));
        StrategyId reported = alice.nextStrategyId();
        add(alice, report(SEARCH, 0, sha("t")));
        add(carol, verification(reported, digest(sha("t"))));
        add(alice, new UnitFailed(SEARCH, 1, "boom"));
        add(carol, new UnitFailed(SEARCH, 1, "boom"));
        assertEquals(StrategyStatus.PENDING, state.strategy(reported).orElseThrow().status(),
                "carol's machine is unknown: her vote cannot count yet");
        assertEquals(UnitStatus.OPEN, state.unit(SEARCH, 1).orElseThrow().status(), "one known failure of two");

        state.apply(carolAnnounced);
        assertEquals(StrategyStatus.CANONICAL, state.strategy(reported).orElseThrow().status());
        assertEquals(UnitStatus.FAILED, state.unit(SEARCH, 1).orElseThrow().status());
        assertEquals(SearchStatus.DONE, state.search(SEARCH).orElseThrow().status());
    }

    @Test
    void anUnannouncedReportersStrategyWaitsWhateverItsVotes() {
        add(bob, announce(bob.identity(), machine("b"), 2));
        add(carol, announce(carol.identity(), machine("c"), 2));
        add(bob, search(SEARCH, 1, 2, false));
        StrategyId reported = alice.nextStrategyId();
        add(alice, report(SEARCH, 0, sha("t")));
        add(bob, verification(reported, digest(sha("t"))));
        add(carol, verification(reported, digest(sha("t"))));
        StrategyView view = state.strategy(reported).orElseThrow();
        assertEquals(StrategyStatus.PENDING, view.status());
        assertEquals(List.of(), view.verdict().tallies());
        assertEquals(2, view.verifications().size(), "the verifications are listed all the same");
        assertEquals(UnitStatus.VERIFYING, state.unit(SEARCH, 0).orElseThrow().status());
    }

    @Test
    void failuresCountPerMachineUnlessTheSearchAllowsSameMachinePeers() {
        announceAll();
        add(alice, search("strict", 1, 2, false));
        add(alice, search("lenient", 1, 2, true));
        for (String id : List.of("strict", "lenient")) {
            add(alice, new UnitFailed(id, 0, "boom"));
            add(bob, new UnitFailed(id, 0, "boom"));
        }
        assertEquals(UnitStatus.OPEN, state.unit("strict", 0).orElseThrow().status(), "one machine, one failure");
        assertEquals(UnitStatus.FAILED, state.unit("lenient", 0).orElseThrow().status(), "two peers, two failures");
        assertEquals(Optional.of("boom"), state.unit("lenient", 0).orElseThrow().failureReason());
        assertEquals(SearchStatus.FAILED, state.search("lenient").orElseThrow().status());
    }

    @Test
    void aLeaseGrantedBeforeTheLastReportOrFailureNoLongerHoldsTheUnit() {
        announceAll();
        add(alice, search(SEARCH, 2, 2, false));
        add(alice, lease(SEARCH, 0, bob.id(), 1));
        add(carol, report(SEARCH, 1, sha("t")));
        add(alice, lease(SEARCH, 1, bob.id(), 1)); // a copy of unit 1, granted after its report
        assertEquals(UnitStatus.VERIFYING, state.unit(SEARCH, 1).orElseThrow().status(), "a report awaits votes");
        assertEquals(UnitStatus.LEASED, state.unit(SEARCH, 0).orElseThrow().status());
        add(bob, new UnitFailed(SEARCH, 0, "boom"));
        assertEquals(UnitStatus.OPEN, state.unit(SEARCH, 0).orElseThrow().status(), "its holder failed it");
        assertEquals(SearchStatus.RUNNING, state.search(SEARCH).orElseThrow().status(),
                "an open unit that was leased has started its search");
        add(alice, lease(SEARCH, 0, carol.id(), 2));
        assertEquals(UnitStatus.LEASED, state.unit(SEARCH, 0).orElseThrow().status(), "leased again since");
        assertEquals(SearchStatus.RUNNING, state.search(SEARCH).orElseThrow().status());
    }

    @Test
    void ownReRunsAreRecordedAndOnlyStrategiesOfThisEngineAwaitThem() {
        announceAll();
        add(alice, search(SEARCH, 2, 2, false));
        StrategyId current = bob.nextStrategyId();
        add(bob, report(SEARCH, 0, sha("t")));
        StrategyReported honest = report(SEARCH, 1, sha("u"));
        StrategyId older = carol.nextStrategyId();
        add(carol, new StrategyReported(SEARCH, 1, honest.genome(), honest.inSample(), honest.inSampleBuyAndHold(),
                honest.outOfSample(), honest.outOfSampleBuyAndHold(), honest.tradesDigest(), honest.digest(),
                "sm-engine-0", honest.trials()));

        assertEquals(List.of(current), state.awaitingOwnDigest(EngineVersion.CURRENT).stream().map(StrategyView::id)
                .toList());
        assertEquals(List.of(older), state.awaitingOwnDigest("sm-engine-0").stream().map(StrategyView::id).toList());
        assertTrue(state.ownDigest(current).isEmpty());

        state.recordOwnDigest(current, digest(sha("t")));
        assertEquals(Optional.of(digest(sha("t"))), state.ownDigest(current));
        assertEquals(List.of(), state.awaitingOwnDigest(EngineVersion.CURRENT), "re-run already");
    }

    @Test
    void anOwnDigestRecordedBeforeTheReportArrivesJudgesIt() {
        announceAll();
        add(alice, search(SEARCH, 1, 2, false));
        state.requireOwnVerdicts();
        StrategyId early = bob.nextStrategyId();
        state.recordOwnDigest(early, digest(sha("other")));
        add(bob, report(SEARCH, 0, sha("t")));
        add(carol, verification(early, digest(sha("t"))));
        assertEquals(StrategyStatus.INVALID, state.strategy(early).orElseThrow().status(),
                "this peer computed another digest: no quorum of votes outweighs it");

        StrategyId unjudged = carol.nextStrategyId();
        add(carol, report(SEARCH, 0, sha("t")));
        add(alice, verification(unjudged, digest(sha("t"))));
        assertEquals(StrategyStatus.PENDING, state.strategy(unjudged).orElseThrow().status(),
                "a quorum of votes, but this peer decides only what it re-ran");
        state.recordOwnDigest(unjudged, digest(sha("t")));
        assertEquals(StrategyStatus.CANONICAL, state.strategy(unjudged).orElseThrow().status());
        assertEquals(UnitStatus.DONE, state.unit(SEARCH, 0).orElseThrow().status());
    }

    @Test
    void aDatasetIsDescribedByItsEarliestPublicationAndListsEveryPublisher() {
        announceAll();
        add(carol, Fixtures.dataset());
        add(alice, Fixtures.dataset());
        DatasetView dataset = state.dataset(Fixtures.DATASET).orElseThrow();
        assertEquals(List.of(alice.id(), carol.id()).stream().sorted().toList(), dataset.publishers());
        assertEquals(Fixtures.dataset(), dataset.description());
        assertEquals(List.of(dataset), state.datasets());
        assertTrue(state.dataset(new io.strategyminer.data.DatasetId("ef".repeat(32))).isEmpty());
    }

    @Test
    void theEarliestReportByStampIsTheResultWhateverTheReportersIds() {
        announceAll();
        add(alice, search(SEARCH, 1, 2, true));
        // the later report gets the smaller strategy id: ids order by reporter, the result by report stamp
        boolean aliceFirst = alice.id().compareTo(bob.id()) > 0;
        Fixtures.Chain earlier = aliceFirst ? alice : bob;
        Fixtures.Chain later = aliceFirst ? bob : alice;
        StrategyId first = earlier.nextStrategyId();
        add(earlier, report(SEARCH, 0, sha("t")));
        StrategyId second = later.nextStrategyId();
        add(later, report(SEARCH, 0, sha("t")));
        assertTrue(second.compareTo(first) < 0);
        add(carol, verification(first, digest(sha("t"))));
        add(carol, verification(second, digest(sha("t"))));

        UnitView unit = state.unit(SEARCH, 0).orElseThrow();
        assertEquals(List.of(first, second), unit.reports().stream().map(StrategyView::id).toList(), "by stamp");
        assertEquals(Optional.of(first), unit.canonical());
        assertEquals(first, unit.result().orElseThrow().id());
        assertEquals(StrategyStatus.SUPERSEDED, state.strategy(second).orElseThrow().status());
    }

    @Test
    void theResultIsTheCanonicalReportNotTheFirstOne() {
        announceAll();
        add(alice, search(SEARCH, 1, 2, false));
        StrategyId wrong = alice.nextStrategyId();
        add(alice, report(SEARCH, 0, sha("wrong")));
        StrategyId right = carol.nextStrategyId();
        add(carol, report(SEARCH, 0, sha("right")));
        add(bob, verification(right, digest(sha("right"))));
        add(bob, verification(wrong, digest(sha("right"))));
        add(carol, verification(wrong, digest(sha("right"))));

        UnitView unit = state.unit(SEARCH, 0).orElseThrow();
        assertEquals(StrategyStatus.INVALID, state.strategy(wrong).orElseThrow().status());
        assertEquals(right, unit.result().orElseThrow().id());
        assertEquals(1, state.search(SEARCH).orElseThrow().unitsDone());
    }

    @Test
    void theCurrentLeaseIsTheHighestEpochEvenWhenALowerOneIsGrantedLater() {
        announceAll();
        add(alice, search(SEARCH, 1, 2, false));
        add(alice, lease(SEARCH, 0, bob.id(), 2));
        add(carol, lease(SEARCH, 0, carol.id(), 1)); // a stale coordinator, later in Lamport time
        UnitView unit = state.unit(SEARCH, 0).orElseThrow();
        assertEquals(bob.id(), unit.currentLease().orElseThrow().lease().holder());
        assertEquals(List.of(1L, 2L), unit.leases().stream().map(l -> l.lease().epoch()).toList());
    }

    @Test
    void requiringOwnVerdictsTakesBackWhatVotesAloneDecided() {
        announceAll();
        add(alice, search(SEARCH, 1, 2, false));
        StrategyId reported = alice.nextStrategyId();
        add(alice, report(SEARCH, 0, sha("t")));
        add(carol, verification(reported, digest(sha("t"))));
        assertEquals(StrategyStatus.CANONICAL, state.strategy(reported).orElseThrow().status());
        assertEquals(SearchStatus.DONE, state.search(SEARCH).orElseThrow().status());

        state.requireOwnVerdicts();
        assertEquals(StrategyStatus.PENDING, state.strategy(reported).orElseThrow().status(), "not re-run here");
        assertEquals(UnitStatus.VERIFYING, state.unit(SEARCH, 0).orElseThrow().status());
        assertEquals(SearchStatus.RUNNING, state.search(SEARCH).orElseThrow().status());
    }

    @Test
    void aRetiredPayloadKeepsItsChainPlaceButCountsNowhere() throws Exception {
        List<Event> chain = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/ledger-format/chain-v1.hex")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.isBlank()).toList()) {
                chain.add(Event.decode(HexFormat.of().parseHex(line)));
            }
        }
        List<Event> live = chain.stream().filter(e -> !(e.payload() instanceof RetiredPayload)).toList();
        assertEquals(chain.size() - 2, live.size(), "a format-1 chain with two results of a retired engine");
        LedgerState folded = new LedgerState();
        chain.forEach(folded::apply);
        LedgerState without = new LedgerState();
        live.forEach(without::apply);
        assertEquals(without.snapshot(), folded.snapshot());
        assertEquals(List.of(), folded.strategies());
    }

    @Test
    void strategiesAreListedByIdWhateverTheirUnits() {
        announceAll();
        add(alice, search(SEARCH, 2, 2, false));
        boolean aliceLarger = alice.id().compareTo(bob.id()) > 0;
        Fixtures.Chain larger = aliceLarger ? alice : bob;
        Fixtures.Chain smaller = aliceLarger ? bob : alice;
        StrategyId ofUnit0 = larger.nextStrategyId();
        add(larger, report(SEARCH, 0, sha("t0")));
        StrategyId ofUnit1 = smaller.nextStrategyId();
        add(smaller, report(SEARCH, 1, sha("t1")));
        assertEquals(List.of(ofUnit1, ofUnit0), state.strategies().stream().map(StrategyView::id).toList());
        assertEquals(List.of(ofUnit1, ofUnit0), state.awaitingOwnDigest(EngineVersion.CURRENT).stream()
                .map(StrategyView::id).toList());
    }

    @Test
    void aReportIsCheckedAgainWhenAnEarlierSubmissionChangesItsSearchsSpec() {
        announceAll();
        Fixtures.Chain dave = new Fixtures.Chain(PeerIdentity.generate());
        Event earlier = dave.next(1, new SearchSubmitted(SEARCH, SearchSpec.builder().dataset(Fixtures.DATASET)
                .splitPercent(60).population(40).generations(25).risk(RiskLevel.MEDIUM).objective(Objective.SHARPE)
                .minTrades(10).workUnits(1).quorum(1).seed(42L).allowSameMachine(false).build()));
        add(alice, search(SEARCH, 1, 1, false)); // the fixture split of 70 %
        StrategyId reported = bob.nextStrategyId();
        add(bob, report(SEARCH, 0, sha("t"))); // its digest binds its figures under the 70 % split
        assertEquals(StrategyStatus.CANONICAL, state.strategy(reported).orElseThrow().status());

        state.apply(earlier); // the earliest submission of the id is the search: another split
        assertEquals(60, state.search(SEARCH).orElseThrow().spec().splitPercent());
        assertEquals(StrategyStatus.INVALID, state.strategy(reported).orElseThrow().status(),
                "under the search's real split the figures do not hash to the digest");
        assertEquals(UnitStatus.OPEN, state.unit(SEARCH, 0).orElseThrow().status());
    }
}
