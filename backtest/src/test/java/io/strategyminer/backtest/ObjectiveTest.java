package io.strategyminer.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** What each objective scores, which metrics qualify as a fitness, and the objective's names; hand-worked. */
class ObjectiveTest {
    /** Return 12 %, drawdown 4 %, 42 trades, Sharpe 1.8, Sortino 2.4. */
    private static Metrics metrics(double returnPct, double drawdownPct, double sharpe) {
        return new Metrics(1234.5, returnPct, 30.25, 42, 0.55, 1.6, 35.0, drawdownPct, 120, sharpe, 2.4, -0.35, 4.75);
    }

    @Test
    void eachObjectiveScoresItsOwnFigure() {
        Metrics m = metrics(12, 4, 1.8);
        assertEquals(1234.5, Objective.PNL.score(m));
        assertEquals(1.8, Objective.SHARPE.score(m));
        assertEquals(2.4, Objective.SORTINO.score(m));
        assertEquals(3.0, Objective.CALMAR.score(m)); // 12 / 4
    }

    @Test
    void calmarFloorsTheDrawdownAtOnePercent() {
        assertEquals(12.0, metrics(12, 0.5, 1.8).calmar());
        assertEquals(12.0, metrics(12, 0, 1.8).calmar());
        assertEquals(12.0, metrics(12, 1, 1.8).calmar());
        assertEquals(6.0, metrics(12, 2, 1.8).calmar());
        assertEquals(-3.0, metrics(-6, 2, 1.8).calmar());
    }

    @Test
    void aFitnessNeedsTheMinimumTradesAndADefinedScore() {
        Metrics m = metrics(12, 4, 1.8);
        assertEquals(OptionalDouble.of(1.8), Objective.SHARPE.fitness(m, 42)); // exactly the minimum qualifies
        assertEquals(OptionalDouble.of(1.8), Objective.SHARPE.fitness(m, 0));
        assertEquals(OptionalDouble.empty(), Objective.SHARPE.fitness(m, 43));
        assertEquals(OptionalDouble.empty(), Objective.SHARPE.fitness(metrics(12, 4, Double.NaN), 1));
        assertEquals(OptionalDouble.empty(), Objective.SHARPE.fitness(metrics(12, 4, Double.POSITIVE_INFINITY), 1));
        assertEquals(OptionalDouble.of(1234.5), Objective.PNL.fitness(metrics(12, 4, Double.NaN), 1));
    }

    @Test
    void namesAreLowerCaseAndParsedWhateverTheCase() {
        assertEquals("pnl sharpe sortino calmar",
                String.join(" ", Arrays.stream(Objective.values()).map(Objective::id).toList()));
        assertEquals(Objective.SHARPE, Objective.parse(" Sharpe "));
        assertEquals(Objective.CALMAR, Objective.parse("CALMAR"));
        assertEquals(Objective.PNL, Objective.parse("pnl"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.parse("profit"));
        assertEquals("unknown objective 'profit'; use one of [pnl, sharpe, sortino, calmar]", e.getMessage());
    }

    @Test
    void aReplayedTradeBooksWhatTheEngineBooks() {
        // 1,000 cash, half of it committed at a fill of 100 with a 0.1 % fee, sold at 110:
        // 500 / 1.001 / 100 units, sold for 110 each less 0.1 %, beside the 500 kept in cash.
        Trade trade = new Trade(3, 9, 100, 110, 0, 0, 0, ExitReason.SIGNAL);
        double expected = 500 + 500.0 * 110 / 100 * 0.999 / 1.001;
        double actual = PositionSizing.cashAfter(1_000, trade, 0.5, 0.001);
        assertEquals(expected, actual, 1e-9);
        assertTrue(actual > 1_048.9 && actual < 1_048.91, "about 1,048.901: " + actual);
    }
}
