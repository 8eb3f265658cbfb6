package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Crossover of two parents of the same risk level into one child, at two levels:
 * <ul>
 *   <li>rules: the child's entry rule (and, independently, its exit rule) is one parent's whole rule
 *       (40 % each) or, 20 % of the time, a blend: a random subset of both parents' conditions, of a
 *       random size that fits in a rule, with one parent's combiner;</li>
 *   <li>parameters: stop-loss, take-profit, trailing stop, holding limit and position size are each taken
 *       from either parent with equal probability (uniform crossover).</li>
 * </ul>
 * Every part comes from a valid genome of the same risk level, so the child respects the risk bounds;
 * the only way it can be invalid is by never exiting, which {@link GenomeDraft#toGenome} repairs.
 */
final class Crossover {
    private static final double WHOLE_RULE_FROM_FIRST = 0.4;
    private static final double WHOLE_RULE_FROM_SECOND = 0.4;

    private final GenomeSampler sampler;
    private final Xoshiro256 rng;

    Crossover(GenomeSampler sampler) {
        this.sampler = sampler;
        this.rng = sampler.rng();
    }

    Genome cross(Genome first, Genome second) {
        if (first.risk() != second.risk()) {
            throw new IllegalArgumentException("parents of different risk levels: " + first.risk() + ", "
                    + second.risk());
        }
        GenomeDraft child = new GenomeDraft(first.risk());
        Rule entry = inherit(first.entry(), second.entry(), 1);
        child.entryCombiner = entry.combiner();
        child.entry.addAll(entry.conditions());
        Rule exit = inherit(first.exit(), second.exit(), 0);
        child.exitCombiner = exit.combiner();
        child.exit.addAll(exit.conditions());
        child.stopLossPct = either(first.stopLossPct(), second.stopLossPct());
        child.takeProfitPct = either(first.takeProfitPct(), second.takeProfitPct());
        child.trailingStopPct = either(first.trailingStopPct(), second.trailingStopPct());
        child.maxBarsHeld = rng.chance(0.5) ? first.maxBarsHeld() : second.maxBarsHeld();
        child.positionPct = either(first.positionPct(), second.positionPct());
        return child.toGenome(sampler);
    }

    private double either(double a, double b) {
        return rng.chance(0.5) ? a : b;
    }

    /** One parent's whole rule, or a blend of both with at least {@code minConditions} conditions. */
    private Rule inherit(Rule a, Rule b, int minConditions) {
        double u = rng.nextDouble();
        if (u < WHOLE_RULE_FROM_FIRST) {
            return a;
        }
        if (u < WHOLE_RULE_FROM_FIRST + WHOLE_RULE_FROM_SECOND) {
            return b;
        }
        return blend(a, b, minConditions);
    }

    /** Conditions drawn without replacement from both rules (first's, then second's, repeats removed). */
    private Rule blend(Rule a, Rule b, int minConditions) {
        List<Condition> pool = new ArrayList<>(a.conditions());
        for (Condition c : b.conditions()) {
            if (!pool.contains(c)) {
                pool.add(c);
            }
        }
        int size = rng.nextInt(Math.min(minConditions, pool.size()), Math.min(Rule.MAX_CONDITIONS, pool.size()));
        // Partial Fisher-Yates: the first `size` slots become a uniform random subset.
        for (int i = 0; i < size; i++) {
            int j = rng.nextInt(i, pool.size() - 1);
            Condition tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        return new Rule(rng.chance(0.5) ? a.combiner() : b.combiner(), pool.subList(0, size));
    }
}
