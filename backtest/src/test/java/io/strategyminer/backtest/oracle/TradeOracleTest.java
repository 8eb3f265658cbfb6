package io.strategyminer.backtest.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.ExitReason;
import io.strategyminer.backtest.RandomGenomes;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.SharedData;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.Trade;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For equivalent strategies, with fees and slippage at zero, our trade list (entry and exit
 * indices and prices) equals ta4j's exactly, under the convention mapping of {@link Ta4jBacktest}.
 */
class TradeOracleTest {
    /** Hand-picked strategies covering each comparison, AND/OR, exits by signal, stop, target and end of data. */
    static final List<String> STRATEGIES = List.of(
            "{'entry':{'combine':'AND','conditions':[{'left':'EMA(9)','op':'crosses_above','right':'EMA(21)'}]},"
                    + "'exit':{'combine':'AND','conditions':[{'left':'EMA(9)','op':'crosses_below','right':'EMA(21)'}]},"
                    + "'stopLossPct':0,'takeProfitPct':0,'trailingStopPct':0,'maxBarsHeld':0,'positionPct':100,'risk':'HIGH'}",
            "{'entry':{'combine':'AND','conditions':[{'left':'RSI(14)','op':'<','right':30}]},"
                    + "'exit':{'combine':'AND','conditions':[{'left':'RSI(14)','op':'>','right':70}]},"
                    + "'stopLossPct':2,'takeProfitPct':4,'trailingStopPct':0,'maxBarsHeld':0,'positionPct':50,'risk':'MEDIUM'}",
            "{'entry':{'combine':'AND','conditions':[{'left':'RSI(7)','op':'crosses_above','right':30}]},"
                    + "'exit':{'combine':'OR','conditions':[{'left':'RSI(7)','op':'crosses_below','right':70}]},"
                    + "'stopLossPct':0,'takeProfitPct':0,'trailingStopPct':0,'maxBarsHeld':0,'positionPct':100,'risk':'HIGH'}",
            "{'entry':{'combine':'AND','conditions':[{'left':'EMA(12)','op':'crosses_above','right':'EMA(26)'},"
                    + "{'left':'RSI(14)','op':'<','right':60}]},"
                    + "'exit':{'combine':'OR','conditions':[{'left':'RSI(14)','op':'>','right':75},"
                    + "{'left':'EMA(12)','op':'crosses_below','right':'EMA(26)'}]},"
                    + "'stopLossPct':3,'takeProfitPct':0,'trailingStopPct':0,'maxBarsHeld':0,'positionPct':40,'risk':'MEDIUM'}",
            "{'entry':{'combine':'OR','conditions':[{'left':'PRICE','op':'crosses_above','right':'SMA(50)'},"
                    + "{'left':'STOCH_K(14)','op':'crosses_above','right':20}]},"
                    + "'exit':{'combine':'AND','conditions':[]},"
                    + "'stopLossPct':1.5,'takeProfitPct':1.5,'trailingStopPct':0,'maxBarsHeld':0,'positionPct':20,'risk':'LOW'}",
            "{'entry':{'combine':'AND','conditions':[{'left':'MACD_HIST(12,26,9)','op':'crosses_above','right':0}]},"
                    + "'exit':{'combine':'AND','conditions':[{'left':'MACD(12,26)','op':'<','right':'MACD_SIGNAL(12,26,9)'}]},"
                    + "'stopLossPct':1,'takeProfitPct':2,'trailingStopPct':0,'maxBarsHeld':0,'positionPct':25,'risk':'LOW'}",
            "{'entry':{'combine':'AND','conditions':[{'left':'BB_PCTB(20,20)','op':'<','right':0},"
                    + "{'left':'VOLUME_RATIO(20)','op':'>','right':1.5}]},"
                    + "'exit':{'combine':'AND','conditions':[{'left':'PRICE','op':'>','right':'BB_UPPER(20,20)'}]},"
                    + "'stopLossPct':2,'takeProfitPct':0,'trailingStopPct':0,'maxBarsHeld':0,'positionPct':30,'risk':'MEDIUM'}",
            "{'entry':{'combine':'AND','conditions':[{'left':'ROC(10)','op':'crosses_below','right':-2},"
                    + "{'left':'ATR(14)','op':'>','right':'ATR(50)'}]},"
                    + "'exit':{'combine':'AND','conditions':[{'left':'PRICE','op':'crosses_above','right':'BB_LOWER(20,25)'}]},"
                    + "'stopLossPct':5,'takeProfitPct':10,'trailingStopPct':0,'maxBarsHeld':0,'positionPct':50,'risk':'MEDIUM'}");

    static Stream<Arguments> handPicked() {
        return Stream.of(SharedData.BTC_2011_5M, SharedData.ETH_4H).flatMap(file -> STRATEGIES.stream()
                .map(json -> Arguments.of(file, GenomeJson.read(json.replace('\'', '"')))));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("handPicked")
    void handPickedStrategiesTradeLikeTa4j(String file, Genome genome) {
        Dataset dataset = SharedData.load(file);
        int n = dataset.size();
        for (Range range : List.of(new Range(0, n), Split.DEFAULT.inSample(n), Split.DEFAULT.outOfSample(n))) {
            assertSameTrades(dataset, genome, range);
        }
    }

    @Test
    void randomRsiEmaStrategiesTradeLikeTa4j() {
        Dataset dataset = SharedData.btc2011();
        RandomGenomes genomes = new RandomGenomes(20_251_125L);
        int withTrades = 0;
        for (int i = 0; i < 40; i++) {
            if (assertSameTrades(dataset, genomes.rsiEma(), new Range(0, dataset.size())) > 0) {
                withTrades++;
            }
        }
        assertTrue(withTrades >= 20, "only " + withTrades + " of 40 random strategies traded at all");
    }

    /** Compares both trade lists; returns the number of trades. */
    static int assertSameTrades(Dataset dataset, Genome genome, Range range) {
        Backtester ours = new Backtester(dataset, BacktestConfig.FRICTIONLESS);
        List<Trade> trades = ours.run(genome, range).trades();
        List<Ta4jBacktest.Fill> expected = new Ta4jBacktest(SeriesCache.of(dataset)).run(genome, range);
        List<Ta4jBacktest.Fill> actual = new ArrayList<>();
        for (Trade t : trades) {
            actual.add(new Ta4jBacktest.Fill(t.entryIndex(), t.entryPrice(), t.exitIndex(), t.exitPrice()));
        }
        assertEquals(expected, actual, () -> genome + " on " + range);
        if (!trades.isEmpty() && trades.get(trades.size() - 1).exitReason() == ExitReason.END_OF_DATA) {
            assertEquals(range.to() - 1, trades.get(trades.size() - 1).exitIndex());
        }
        return trades.size();
    }
}
