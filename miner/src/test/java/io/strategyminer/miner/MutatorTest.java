package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.strategyminer.backtest.genome.Scale;
import io.strategyminer.miner.Mutator.Change;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What each kind of change does to a genome, watched from outside: which changes apply to which genomes, and, over
 * many seeded mutations of one parent, the children that differ from it in one part only, whose values must be the
 * ones that change allows (a neighbouring rung, a nudge of at most three grid steps, the other combiner, ...).
 */
class MutatorTest {
    private static final Indicator RSI14 = Indicator.of(IndicatorKind.RSI, 14);
    private static final Indicator SMA20 = Indicator.of(IndicatorKind.SMA, 20);
    private static final Indicator EMA50 = Indicator.of(IndicatorKind.EMA, 50);
    private static final Indicator STOCH14 = Indicator.of(IndicatorKind.STOCH_K, 14);
    private static final Condition OVERSOLD = new Condition(RSI14, Comparison.BELOW, new Constant(30));
    private static final Condition OVERBOUGHT = new Condition(RSI14, Comparison.ABOVE, new Constant(70));
    private static final Condition TREND = new Condition(SMA20, Comparison.CROSSES_ABOVE, EMA50);
    private static final Condition ABOVE_AVERAGE = new Condition(Indicator.price(), Comparison.ABOVE, SMA20);
    private static final Condition STOCH_LOW = new Condition(STOCH14, Comparison.BELOW, new Constant(20));
    private static final Condition FAST_MOVE = new Condition(Indicator.of(IndicatorKind.ROC, 10), Comparison.ABOVE,
            new Constant(2));
    private static final int MUTATIONS = 4_000;

    // --- which changes apply -------------------------------------------------------------------------------------

    @Test
    void aOneConditionEntryWithoutExitConditionsCanNeitherFlipACombinerNorLoseACondition() {
        List<Change> changes = Mutator.applicable(draft(List.of(OVERSOLD), List.of()));
        assertFalse(changes.contains(Change.COMBINER));
        assertFalse(changes.contains(Change.REMOVE_CONDITION));
        assertTrue(changes.containsAll(List.of(Change.PERIOD, Change.THRESHOLD, Change.ADD_CONDITION,
                Change.STOP_LOSS, Change.POSITION_SIZE)));
    }

    @Test
    void combinerAndRemovalApplyOnceARuleHasTwoConditionsOrTheExitHasOne() {
        assertTrue(Mutator.applicable(draft(List.of(OVERSOLD, TREND), List.of())).containsAll(
                List.of(Change.COMBINER, Change.REMOVE_CONDITION)));
        List<Change> oneExit = Mutator.applicable(draft(List.of(OVERSOLD), List.of(OVERBOUGHT)));
        assertTrue(oneExit.contains(Change.REMOVE_CONDITION), "the exit's only condition may go");
        assertFalse(oneExit.contains(Change.COMBINER), "a one-condition rule is always AND-ed");
        assertTrue(Mutator.applicable(draft(List.of(OVERSOLD), List.of(OVERBOUGHT, TREND)))
                .contains(Change.COMBINER));
    }

    @Test
    void aConditionCanBeAddedWhileEitherRuleHasRoom() {
        List<Condition> full = List.of(OVERSOLD, TREND, ABOVE_AVERAGE);
        assertFalse(Mutator.applicable(draft(full, full)).contains(Change.ADD_CONDITION));
        assertTrue(Mutator.applicable(draft(full, List.of(OVERBOUGHT, TREND))).contains(Change.ADD_CONDITION));
        assertTrue(Mutator.applicable(draft(List.of(OVERSOLD, TREND), full)).contains(Change.ADD_CONDITION));
    }

