package io.strategyminer.ledger.state;

import static io.strategyminer.ledger.Fixtures.sha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.ResultDigest;
import io.strategyminer.ledger.Fixtures;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.ledger.event.Payload;
import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.ledger.event.StrategyId;
import io.strategyminer.ledger.event.StrategyReported;
import io.strategyminer.ledger.event.UnitFailed;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.miner.DeflatedSharpeRanking;
import io.strategyminer.miner.SearchSpec;
import org.junit.jupiter.api.Test;

/**
 * A walk-forward search's windows in the ledger: units 0, 2, 4 … mine window 0 and 1, 3, 5 … window 1; a window's
 * strategy is the best of its own units' results by the one ranking rule, once they have all finished, and its
 * strategies are deflated by the trials of its own units.
 */
class WalkForwardWindowsTest {
    private static final SearchSpec SPEC = Fixtures.spec(4, 1, false).toBuilder().walkForward(2).build();
    private final Fixtures.Chain alice = new Fixtures.Chain(PeerIdentity.generate());
    private final LedgerState state = new LedgerState();
    private long lamport;

    WalkForwardWindowsTest() {
        add(Fixtures.announce(alice.identity(), Fixtures.machine("a"), 2));
        add(new SearchSubmitted("wf", SPEC));
    }

    private void add(Payload payload) {
        state.apply(alice.next(++lamport, payload));
    }

    /** A canonical result of {@code unit} (quorum 1) whose in-sample daily Sharpe ratio is {@code sharpe} a year. */
    private StrategyId result(int unit, double sharpe) {
        Metrics in = Fixtures.IN_SAMPLE;
        Metrics inSample = new Metrics(in.netPnl(), in.returnPct(), in.cagrPct(), in.trades(), in.winRate(),
                in.profitFactor(), in.exposurePct(), in.maxDrawdownPct(), in.days(), sharpe, in.sortino(),
                in.dailySkewness(), in.dailyKurtosis());
        Sha256 trades = sha("unit " + unit);
        // bound to the unit's own window: a report under another window's split would not bind its figures
        Sha256 digest = Sha256.parse(ResultDigest.of(EngineVersion.CURRENT, SPEC.dataset(), SPEC.unitSplit(unit),
                SPEC.costs(), trades.hex(), inSample, Fixtures.BUY_AND_HOLD_IN, Fixtures.OUT_OF_SAMPLE,
                Fixtures.BUY_AND_HOLD_OUT));
        StrategyId id = alice.nextStrategyId();
        add(new StrategyReported("wf", unit, Fixtures.GENOME, inSample, Fixtures.BUY_AND_HOLD_IN,
                Fixtures.OUT_OF_SAMPLE, Fixtures.BUY_AND_HOLD_OUT, trades, digest, EngineVersion.CURRENT,
                Fixtures.TRIALS));
        add(Fixtures.verification(id, digest));
        return id;
    }

    private SearchView search() {
        return state.search("wf").orElseThrow();
    }

    @Test
    void aWindowChoosesAmongItsOwnUnitsOnceTheyHaveAllFinished() {
        StrategyId weak = result(0, 1.2);
        assertTrue(search().windowStrategy(0).isEmpty(), "unit 2 of window 0 is still running");
        StrategyId strong = result(1, 3.5); // window 1: the best Sharpe ratio, but not window 0's to take
        StrategyId better = result(2, 2.0);
        assertEquals(better, search().windowStrategy(0).orElseThrow().id());
        assertTrue(search().windowStrategy(1).isEmpty(), "unit 3 of window 1 has not finished");
        assertEquals(UnitStatus.DONE, search().units().get(0).status());
        assertTrue(weak != null && strong != null);
    }

    @Test
    void aWindowWhoseUnitsAllFailedHasNoStrategy() {
        add(new UnitFailed("wf", 1, "no genome qualified"));
        add(new UnitFailed("wf", 3, "no genome qualified"));
        assertTrue(search().windowFinished(1));
        assertTrue(search().windowStrategy(1).isEmpty());
    }

    @Test
    void strategiesAreDeflatedByTheTrialsOfTheirOwnWindow() {
        result(0, 1.2);
        result(1, 1.2);
        result(3, 1.2);
        long oneUnit = DeflatedSharpeRanking.trials(SPEC.population(), SPEC.generations(), 1);
        assertEquals(oneUnit, search().trialCountOf(0), "window 0 has one finished unit");
        assertEquals(2 * oneUnit, search().trialCountOf(1), "window 1 has two");
        assertEquals(3 * oneUnit, search().trialCount(), "the whole search has three");
    }
}
