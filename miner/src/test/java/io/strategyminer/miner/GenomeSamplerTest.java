package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.Operand;
import io.strategyminer.backtest.genome.RiskLevel;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shape of fresh genomes and of the parts the operators splice in, as the class comment promises it: the
 * shares of AND, of thresholds, of each optional exit, and the values each exit is drawn from.
 */
class GenomeSamplerTest {
    private static final int DRAWS = 10_000;

    @Test
    void rulesAreAndedSevenTimesInTen() {
        GenomeSampler sampler = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(1));
        int and = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (sampler.combiner() == Combiner.AND) {
                and++;
            }
        }
        assertShare(and, GenomeSampler.AND_SHARE, "AND");
    }

    @Test
    void anIndicatorOnAThresholdScaleIsComparedWithAThresholdSevenTimesInTen() {
        GenomeSampler sampler = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(2));
        Indicator rsi = Indicator.of(IndicatorKind.RSI, 14);
        int thresholds = 0;
        for (int i = 0; i < DRAWS; i++) {
            Operand right = sampler.rightSide(rsi);
            if (right instanceof Constant) {
                thresholds++;
            } else {
                assertTrue(!right.equals(rsi) && ((Indicator) right).scale() == rsi.scale(), right.toString());
            }
        }
        assertShare(thresholds, GenomeSampler.THRESHOLD_SHARE, "thresholds");
        Indicator average = Indicator.of(IndicatorKind.SMA, 20);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(sampler.rightSide(average) instanceof Indicator, "the price scale takes no threshold");
        }
    }

    @Test
    void eachOptionalExitOfAFreshGenomeAppearsAtItsShare() {
        GenomeSampler high = new GenomeSampler(RiskLevel.HIGH, Xoshiro256.seeded(3));
        int stops = 0;
        int targets = 0;
        int trailing = 0;
        int holding = 0;
        for (int i = 0; i < DRAWS; i++) {
            Genome genome = high.sample();
            stops += genome.stopLossPct() > 0 ? 1 : 0;
            targets += genome.takeProfitPct() > 0 ? 1 : 0;
            trailing += genome.trailingStopPct() > 0 ? 1 : 0;
            holding += genome.maxBarsHeld() > 0 ? 1 : 0;
        }
        // a genome left without any exit gets a stop-loss, so slightly more than 75 % have one
        assertTrue(stops > 0.73 * DRAWS && stops < 0.82 * DRAWS, stops + " stops");
        assertShare(targets, GenomeSampler.TAKE_PROFIT_SHARE, "take-profits");
        assertShare(trailing, GenomeSampler.TRAILING_STOP_SHARE, "trailing stops");
        assertShare(holding, GenomeSampler.MAX_BARS_SHARE, "holding limits");
    }

    @Test
    void aRiskLevelThatRequiresAStopAlwaysGetsOne() {
        GenomeSampler medium = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(4));
        for (int i = 0; i < 2_000; i++) {
            assertTrue(medium.sample().stopLossPct() > 0);
        }
    }

    @Test
    void exitsAreDrawnFromTheirGrids() {
        GenomeSampler sampler = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(5));
        Set<Double> targets = new TreeSet<>();
        Set<Double> trailing = new TreeSet<>();
        Set<Integer> holding = new TreeSet<>();
        for (int i = 0; i < DRAWS; i++) {
            targets.add(sampler.takeProfit());
            trailing.add(sampler.trailingStop());
            holding.add(sampler.maxBars());
        }
        // quarter-percent steps from 0.5 % to the level's maximum: 20 % and 6 % at MEDIUM
        assertEquals(79, targets.size());
        assertTrue(targets.stream().allMatch(between(0.5, RiskLevel.MEDIUM.maxTakeProfitPct())), targets.toString());
        assertEquals(23, trailing.size());
        assertTrue(trailing.stream().allMatch(between(0.5, RiskLevel.MEDIUM.maxTrailingPct())), trailing.toString());
        assertEquals(Arrays.stream(GeneSpace.MAX_BARS).boxed().collect(Collectors.toSet()), holding);
    }

    private static Predicate<Double> between(double low, double high) {
        return v -> v >= low && v <= high;
    }

    private static void assertShare(int count, double expected, String what) {
        double share = (double) count / DRAWS;
        assertTrue(Math.abs(share - expected) < 0.03, what + ": " + share + ", expected " + expected);
    }
}
