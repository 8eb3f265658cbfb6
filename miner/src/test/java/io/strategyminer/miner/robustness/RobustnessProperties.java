package io.strategyminer.miner.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.BacktestResult;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.PositionSizing;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.data.BundledDatasets;
import io.strategyminer.data.Dataset;
import io.strategyminer.miner.GenomeSampler;
import io.strategyminer.miner.Xoshiro256;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties of the robustness figures over random genomes of every risk level, random costs and ranges of the bundled
 * 1-minute BTC data: replaying the trades in their own order is the engine's backtest, bit for bit; every band is
 * ordered; the p-value is a probability of the form (1 + k) / (1 + draws).
 */
class RobustnessProperties {
    private static final Dataset DATA = BundledDatasets.btcUsd1m();

    private record Case(Genome genome, Range range, BacktestConfig config, long seed) {
        static Case of(long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            RiskLevel risk = RiskLevel.values()[rng.nextInt(RiskLevel.values().length)];
            Genome genome = new GenomeSampler(risk, Xoshiro256.seeded(rng.nextLong())).sample();
            int from = rng.nextInt(DATA.size() / 2);
            int to = from + 2 + rng.nextInt(DATA.size() - from - 1);
            BacktestConfig config = rng.nextBoolean() ? BacktestConfig.DEFAULT
                    : new BacktestConfig(rng.nextInt(50) / 100.0, rng.nextInt(50) / 100.0, 1_000 + rng.nextInt(99_000));
            return new Case(genome, new Range(from, to), config, rng.nextLong());
        }
    }

    @Property(tries = 300)
    void theTradesReplayedInTheirOwnOrderEndAtTheEnginesFinalEquity(@ForAll long seed) {
        Case c = Case.of(seed);
        BacktestResult result = new Backtester(DATA, c.config()).run(c.genome(), c.range());
        TradeResampling trades = new TradeResampling(result.trades(), c.config().initialCapital(),
                PositionSizing.share(c.genome()), PositionSizing.feeRate(c.config()));
        double[] path = trades.equityPath(TradeResampling.identity(result.trades().size()));
        double[] equity = result.equity();
        double engineFinal = equity.length == 0 ? c.config().initialCapital() : equity[equity.length - 1];
        assertEquals(Double.doubleToRawLongBits(engineFinal), Double.doubleToRawLongBits(path[path.length - 1]),
                c::toString);
        // and after each trade, the cash the engine booked at its exit
        for (int k = 0; k < result.trades().size(); k++) {
            int exit = result.trades().get(k).exitIndex();
            assertEquals(Double.doubleToRawLongBits(equity[exit - c.range().from()]),
                    Double.doubleToRawLongBits(path[k + 1]), c::toString);
        }
    }

    @Property(tries = 60)
    void bandsAreOrderedAndThePValueIsAProbability(@ForAll long seed) {
        Case c = Case.of(seed);
        Backtester backtester = new Backtester(DATA, c.config());
        Robustness r = RobustnessAnalysis.analyse(backtester, c.genome(), c.range(), c.seed(),
                new RobustnessAnalysis.Runs(200, 200));
        for (MonteCarloBands bands : List.of(r.reshuffled(), r.bootstrapped())) {
            assertOrdered(bands.totalReturnPct(), c);
            assertOrdered(bands.maxDrawdownPct(), c);
            assertTrue(bands.maxDrawdownPct().p5() >= 0 && bands.maxDrawdownPct().p95() <= 100, c::toString);
            List<FanPoint> fan = bands.fan();
            int trades = backtester.metrics(c.genome(), c.range()).trades();
            assertEquals(0, fan.get(0).trade());
            assertEquals(trades, fan.get(fan.size() - 1).trade());
            assertTrue(fan.size() <= TradeResampling.MAX_FAN_POINTS);
            for (FanPoint point : fan) {
                assertOrdered(new Percentiles(point.p5(), point.median(), point.p95()), c);
            }
        }
        RandomEntrySignificance test = r.randomEntries();
        assertTrue(test.pValue() > 0 && test.pValue() <= 1, c::toString);
        assertEquals((1.0 + test.atLeastAsGood()) / (1.0 + test.draws()), test.pValue());
        assertOrdered(test.randomReturnPct(), c);
        Neighbourhood n = r.neighbourhood();
        assertTrue(n.count() == 0 ? Double.isNaN(n.profitableShare())
                : n.profitableShare() >= 0 && n.profitableShare() <= 1, c::toString);
        long undefined = n.neighbours().stream().filter(x -> Double.isNaN(x.sharpe())).count();
        assertEquals(undefined, n.undefinedSharpe());
        assertEquals(undefined == n.count(), Double.isNaN(n.medianSharpe()), c::toString);
    }

    private static void assertOrdered(Percentiles p, Case c) {
        assertTrue(p.p5() <= p.median() && p.median() <= p.p95(), () -> p + " " + c);
    }
}