    @Test
    void thresholdsApplyOnlyWhereAConditionHasOneOrItsScaleTakesOne() {
        // price-scale indicators compared with each other: no threshold anywhere
        List<Change> priceOnly = Mutator.applicable(draft(List.of(ABOVE_AVERAGE), List.of(TREND)));
        assertFalse(priceOnly.contains(Change.THRESHOLD));
        // ... but the price's average has a period to move
        assertTrue(priceOnly.contains(Change.PERIOD));
        assertTrue(Mutator.applicable(draft(List.of(ABOVE_AVERAGE), List.of(OVERBOUGHT))).contains(Change.THRESHOLD));
        assertTrue(Mutator.applicable(draft(List.of(new Condition(RSI14, Comparison.ABOVE, STOCH14)), List.of()))
                .contains(Change.THRESHOLD), "an oscillator compared with an oscillator may take a threshold");
        assertTrue(Mutator.applicable(draft(List.of(OVERSOLD), List.of())).contains(Change.PERIOD));
        assertTrue(Mutator.applicable(draft(List.of(ABOVE_AVERAGE), List.of())).contains(Change.PERIOD),
                "the price has no period, the average it is compared with has");
    }

    @Test
    void applicableChangesComeInDeclarationOrder() {
        List<Change> all = Mutator.applicable(draft(List.of(OVERSOLD, TREND), List.of(OVERBOUGHT, ABOVE_AVERAGE)));
        assertEquals(List.of(Change.values()), all);
    }

    @Test
    void mutatingGenomesWithoutAnyThresholdNeverFails() {
        Genome parent = genome(RiskLevel.HIGH, Combiner.AND, List.of(ABOVE_AVERAGE), Combiner.AND, List.of(),
                0, 5, 0, 0, 50);
        for (Genome child : mutants(parent, 11, MUTATIONS)) {
            GeneSpaceChecks.assertProducible(child, RiskLevel.HIGH);
        }
    }

    // --- how many changes --------------------------------------------------------------------------------------

