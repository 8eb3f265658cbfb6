package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.backtest.genome.Scale;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Every operator's output is a genome the search may hold: valid, within the risk bounds, on the grids. */
class GeneticOperatorsProperties {
    @Property(tries = 300)
    void sampledGenomesAreValidAndWithinRiskBounds(@ForAll long seed, @ForAll RiskLevel risk) {
        GenomeSampler sampler = new GenomeSampler(risk, Xoshiro256.seeded(seed));
        for (int i = 0; i < 20; i++) {
            GeneSpaceChecks.assertProducible(sampler.sample(), risk);
        }
    }

    @Property(tries = 300)
    void mutantsAreValidAndWithinRiskBounds(@ForAll long seed, @ForAll RiskLevel risk) {
        GenomeSampler sampler = new GenomeSampler(risk, Xoshiro256.seeded(seed));
        Mutator mutator = new Mutator(sampler);
        Genome genome = sampler.sample();
        // A chain of mutations walks far from the sampled start, into the grids' outer steps.
        for (int i = 0; i < 40; i++) {
            genome = mutator.mutate(genome);
            GeneSpaceChecks.assertProducible(genome, risk);
        }
    }

    @Property(tries = 300)
    void childrenAreValidAndWithinRiskBounds(@ForAll long seed, @ForAll RiskLevel risk) {
        GenomeSampler sampler = new GenomeSampler(risk, Xoshiro256.seeded(seed));
        Crossover crossover = new Crossover(sampler);
        for (int i = 0; i < 20; i++) {
            GeneSpaceChecks.assertProducible(crossover.cross(sampler.sample(), sampler.sample()), risk);
        }
    }

    @Property(tries = 100)
    void bredGenerationsAreDistinctValidAndKeepTheElite(@ForAll long seed, @ForAll RiskLevel risk) {
        GenomeSampler sampler = new GenomeSampler(risk, Xoshiro256.seeded(seed));
        List<Genome> genomes = sampler.sampleDistinct(40, Set.of());
        List<Scored> population = new ArrayList<>();
        for (int i = 0; i < genomes.size(); i++) {
            population.add(new Scored(genomes.get(i), i % 7 == 0 ? Fitness.NONE : Fitness.of((i * 37) % 11)));
        }
        List<Genome> next = new Breeder(sampler).nextGeneration(population);
        assertEquals(40, next.size());
        assertEquals(40, new HashSet<>(next).size(), "duplicates in the next generation");
        assertEquals(Breeder.ranked(population).subList(0, Breeder.eliteCount(40)),
                next.subList(0, Breeder.eliteCount(40)));
        next.forEach(g -> GeneSpaceChecks.assertProducible(g, risk));
    }

    @Test
    void samplerCoversEveryIndicatorKindComparisonAndExitShape() {
        GenomeSampler sampler = new GenomeSampler(RiskLevel.HIGH, Xoshiro256.seeded(1));
        Set<IndicatorKind> kinds = EnumSet.noneOf(IndicatorKind.class);
        Set<Comparison> comparisons = EnumSet.noneOf(Comparison.class);
        Set<Integer> entrySizes = new HashSet<>();
        Set<Integer> exitSizes = new HashSet<>();
        boolean noStop = false;
        boolean threshold = false;
        boolean indicatorRight = false;
        for (int i = 0; i < 2_000; i++) {
            Genome genome = sampler.sample();
            genome.indicators().forEach(ind -> kinds.add(ind.kind()));
            entrySizes.add(genome.entry().conditions().size());
            exitSizes.add(genome.exit().conditions().size());
            noStop |= genome.stopLossPct() == 0;
            for (Condition c : genome.entry().conditions()) {
                comparisons.add(c.comparison());
                threshold |= c.right() instanceof Constant;
                indicatorRight |= c.right() instanceof Indicator;
            }
        }
        assertEquals(EnumSet.allOf(IndicatorKind.class), kinds);
        assertEquals(EnumSet.allOf(Comparison.class), comparisons);
        assertEquals(Set.of(1, 2, 3), entrySizes);
        assertEquals(Set.of(0, 1, 2, 3), exitSizes);
        assertTrue(noStop && threshold && indicatorRight);
    }

