package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The neighbours of a genome on the gene grid: one step of one parameter, only legal values, in a fixed order. */
class GridNeighboursTest {
    private static String steps(Genome genome) {
        return String.join("\n", GridNeighbours.of(genome).stream()
                .map(s -> s.parameter() + ": " + s.from() + " -> " + s.to()).toList());
    }

    @Test
    void eachParameterOneStepEitherWayAndNoneOffTheGrid() {
        Genome genome = new Genome(
                Rule.all(new Condition(Indicator.of(IndicatorKind.RSI, 5), Comparison.BELOW, new Constant(0)),
                        new Condition(Indicator.of(IndicatorKind.BB_PCTB, 20, 20), Comparison.BELOW, new Constant(0.1))),
                Rule.all(new Condition(Indicator.of(IndicatorKind.MACD_HIST, 12, 26, 9), Comparison.CROSSES_BELOW,
                        new Constant(0))),
                6, 0, 0.5, 576, 50, RiskLevel.MEDIUM);
        assertEquals(String.join("\n",
                "BUY 1: RSI(5) period: 5 -> 7",               // 5 is the ladder's first rung
                "BUY 1: threshold: 0 -> 5",                    // 0 is the oscillator grid's lowest value
                "BUY 2: BB_PCTB(20,20) period: 20 -> 14",
                "BUY 2: BB_PCTB(20,20) period: 20 -> 30",
                "BUY 2: BB_PCTB(20,20) width (tenths of σ): 20 -> 15",
                "BUY 2: BB_PCTB(20,20) width (tenths of σ): 20 -> 25",
                "BUY 2: threshold: 0.1 -> 0.05",
                "BUY 2: threshold: 0.1 -> 0.15",
                "SELL 1: MACD_HIST(12,26,9) fast: 12 -> 9",    // 12 is MACD's largest fast period
                "SELL 1: MACD_HIST(12,26,9) slow: 26 -> 21",
                "SELL 1: MACD_HIST(12,26,9) slow: 26 -> 50",
                "SELL 1: MACD_HIST(12,26,9) signal: 9 -> 5",   // MACD's threshold is always 0: no step
                "stop-loss %: 6 -> 5.75",                      // 6 % is MEDIUM's widest stop
                "trailing stop %: 0.5 -> 0.75",                // no target: none is switched on
                "holding limit (candles): 576 -> 288",
                "size %: 50 -> 45"), steps(genome));
    }

    @Test
    void aValueOffTheGridMovesToTheGridValuesAroundItAndAnIndicatorNeverMeetsItself() {
        Genome genome = new Genome(
                Rule.all(new Condition(Indicator.of(IndicatorKind.EMA, 9), Comparison.CROSSES_ABOVE,
                        Indicator.of(IndicatorKind.EMA, 10))),
                Rule.none(), 2.1, 0, 0, 0, 33, RiskLevel.MEDIUM);
        assertEquals(String.join("\n",
                "BUY 1: EMA(9) period: 9 -> 7",                // 9 -> 10 would compare EMA(10) with itself
                "BUY 1: EMA(10) period: 10 -> 12",             // 10 -> 9 likewise
                "stop-loss %: 2.1 -> 2",
                "stop-loss %: 2.1 -> 2.25",
                "size %: 33 -> 30",
                "size %: 33 -> 35"), steps(genome));
    }

    @Property(tries = 300)
    void everyNeighbourIsAValidGenomeOneStepAway(@ForAll long seed) {
        RiskLevel risk = RiskLevel.values()[(int) Math.floorMod(seed, 3L)];
        Genome genome = new GenomeSampler(risk, Xoshiro256.seeded(seed)).sample();
        List<GridNeighbours.Step> steps = GridNeighbours.of(genome);
        String text = GenomeJson.write(genome);
        for (GridNeighbours.Step step : steps) {
            Genome neighbour = step.genome();
            assertTrue(!neighbour.equals(genome) && !step.from().equals(step.to()), step::toString);
            assertEquals(risk, neighbour.risk());
            // valid: it survives a round trip through its JSON, whose reader checks every rule of a genome
            assertEquals(neighbour, GenomeJson.read(GenomeJson.write(neighbour)));
            assertTrue(!GenomeJson.write(neighbour).equals(text));
        }
        assertEquals(steps, GridNeighbours.of(genome), "the same list every time");
    }
}