    @Test
    void mostMutantsCarryOneChangeAndNoneMoreThanThree() {
        Genome parent = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD, TREND), Combiner.OR,
                List.of(OVERBOUGHT, ABOVE_AVERAGE), 2, 4, 2, 48, 20);
        int several = 0;
        for (Genome child : mutants(parent, 12, MUTATIONS)) {
            int parts = changedParts(parent, child).size();
            assertTrue(parts <= 3, "one mutation changed " + changedParts(parent, child));
            if (parts >= 2) {
                several++;
            }
        }
        // 30 % of mutations make a second change, 9 % a third; some of those land on the same part
        double share = (double) several / MUTATIONS;
        assertTrue(share > 0.15 && share < 0.32, "share of mutants changed in several parts: " + share);
    }

    // --- combiners and the number of conditions ------------------------------------------------------------------

    @Test
    void aCombinerChangeFlipsTheOnlyRuleThatHasSeveralConditions() {
        Genome entryOnly = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD, TREND), Combiner.AND,
                List.of(OVERBOUGHT), 2, 0, 0, 0, 20);
        assertTrue(anyOnly(entryOnly, "entry", c -> c.entry().combiner() == Combiner.OR
                && c.entry().conditions().equals(entryOnly.entry().conditions())));

        Genome exitOnly = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD), Combiner.OR,
                List.of(OVERBOUGHT, ABOVE_AVERAGE), 2, 0, 0, 0, 20);
        // every combiner change flips the exit's: about 4,000 × 70 % single changes / 16 applicable weight = 175
        assertAtLeast(130, countOnly(exitOnly, "exit", c -> c.exit().combiner() == Combiner.AND
                && c.exit().conditions().equals(exitOnly.exit().conditions())), "flips of the exit's combiner");
    }

    @Test
    void whenBothRulesHaveSeveralConditionsEitherCombinerMayFlip() {
        Genome parent = genome(RiskLevel.MEDIUM, Combiner.OR, List.of(OVERSOLD, TREND), Combiner.AND,
                List.of(OVERBOUGHT, ABOVE_AVERAGE), 2, 0, 0, 0, 20);
        assertTrue(anyOnly(parent, "entry", c -> c.entry().combiner() == Combiner.AND
                && c.entry().conditions().equals(parent.entry().conditions())));
        assertTrue(anyOnly(parent, "exit", c -> c.exit().combiner() == Combiner.OR
                && c.exit().conditions().equals(parent.exit().conditions())));
    }

    @Test
    void aConditionIsAddedToTheRuleThatHasRoom() {
        List<Condition> full = List.of(OVERSOLD, TREND, ABOVE_AVERAGE);
        Genome fullExit = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(STOCH_LOW), Combiner.AND, full,
                2, 0, 0, 0, 20);
        Genome fullEntry = genome(RiskLevel.MEDIUM, Combiner.AND, full, Combiner.AND, List.of(STOCH_LOW),
                2, 0, 0, 0, 20);
        int grownEntries = 0;
        int grownExits = 0;
        for (Genome child : mutants(fullExit, 13, MUTATIONS)) {
            assertTrue(child.exit().conditions().size() <= Rule.MAX_CONDITIONS);
            if (child.entry().conditions().size() == 2) {
                grownEntries++;
            }
        }
        for (Genome child : mutants(fullEntry, 14, MUTATIONS)) {
            assertTrue(child.entry().conditions().size() <= Rule.MAX_CONDITIONS);
            if (child.exit().conditions().size() == 2) {
                grownExits++;
            }
        }
        assertTrue(grownEntries > 50, grownEntries + " entries grew");
        assertTrue(grownExits > 50, grownExits + " exits grew");
    }

    @Test
    void aOneConditionRuleThatGrowsGetsAFreshCombiner() {
        // a fresh combiner is OR three times in ten; a later combiner change in the same mutation is rare
        Genome parent = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD), Combiner.AND, List.of(), 2, 0, 0,
                0, 20);
        List<Combiner> grownEntries = new ArrayList<>();
        for (Genome child : mutants(parent, 15, MUTATIONS)) {
            if (child.entry().conditions().size() == 2 && child.entry().conditions().contains(OVERSOLD)) {
                grownEntries.add(child.entry().combiner());
            }
            if (child.exit().conditions().size() == 1) {
                assertEquals(Combiner.AND, child.exit().combiner());
            }
        }
        assertOrShare(grownEntries, "grown entries");
        Genome withExit = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD, TREND, STOCH_LOW), Combiner.AND,
                List.of(OVERBOUGHT), 2, 0, 0, 0, 20);
        List<Combiner> grownExits = new ArrayList<>();
        for (Genome child : mutants(withExit, 16, MUTATIONS)) {
            if (child.exit().conditions().size() == 2 && child.exit().conditions().contains(OVERBOUGHT)) {
                grownExits.add(child.exit().combiner());
            }
        }
        assertOrShare(grownExits, "grown exits");
    }

    private static void assertOrShare(List<Combiner> combiners, String what) {
        assertTrue(combiners.size() > 100, combiners.size() + " " + what);
        double or = combiners.stream().filter(c -> c == Combiner.OR).count() / (double) combiners.size();
        assertTrue(or > 0.2 && or < 0.4, what + ": " + or + " OR of " + combiners.size());
    }

    @Test
    void aConditionIsRemovedOnlyFromARuleThatCanSpareIt() {
        Genome noExitConditions = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD, TREND), Combiner.AND,
                List.of(), 2, 0, 0, 0, 20);
        assertTrue(anyOnly(noExitConditions, "entry", c -> c.entry().conditions().size() == 1));
        Genome oneEntry = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD), Combiner.AND,
                List.of(OVERBOUGHT, TREND), 2, 0, 0, 0, 20);
        assertTrue(anyOnly(oneEntry, "exit", c -> c.exit().conditions().size() == 1));
        for (Genome child : mutants(oneEntry, 17, MUTATIONS)) {
            assertFalse(child.entry().conditions().isEmpty());
        }
    }

    // --- indicators, periods, thresholds, comparisons ------------------------------------------------------------

    @Test
    void anIndicatorIsReplacedByAnotherOnTheSameScaleOnEitherSide() {
        Genome parent = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(TREND), Combiner.AND, List.of(), 2, 0, 0, 0,
                20);
        int leftReplaced = 0;
        int rightReplaced = 0;
        for (Genome child : mutants(parent, 18, MUTATIONS)) {
            if (!changedParts(parent, child).equals(Set.of("entry")) || child.entry().conditions().size() != 1) {
                continue;
            }
            Condition c = child.entry().conditions().get(0);
            if (c.comparison() != TREND.comparison()) {
                continue;
            }
            if (c.right().equals(EMA50) && c.left().kind() != IndicatorKind.SMA) {
                assertEquals(Scale.PRICE, c.left().scale());
                leftReplaced++;
            }
            if (c.left().equals(SMA20) && c.right() instanceof Indicator right
                    && right.kind() != IndicatorKind.EMA) {
                assertEquals(Scale.PRICE, right.scale());
                rightReplaced++;
            }
        }
        assertTrue(leftReplaced > 30 && rightReplaced > 30, leftReplaced + " left, " + rightReplaced + " right");
    }

    @Test
    void anIndicatorComparedWithAThresholdIsReplacedOnTheLeft() {
        Genome parent = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD), Combiner.AND, List.of(), 2, 0, 0, 0,
                20);
        assertTrue(anyOnly(parent, "entry", c -> {
            Condition condition = c.entry().conditions().get(0);
            return condition.left().kind() == IndicatorKind.STOCH_K && condition.right().equals(new Constant(30))
                    && condition.comparison() == Comparison.BELOW;
        }));
    }

    @Test
    void aPeriodMovesOneOrTwoRungsOnWhicheverSideHasOne() {
        // SMA(20) moves to 12, 14, 21 or 26; EMA(50) to 26, 30, 100 or 200. Replacing an indicator can also land on
        // the same kind, at any period, but rarely on exactly these: a period change makes the bulk of them.
        Set<Integer> nextTo20 = Set.of(12, 14, 21, 26);
        Set<Integer> nextTo50 = Set.of(26, 30, 100, 200);
        // the price has no period: only the average's can move
        Genome priceVsAverage = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(ABOVE_AVERAGE), Combiner.AND,
                List.of(), 2, 0, 0, 0, 20);
        assertAtLeast(50, countOnly(priceVsAverage, "entry", c -> {
            Condition condition = c.entry().conditions().get(0);
            return condition.left().equals(Indicator.price()) && condition.comparison() == Comparison.ABOVE
                    && condition.right() instanceof Indicator right && right.kind() == IndicatorKind.SMA
                    && nextTo20.contains(right.p1());
        }), "moves of the average's period");
        // the threshold has none: the RSI's moves (14 to 9, 10, 20 or 21)
        Genome oversold = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD), Combiner.AND, List.of(), 2, 0, 0,
                0, 20);
        assertAtLeast(50, countOnly(oversold, "entry", c -> {
            Condition condition = c.entry().conditions().get(0);
            return condition.left().kind() == IndicatorKind.RSI && Set.of(9, 10, 20, 21).contains(condition.left().p1())
                    && condition.right().equals(new Constant(30)) && condition.comparison() == Comparison.BELOW;
        }), "moves of the RSI's period");
        // both have one: either may move
        Genome trend = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(TREND), Combiner.AND, List.of(), 2, 0, 0, 0, 20);
        assertAtLeast(50, countOnly(trend, "entry", c -> {
            Condition condition = c.entry().conditions().get(0);
            return condition.comparison() == TREND.comparison() && condition.right().equals(EMA50)
                    && condition.left().kind() == IndicatorKind.SMA && nextTo20.contains(condition.left().p1());
        }), "moves of the left side's period");
        assertAtLeast(50, countOnly(trend, "entry", c -> {
            Condition condition = c.entry().conditions().get(0);
            return condition.comparison() == TREND.comparison() && condition.left().equals(SMA20)
                    && condition.right() instanceof Indicator right && right.kind() == IndicatorKind.EMA
                    && nextTo50.contains(right.p1());
        }), "moves of the right side's period");
    }

    @Test
    void aConditionToEditIsDrawnUniformlyFromBothRules() {
        Genome parent = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD), Combiner.AND, List.of(OVERBOUGHT),
                2, 0, 0, 0, 20);
        // same number of conditions: edits, not additions or removals
        int entryEdits = countOnly(parent, "entry", c -> c.entry().conditions().size() == 1);
        int exitEdits = countOnly(parent, "exit", c -> c.exit().conditions().size() == 1);
        double ratio = (double) entryEdits / exitEdits;
        assertTrue(ratio > 0.8 && ratio < 1.25, entryEdits + " entry edits, " + exitEdits + " exit edits");
    }

    @Test
    void aThresholdIsNudgedAtMostThreeStepsOrSwappedForAnIndicatorAndBack() {
        Genome parent = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(OVERSOLD), Combiner.AND, List.of(), 2, 0, 0, 0,
                20);
        int nudged = 0;
        int farther = 0;
        int swapped = 0;
        for (Genome child : mutants(parent, 19, MUTATIONS)) {
            if (!changedParts(parent, child).equals(Set.of("entry")) || child.entry().conditions().size() != 1) {
                continue;
            }
            Condition c = child.entry().conditions().get(0);
            if (!c.left().equals(RSI14) || c.comparison() != Comparison.BELOW) {
                continue;
            }
            if (c.right() instanceof Constant k) {
                // oscillator thresholds are steps of 5; two nudges of one mutation may add up
                if (Math.abs(k.value() - 30) > 15) {
                    farther++;
                }
                nudged++;
            } else {
                assertEquals(Scale.OSCILLATOR, ((Indicator) c.right()).scale());
                swapped++;
            }
        }
        assertTrue(nudged > 50 && swapped > 10, nudged + " nudged, " + swapped + " swapped");
        assertTrue(farther < 0.1 * nudged, farther + " of " + nudged + " thresholds moved more than three steps");

        Genome versusIndicator = genome(RiskLevel.MEDIUM, Combiner.AND,
                List.of(new Condition(RSI14, Comparison.BELOW, STOCH14)), Combiner.AND, List.of(), 2, 0, 0, 0, 20);
        assertTrue(anyOnly(versusIndicator, "entry", c -> {
            Condition condition = c.entry().conditions().get(0);
            return condition.left().equals(RSI14) && condition.comparison() == Comparison.BELOW
                    && condition.right() instanceof Constant;
        }), "an indicator on the right becomes a threshold again");
    }

    @Test
    void aComparisonChangePicksEachOtherComparisonAboutEquallyOften() {
        Genome parent = genome(RiskLevel.MEDIUM, Combiner.AND, List.of(TREND), Combiner.AND, List.of(), 2, 0, 0, 0,
                20);
        Map<Comparison, Integer> counts = new EnumMap<>(Comparison.class);
        for (Genome child : mutants(parent, 20, 5 * MUTATIONS)) {
            if (!changedParts(parent, child).equals(Set.of("entry")) || child.entry().conditions().size() != 1) {
                continue;
            }
            Condition c = child.entry().conditions().get(0);
            if (c.left().equals(SMA20) && c.right().equals(EMA50)) {
                assertFalse(c.comparison() == Comparison.CROSSES_ABOVE);
                counts.merge(c.comparison(), 1, Integer::sum);
            }
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(3, counts.size(), counts.toString());
        for (int count : counts.values()) {
            double share = (double) count / total;
            assertTrue(share > 0.26 && share < 0.41, counts.toString());
        }
    }

    // --- exits and position size ---------------------------------------------------------------------------------

    @Test
    void aHoldingLimitMovesOneRungAlongTheLadderOrIsRemoved() {
        assertMovesTo(48, Set.of(0, 24, 96));
        assertMovesTo(6, Set.of(0, 12)); // the bottom rung only goes up
        assertMovesTo(576, Set.of(0, 288)); // the top rung only goes down
        // a hand-written limit above the ladder comes down to its top rungs
        assertMovesTo(1_000, Set.of(0, 288, 576));
    }

    /**
     * Every value in {@code expected} occurs after a change of the holding limit alone, and (but for the rare
     * mutation that changes it twice) nothing else.
     */
    private static void assertMovesTo(int maxBars, Set<Integer> expected) {
        List<Integer> values = onlyChanged(exits(RiskLevel.MEDIUM, 2, 0, 0, maxBars), "maxBars", Genome::maxBarsHeld);
        assertEquals(expected, new TreeSet<>(values).stream().filter(expected::contains)
                .collect(java.util.stream.Collectors.toSet()), "from " + maxBars + ": " + new TreeSet<>(values));
        for (int value : expected) {
            long count = values.stream().filter(v -> v == value).count();
            assertTrue(count > 0.1 * values.size(), "from " + maxBars + " to " + value + ": " + count + " of "
                    + values.size());
        }
        long others = values.stream().filter(v -> !expected.contains(v)).count();
        assertTrue(others < 0.03 * values.size(), "from " + maxBars + ": " + others + " of " + values.size()
                + " not in " + expected);
    }

    @Test
    void aMissingHoldingLimitIsAddedFromTheLadder() {
        Set<Integer> added = maxBarsAfterItsOnlyChange(0);
        assertFalse(added.contains(0));
        assertTrue(added.size() >= 6, added.toString());
        for (int bars : added) {
            assertTrue(contains(GeneSpace.MAX_BARS, bars), bars + " is not on the ladder");
        }
    }

    @Test
    void aPresentHoldingLimitIsRemovedAboutOneTimeInFive() {
        Genome parent = exits(RiskLevel.MEDIUM, 2, 0, 0, 48);
        List<Integer> values = onlyChanged(parent, "maxBars", Genome::maxBarsHeld);
        double removed = values.stream().filter(v -> v == 0).count() / (double) values.size();
        assertTrue(removed > 0.1 && removed < 0.3, "removed in " + removed + " of " + values.size());
    }

    private static Set<Integer> maxBarsAfterItsOnlyChange(int maxBars) {
        return new TreeSet<>(onlyChanged(exits(RiskLevel.MEDIUM, 2, 0, 0, maxBars), "maxBars",
                Genome::maxBarsHeld));
    }

    @Test
    void aTakeProfitIsNudgedAtMostThreeStepsOrRemovedAboutOneTimeInFive() {
        List<Double> values = onlyChanged(exits(RiskLevel.MEDIUM, 2, 4, 0, 0), "takeProfit", Genome::takeProfitPct);
        assertNudgedOrRemoved(values, 4);
        List<Double> added = onlyChanged(exits(RiskLevel.MEDIUM, 2, 0, 0, 0), "takeProfit", Genome::takeProfitPct);
        assertFalse(added.isEmpty());
        added.forEach(v -> assertTrue(v >= 0.5 && v <= RiskLevel.MEDIUM.maxTakeProfitPct(), "take-profit " + v));
    }

    @Test
    void aTrailingStopIsNudgedAtMostThreeStepsOrRemovedAboutOneTimeInFive() {
        List<Double> values = onlyChanged(exits(RiskLevel.MEDIUM, 2, 0, 3, 0), "trailing", Genome::trailingStopPct);
        assertNudgedOrRemoved(values, 3);
        List<Double> added = onlyChanged(exits(RiskLevel.MEDIUM, 2, 0, 0, 0), "trailing", Genome::trailingStopPct);
        assertFalse(added.isEmpty());
        added.forEach(v -> assertTrue(v >= 0.5 && v <= RiskLevel.MEDIUM.maxTrailingPct(), "trailing stop " + v));
    }

    @Test
    void anOptionalStopLossMayBeRemovedButARequiredOneIsOnlyNudged() {
        assertNudgedOrRemoved(onlyChanged(exits(RiskLevel.HIGH, 3, 5, 0, 0), "stop", Genome::stopLossPct), 3);
        List<Double> required = onlyChanged(exits(RiskLevel.MEDIUM, 3, 5, 0, 0), "stop", Genome::stopLossPct);
        assertFalse(required.isEmpty());
        required.forEach(v -> assertTrue(v != 0, "a required stop-loss was removed"));
        long farther = required.stream().filter(v -> Math.abs(v - 3) > 0.75).count();
        assertTrue(farther < 0.1 * required.size(), farther + " of " + required.size() + " moved more than 3 steps");
    }

    @Test
    void thePositionSizeIsNudgedByAtMostTwoSteps() {
        List<Double> values = onlyChanged(exits(RiskLevel.MEDIUM, 2, 0, 0, 0), "position", Genome::positionPct);
        assertTrue(values.size() > 100, values.size() + " position changes");
        // steps of 5 %; the rare mutation that changes the position twice may move it further
        long farther = values.stream().filter(v -> Math.abs(v - 30) > 10).count();
        assertTrue(farther < 0.1 * values.size(), farther + " of " + values.size() + " moved more than two steps");
    }

    private static void assertNudgedOrRemoved(List<Double> values, double parent) {
        assertTrue(values.size() > 100, values.size() + " changes");
        int removed = 0;
        int farther = 0;
        for (double v : values) {
            if (v == 0) {
                removed++;
            } else if (Math.abs(v - parent) > 0.75) {
                // more than three quarter-percent steps: only when one mutation changes this exit twice
                farther++;
            }
        }
        assertTrue(farther < 0.1 * values.size(), farther + " of " + values.size() + " moved more than three steps");
        double share = (double) removed / values.size();
        assertTrue(share > 0.1 && share < 0.3, "removed in " + share + " of " + values.size());
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static GenomeDraft draft(List<Condition> entry, List<Condition> exit) {
        GenomeDraft draft = new GenomeDraft(RiskLevel.MEDIUM);
        draft.entry.addAll(entry);
        draft.exit.addAll(exit);
        draft.stopLossPct = 2;
        draft.positionPct = 20;
        return draft;
    }

    /** A canonical genome (the mutator's children are canonical, so a parent must be too to compare). */
    private static Genome genome(RiskLevel risk, Combiner entryCombiner, List<Condition> entry, Combiner exitCombiner,
                                 List<Condition> exit, double stop, double takeProfit, double trailing, int maxBars,
                                 double position) {
        GenomeDraft draft = new GenomeDraft(risk);
        draft.entryCombiner = entryCombiner;
        draft.entry.addAll(entry);
        draft.exitCombiner = exitCombiner;
        draft.exit.addAll(exit);
        draft.stopLossPct = stop;
        draft.takeProfitPct = takeProfit;
        draft.trailingStopPct = trailing;
        draft.maxBarsHeld = maxBars;
        draft.positionPct = position;
        return draft.toGenome(new GenomeSampler(risk, Xoshiro256.seeded(0)));
    }

    /** Two entry conditions and two exit conditions, position 30 %, the given exits. */
    private static Genome exits(RiskLevel risk, double stop, double takeProfit, double trailing, int maxBars) {
        return genome(risk, Combiner.AND, List.of(OVERSOLD, TREND), Combiner.OR, List.of(OVERBOUGHT, FAST_MOVE), stop,
                takeProfit, trailing, maxBars, 30);
    }

    private static List<Genome> mutants(Genome parent, long seed, int count) {
        Mutator mutator = new Mutator(new GenomeSampler(parent.risk(), Xoshiro256.seeded(seed)));
        List<Genome> children = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            children.add(mutator.mutate(parent));
        }
        return children;
    }

    /** How many children that differ from {@code parent} in {@code part} alone satisfy {@code test}. */
    private static int countOnly(Genome parent, String part, Predicate<Genome> test) {
        return (int) mutants(parent, part.hashCode(), MUTATIONS).stream()
                .filter(child -> changedParts(parent, child).equals(Set.of(part))).filter(test).count();
    }

    private static void assertAtLeast(int least, int count, String what) {
        assertTrue(count >= least, count + " " + what + ", expected at least " + least);
    }

    /** Whether some child that differs from {@code parent} in {@code part} alone satisfies {@code test}. */
    private static boolean anyOnly(Genome parent, String part, Predicate<Genome> test) {
        return mutants(parent, part.hashCode(), MUTATIONS).stream()
                .filter(child -> changedParts(parent, child).equals(Set.of(part))).anyMatch(test);
    }

    /** The value of {@code part} in every child that differs from {@code parent} in that part alone. */
    private static <T> List<T> onlyChanged(Genome parent, String part, java.util.function.Function<Genome, T> value) {
        List<T> out = new ArrayList<>();
        for (Genome child : mutants(parent, 21, MUTATIONS)) {
            if (changedParts(parent, child).equals(Set.of(part))) {
                out.add(value.apply(child));
            }
        }
        return out;
    }

    private static Set<String> changedParts(Genome a, Genome b) {
        Set<String> parts = new TreeSet<>();
        if (!a.entry().equals(b.entry())) {
            parts.add("entry");
        }
        if (!a.exit().equals(b.exit())) {
            parts.add("exit");
        }
        if (a.stopLossPct() != b.stopLossPct()) {
            parts.add("stop");
        }
        if (a.takeProfitPct() != b.takeProfitPct()) {
            parts.add("takeProfit");
        }
        if (a.trailingStopPct() != b.trailingStopPct()) {
            parts.add("trailing");
        }
        if (a.maxBarsHeld() != b.maxBarsHeld()) {
            parts.add("maxBars");
        }
        if (a.positionPct() != b.positionPct()) {
            parts.add("position");
        }
        return parts;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
