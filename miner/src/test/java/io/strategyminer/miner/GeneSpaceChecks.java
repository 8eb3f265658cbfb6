package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Assertions that a genome is one the search may produce: valid, within its risk bounds, on the grids, canonical. */
final class GeneSpaceChecks {
    private GeneSpaceChecks() {
    }

    static void assertProducible(Genome genome, RiskLevel risk) {
        String where = genome.toSentence();
        // Valid by construction (the record validates), and it survives its own JSON round trip.
        assertEquals(genome, GenomeJson.read(GenomeJson.write(genome)), where);
        assertEquals(risk, genome.risk(), where);
        assertTrue(genome.positionPct() >= risk.minPositionPct() && genome.positionPct() <= risk.maxPositionPct(),
                "position: " + where);
        if (risk.stopRequired()) {
            assertTrue(genome.stopLossPct() > 0, "stop required: " + where);
        }
        assertTrue(genome.stopLossPct() <= risk.maxStopPct(), "stop: " + where);
        assertTrue(genome.takeProfitPct() <= risk.maxTakeProfitPct(), "target: " + where);
        assertTrue(genome.trailingStopPct() <= risk.maxTrailingPct(), "trailing: " + where);

        GeneSpace space = new GeneSpace(risk);
        assertOn(space.position(), genome.positionPct(), "position " + where);
        assertOptionalOn(space.stopLoss(), genome.stopLossPct(), "stop " + where);
        assertOptionalOn(space.takeProfit(), genome.takeProfitPct(), "target " + where);
        assertOptionalOn(space.trailingStop(), genome.trailingStopPct(), "trailing " + where);
        assertTrue(genome.maxBarsHeld() == 0 || onLadder(GeneSpace.MAX_BARS, genome.maxBarsHeld()), "bars " + where);
        for (Indicator indicator : genome.indicators()) {
            assertTrue(onLadders(indicator), indicator + " off the ladders in " + where);
        }
        for (Rule rule : List.of(genome.entry(), genome.exit())) {
            assertCanonical(rule, where);
            for (Condition condition : rule.conditions()) {
                if (condition.right() instanceof Constant c) {
                    assertOn(GeneSpace.threshold(condition.left().scale()), c.value(), "threshold " + where);
                }
            }
        }
    }

    private static void assertCanonical(Rule rule, String where) {
        List<Condition> sorted = rule.conditions().stream().sorted(Comparator.comparing(Condition::toString))
                .distinct().collect(Collectors.toList());
        assertEquals(sorted, rule.conditions(), "conditions not sorted or repeated: " + where);
        if (rule.conditions().size() < 2) {
            assertEquals(Combiner.AND, rule.combiner(), "a short rule is AND-ed: " + where);
        }
    }

    private static void assertOptionalOn(Grid grid, double value, String what) {
        if (value != 0) {
            assertOn(grid, value, what);
        }
    }

    private static void assertOn(Grid grid, double value, String what) {
        int step = grid.step(value);
        assertEquals(grid.value(step), value, what + ": " + value + " is not on its grid");
    }

    private static boolean onLadders(Indicator indicator) {
        switch (indicator.kind()) {
            case PRICE:
                return true;
            case MACD:
                return onLadder(GeneSpace.MACD_FAST, indicator.p1()) && onLadder(GeneSpace.MACD_SLOW, indicator.p2());
            case MACD_SIGNAL:
            case MACD_HIST:
                return onLadder(GeneSpace.MACD_FAST, indicator.p1()) && onLadder(GeneSpace.MACD_SLOW, indicator.p2())
                        && onLadder(GeneSpace.MACD_SIGNAL, indicator.p3());
            case BB_UPPER:
            case BB_LOWER:
            case BB_PCTB:
                return onLadder(GeneSpace.BOLLINGER_PERIODS, indicator.p1())
                        && onLadder(GeneSpace.BOLLINGER_WIDTHS, indicator.p2());
            default:
                return onLadder(GeneSpace.PERIODS, indicator.p1());
        }
    }

    private static boolean onLadder(int[] ladder, int value) {
        for (int rung : ladder) {
            if (rung == value) {
                return true;
            }
        }
        return false;
    }
}
