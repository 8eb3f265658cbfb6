package io.strategyminer.backtest.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.RandomGenomes;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.SharedData;
import io.strategyminer.backtest.Trade;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;

/**
 * The same random RSI/EMA genomes with a stop and a target, through ta4j 0.17 (DoubleNum, a fresh
 * strategy with fresh indicators per genome, as a search would build them) and through ours, on
 * the 39,017-candle 2011 file in the same JVM; prints both rates, the ratio and whether every trade
 * list matched. Run with {@code mvn -Dsm.target=target-bt -pl backtest -am test -Dsm.excludedGroups=
 * -Dtest=Ta4jComparisonBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class Ta4jComparisonBenchmark {
    private static final int GENOMES = 100;
    private static final int OUR_ROUNDS = 200;

    @Test
    void compareWithTa4j() {
        Dataset dataset = SharedData.btc2011();
        BarSeries series = SeriesCache.of(dataset);
        Range range = new Range(0, dataset.size());
        RandomGenomes random = new RandomGenomes(2011);
        List<Genome> genomes = new ArrayList<>();
        for (int i = 0; i < GENOMES; i++) {
            genomes.add(random.rsiEma());
        }
        // Warm both up on other genomes so that neither pays for class loading or JIT in the timing.
        RandomGenomes warmUp = new RandomGenomes(1);
        Backtester warm = new Backtester(dataset, BacktestConfig.FRICTIONLESS);
        for (int i = 0; i < 5; i++) {
            Genome g = warmUp.rsiEma();
            new Ta4jBacktest(series).run(g, range);
            warm.run(g, range);
        }

        List<List<Ta4jBacktest.Fill>> theirs = new ArrayList<>();
        long start = System.nanoTime();
        for (Genome g : genomes) {
            theirs.add(new Ta4jBacktest(series).run(g, range));
        }
        double ta4jSeconds = (System.nanoTime() - start) / 1e9;

        Backtester ours = new Backtester(dataset, BacktestConfig.FRICTIONLESS);
        start = System.nanoTime();
        List<List<Trade>> mine = new ArrayList<>();
        for (Genome g : genomes) {
            mine.add(ours.run(g, range).trades());
        }
        double firstRoundSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        long trades = 0;
        for (int round = 0; round < OUR_ROUNDS; round++) {
            for (Genome g : genomes) {
                trades += ours.metrics(g, range).trades();
            }
        }
        double oursSeconds = (System.nanoTime() - start) / 1e9;

        int matched = 0;
        long tradeCount = 0;
        for (int i = 0; i < GENOMES; i++) {
            List<Ta4jBacktest.Fill> fills = new ArrayList<>();
            for (Trade t : mine.get(i)) {
                fills.add(new Ta4jBacktest.Fill(t.entryIndex(), t.entryPrice(), t.exitIndex(), t.exitPrice()));
            }
            tradeCount += fills.size();
            if (fills.equals(theirs.get(i))) {
                matched++;
            }
        }
        double ta4jRate = GENOMES / ta4jSeconds;
        double oursRate = (double) OUR_ROUNDS * GENOMES / oursSeconds;
        System.out.printf(Locale.ROOT, "ta4j 0.17 DoubleNum: %,.1f backtests/s (%d genomes in %.2f s)%n", ta4jRate,
                GENOMES, ta4jSeconds);
        System.out.printf(Locale.ROOT, "ours, first round (computes indicators, full trade lists): %,.0f backtests/s%n",
                GENOMES / firstRoundSeconds);
        System.out.printf(Locale.ROOT, "ours, metrics, warm cache: %,.0f backtests/s (%d rounds, checksum %d)%n",
                oursRate, OUR_ROUNDS, trades);
        System.out.printf(Locale.ROOT, "ratio: %,.0fx (first round %,.0fx)%n", oursRate / ta4jRate,
                GENOMES / firstRoundSeconds / ta4jRate);
        System.out.printf(Locale.ROOT, "trade lists matched: %d of %d genomes (%,d trades)%n", matched, GENOMES,
                tradeCount);
        assertEquals(GENOMES, matched, "every trade list must match ta4j's");
    }
}