    @Test
    void everyKindOfMutationOccursAndChangesTheGenome() {
        GenomeSampler sampler = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(3));
        Mutator mutator = new Mutator(sampler);
        int changed = 0;
        int tries = 2_000;
        boolean periodMoved = false;
        boolean stopMoved = false;
        boolean thresholdMoved = false;
        for (int i = 0; i < tries; i++) {
            Genome parent = sampler.sample();
            Genome child = mutator.mutate(parent);
            if (!child.equals(parent)) {
                changed++;
            }
            periodMoved |= !child.indicators().equals(parent.indicators())
                    && child.indicators().size() == parent.indicators().size()
                    && child.indicators().stream().map(Indicator::kind).toList()
                    .equals(parent.indicators().stream().map(Indicator::kind).toList());
            stopMoved |= child.stopLossPct() != parent.stopLossPct() && child.stopLossPct() > 0;
            thresholdMoved |= thresholds(child).size() == thresholds(parent).size()
                    && !thresholds(child).equals(thresholds(parent));
        }
        // Some mutations hit a bound or swap in an equal part; most must change something.
        assertTrue(changed > tries * 0.85, changed + " of " + tries + " mutants differ from their parent");
        assertTrue(periodMoved && stopMoved && thresholdMoved);
    }

    private static List<Double> thresholds(Genome genome) {
        List<Double> out = new ArrayList<>();
        for (Rule rule : List.of(genome.entry(), genome.exit())) {
            for (Condition c : rule.conditions()) {
                if (c.right() instanceof Constant k) {
                    out.add(k.value());
                }
            }
        }
        return out;
    }

    @Test
    void crossoverMixesRulesAndParametersOfBothParents() {
        GenomeSampler sampler = new GenomeSampler(RiskLevel.MEDIUM, Xoshiro256.seeded(5));
        Crossover crossover = new Crossover(sampler);
        int entryFromSecond = 0;
        int stopFromSecond = 0;
        int blended = 0;
        for (int i = 0; i < 1_000; i++) {
            Genome a = sampler.sample();
            Genome b = sampler.sample();
            Genome child = crossover.cross(a, b);
            if (child.entry().equals(b.entry()) && !a.entry().equals(b.entry())) {
                entryFromSecond++;
            }
            if (child.stopLossPct() == b.stopLossPct() && a.stopLossPct() != b.stopLossPct()) {
                stopFromSecond++;
            }
            Set<Condition> fromBoth = new HashSet<>(a.entry().conditions());
            fromBoth.addAll(b.entry().conditions());
            assertTrue(fromBoth.containsAll(child.entry().conditions()), "entry condition from nowhere");
            if (!child.entry().equals(a.entry()) && !child.entry().equals(b.entry())) {
                blended++;
            }
        }
        assertTrue(entryFromSecond > 300 && stopFromSecond > 350 && blended > 100,
                entryFromSecond + " / " + stopFromSecond + " / " + blended);
    }

    @Test
    void thresholdGridsStayInsideTheirScalesRange() {
        Xoshiro256 rng = Xoshiro256.seeded(11);
        for (Scale scale : Scale.values()) {
            if (!scale.allowsThreshold()) {
                continue;
            }
            Grid grid = GeneSpace.threshold(scale);
            for (IndicatorKind kind : GeneSpace.kindsOn(scale)) {
                // The Condition constructor refuses a threshold outside the scale's range.
                for (int step : new int[] {grid.min(), grid.max()}) {
                    Condition c = new Condition(GeneSpace.indicator(kind, rng), Comparison.ABOVE,
                            new Constant(grid.value(step)));
                    assertEquals(grid.value(step), ((Constant) c.right()).value());
                }
            }
        }
    }
}
