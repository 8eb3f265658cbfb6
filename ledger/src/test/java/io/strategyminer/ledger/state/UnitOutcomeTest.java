package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a unit ends besides a canonical result: failed by a quorum of peers, or reported with unbound figures. */
class UnitOutcomeTest {
    private final Fixtures.Chain alice = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain bob = new Fixtures.Chain(PeerIdentity.generate());
    private final Fixtures.Chain carol = new Fixtures.Chain(PeerIdentity.generate());
    private final LedgerState state = new LedgerState();
    private long lamport;

    UnitOutcomeTest() {
        add(alice, Fixtures.announce(alice.identity(), Fixtures.machine("a"), 2));
        add(bob, Fixtures.announce(bob.identity(), Fixtures.machine("a"), 2)); // alice's machine
        add(carol, Fixtures.announce(carol.identity(), Fixtures.machine("c"), 2));
        add(alice, Fixtures.search("s", 2, 2, false));
    }

    private void add(Fixtures.Chain chain, Payload payload) {
        state.apply(chain.next(++lamport, payload));
    }

    private UnitView unit(int index) {
        return state.unit("s", index).orElseThrow();
    }

    @Test
    void aUnitFailsOnlyOnceAsManyIndependentPeersAsTheQuorumFoundItFails() {
        add(alice, new UnitFailed("s", 0, "the miner failed on this unit: boom"));
        assertEquals(UnitStatus.OPEN, unit(0).status(), "one report is not a quorum of 2");
        add(bob, new UnitFailed("s", 0, "the miner failed on this unit: boom"));
        assertEquals(UnitStatus.OPEN, unit(0).status(), "bob shares alice's machine: still one independent peer");
        add(carol, new UnitFailed("s", 0, "the miner failed on this unit: boom"));
        assertEquals(UnitStatus.FAILED, unit(0).status());
        assertEquals("the miner failed on this unit: boom", unit(0).failureReason().orElseThrow());
        assertEquals(SearchStatus.RUNNING, state.search("s").orElseThrow().status(), "unit 1 is not finished yet");

        add(alice, new UnitFailed("s", 1, "no genome qualified"));
        add(carol, new UnitFailed("s", 1, "no genome qualified"));
        SearchView search = state.search("s").orElseThrow();
        assertEquals(SearchStatus.FAILED, search.status(), "every unit failed");
        assertEquals(2, search.unitsFailed());
    }

    @Test
    void aSearchWithSomeFailedUnitsIsDoneWithThem() {
        add(alice, new UnitFailed("s", 0, "no genome qualified"));
        add(carol, new UnitFailed("s", 0, "no genome qualified"));
        StrategyId report = alice.nextStrategyId();
        add(alice, Fixtures.report("s", 1, sha("t")));
        add(carol, Fixtures.verification(report, Fixtures.digest(sha("t"))));
        SearchView search = state.search("s").orElseThrow();
        assertEquals(List.of(UnitStatus.FAILED, UnitStatus.DONE), search.units().stream().map(UnitView::status).toList());
        assertEquals(SearchStatus.DONE, search.status());
        assertEquals(List.of(1, 1), List.of(search.unitsDone(), search.unitsFailed()));
    }

    @Test
    void aReportWhoseFiguresDoNotHashToItsDigestIsInvalidWhateverTheVotes() {
        StrategyReported honest = Fixtures.report("s", 0, sha("t"));
        Metrics inflated = new Metrics(honest.inSample().netPnl() * 1_000, honest.inSample().returnPct() * 1_000,
                honest.inSample().cagrPct(), honest.inSample().trades(), honest.inSample().winRate(),
                honest.inSample().profitFactor(), honest.inSample().exposurePct(), honest.inSample().maxDrawdownPct(),
                honest.inSample().days(), 99, honest.inSample().sortino(), honest.inSample().dailySkewness(),
                honest.inSample().dailyKurtosis());
        // the honest digest, with the figures inflated after the backtest
        StrategyReported forged = new StrategyReported("s", 0, honest.genome(), inflated, honest.inSampleBuyAndHold(),
                honest.outOfSample(), honest.outOfSampleBuyAndHold(), honest.tradesDigest(), honest.digest(),
                EngineVersion.CURRENT, honest.trials());
        assertTrue(honest.bindsFigures(Fixtures.spec(2, 2, false)));
        StrategyId id = alice.nextStrategyId();
        add(alice, forged);
        add(carol, Fixtures.verification(id, honest.digest()));
        StrategyView strategy = state.strategies().get(0);
        assertEquals(StrategyStatus.INVALID, strategy.status(), "an honest peer reproduced the digest, not the figures");
        assertEquals(UnitStatus.OPEN, unit(0).status(), "the unit has no result and is mined again");
    }

    @Test
    void aReporterThatCountsFewerTrialsDoesNotLowerTheSearchsBar() {
        StrategyReported honest = Fixtures.report("s", 0, sha("t"));
        // the honest genome and figures, but "one genome tried": its strategy would look significant
        StrategyReported modest = new StrategyReported("s", 0, honest.genome(), honest.inSample(),
                honest.inSampleBuyAndHold(), honest.outOfSample(), honest.outOfSampleBuyAndHold(),
                honest.tradesDigest(), honest.digest(), EngineVersion.CURRENT, new TrialStatistics(1, 0, 0, 0));
        StrategyId id = alice.nextStrategyId();
        add(alice, modest);
        add(carol, Fixtures.verification(id, honest.digest()));
        SearchView search = state.search("s").orElseThrow();
        assertEquals(UnitStatus.DONE, unit(0).status(), "the figures are honest, so the result stands");

        assertEquals(1, search.trials().genomes(), "what the reporter said is shown");
        assertEquals(40L * 25, search.trialCount(), "N is population × generations of the finished unit");
    }
}
