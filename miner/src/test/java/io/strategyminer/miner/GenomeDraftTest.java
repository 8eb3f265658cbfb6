package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical form the search's de-duplication relies on, and the repair of a genome that never exits. */
class GenomeDraftTest {
    private static final Condition EMA_CROSS = new Condition(Indicator.of(IndicatorKind.EMA, 9),
            Comparison.CROSSES_ABOVE, Indicator.of(IndicatorKind.EMA, 21));
    private static final Condition PRICE_ABOVE = new Condition(Indicator.price(), Comparison.ABOVE,
            Indicator.of(IndicatorKind.SMA, 50));
    private static final Condition RSI_LOW = new Condition(Indicator.of(IndicatorKind.RSI, 14), Comparison.BELOW,
            new Constant(30));

    private static GenomeSampler sampler(long seed) {
        return new GenomeSampler(RiskLevel.HIGH, Xoshiro256.seeded(seed));
    }

    private static GenomeDraft draft() {
        GenomeDraft d = new GenomeDraft(RiskLevel.HIGH);
        d.positionPct = 50;
        return d;
    }

    @Test
    void rulesAreSortedByTheirTextAndRepeatsDropped() {
        GenomeDraft d = draft();
        d.entryCombiner = Combiner.OR;
        d.entry.addAll(List.of(RSI_LOW, EMA_CROSS, RSI_LOW));
        d.exitCombiner = Combiner.OR;
        d.exit.addAll(List.of(PRICE_ABOVE, EMA_CROSS));
        Genome g = d.toGenome(sampler(1));
        assertEquals(new Rule(Combiner.OR, List.of(EMA_CROSS, RSI_LOW)), g.entry());
        assertEquals(new Rule(Combiner.OR, List.of(EMA_CROSS, PRICE_ABOVE)), g.exit());
    }

    @Test
    void aRuleOfOneConditionIsAnAndWhateverItsCombiner() {
        GenomeDraft d = draft();
        d.entryCombiner = Combiner.OR;
        d.entry.addAll(List.of(RSI_LOW, RSI_LOW));
        d.exitCombiner = Combiner.OR;
        d.exit.add(PRICE_ABOVE);
        Genome g = d.toGenome(sampler(1));
        assertEquals(Rule.all(RSI_LOW), g.entry());
        assertEquals(Rule.all(PRICE_ABOVE), g.exit());
        d.exit.clear();
        d.maxBarsHeld = 12;
        assertEquals(Rule.none(), d.toGenome(sampler(1)).exit());
    }

    @Test
    void eachExitAloneIsAnExit() {
        GenomeDraft none = draft();
        assertFalse(none.hasExit());
        GenomeDraft signal = draft();
        signal.exit.add(PRICE_ABOVE);
        GenomeDraft stop = draft();
        stop.stopLossPct = 1;
        GenomeDraft target = draft();
        target.takeProfitPct = 2;
        GenomeDraft trail = draft();
        trail.trailingStopPct = 3;
        GenomeDraft bars = draft();
        bars.maxBarsHeld = 1;
        for (GenomeDraft d : List.of(signal, stop, target, trail, bars)) {
            assertTrue(d.hasExit());
        }
    }

    @Test
    void aGenomeThatWouldNeverExitGetsTheSamplersNextStopAndOnlyThen() {
        GenomeDraft d = draft();
        d.entry.add(RSI_LOW);
        GenomeSampler used = sampler(9);
        Genome g = d.toGenome(used);
        double expected = sampler(9).stopLoss();
        assertTrue(expected > 0);
        assertEquals(expected, g.stopLossPct());
        assertEquals(0, g.takeProfitPct());
        assertEquals(0, g.trailingStopPct());
        assertEquals(0, g.maxBarsHeld());

        GenomeDraft exits = draft();
        exits.entry.add(RSI_LOW);
        exits.takeProfitPct = 4;
        GenomeSampler untouched = sampler(9);
        assertEquals(0, exits.toGenome(untouched).stopLossPct());
        assertEquals(expected, untouched.stopLoss(), "the sampler was drawn from though the genome exits");
    }

    @Test
    void anEmptyEntryIsABug() {
        GenomeDraft d = draft();
        d.stopLossPct = 2;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.toGenome(sampler(1)));
        assertEquals("an operator emptied the entry rule", e.getMessage());
    }

    @Test
    void aCanonicalGenomeSurvivesTheRoundTripFieldForField() {
        Genome g = new Genome(new Rule(Combiner.OR, List.of(EMA_CROSS, RSI_LOW)), Rule.all(PRICE_ABOVE), 2.5, 7.5, 1.5,
                40, 35, RiskLevel.HIGH);
        GenomeDraft d = GenomeDraft.of(g);
        assertEquals(Combiner.OR, d.entryCombiner);
        assertEquals(List.of(EMA_CROSS, RSI_LOW), d.rule(true));
        assertEquals(List.of(PRICE_ABOVE), d.rule(false));
        assertEquals(g, d.toGenome(sampler(1)));
    }
}
