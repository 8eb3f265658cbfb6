package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.Operand;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Scale;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Draws random valid genomes of one {@link RiskLevel} from the {@link GeneSpace}, and the random parts
 * (conditions, indicators, exits) the genetic operators splice in.
 *
 * <p>Shape of a fresh genome: 1–3 entry conditions (45 / 40 / 15 %), 0–3 exit conditions
 * (40 / 40 / 15 / 5 %), each rule AND-ed with probability 0.7; a condition's left side is any indicator
 * kind, uniformly; its right side is a threshold with probability 0.7 when the scale takes one, otherwise
 * another indicator on the same scale; the comparison is uniform. Exits: a stop-loss always when the risk
 * level requires one and with probability 0.75 otherwise, a take-profit with probability 0.6, a trailing
 * stop with 0.25, a holding limit with 0.25.
 */
public final class GenomeSampler {
    static final double THRESHOLD_SHARE = 0.7;
    static final double AND_SHARE = 0.7;
    static final double OPTIONAL_STOP_SHARE = 0.75;
    static final double TAKE_PROFIT_SHARE = 0.6;
    static final double TRAILING_STOP_SHARE = 0.25;
    static final double MAX_BARS_SHARE = 0.25;
    /** Probability of 1, 2, 3 entry conditions. */
    private static final double[] ENTRY_SIZES = {0.45, 0.40, 0.15};
    /** Probability of 0, 1, 2, 3 exit conditions. */
    private static final double[] EXIT_SIZES = {0.40, 0.40, 0.15, 0.05};
    /** Fresh draws before giving up on finding a genome not already taken; the space has billions. */
    private static final int DISTINCT_ATTEMPTS = 10_000;
    /** Draws of a right-hand indicator before concluding the scale has no other one (never happens). */
    private static final int OTHER_INDICATOR_ATTEMPTS = 100;
    private static final List<Comparison> COMPARISONS = List.of(Comparison.values());

    private final GeneSpace space;
    private final Xoshiro256 rng;

    public GenomeSampler(RiskLevel risk, Xoshiro256 rng) {
        this.space = new GeneSpace(risk);
        this.rng = rng;
    }

    GeneSpace space() {
        return space;
    }

    Xoshiro256 rng() {
        return rng;
    }

    public Genome sample() {
        GenomeDraft draft = new GenomeDraft(space.risk());
        draft.entryCombiner = combiner();
        draft.entry.addAll(conditions(1 + weightedIndex(ENTRY_SIZES)));
        draft.exitCombiner = combiner();
        draft.exit.addAll(conditions(weightedIndex(EXIT_SIZES)));
        boolean stop = space.risk().stopRequired() || rng.chance(OPTIONAL_STOP_SHARE);
        draft.stopLossPct = stop ? stopLoss() : 0;
        draft.takeProfitPct = rng.chance(TAKE_PROFIT_SHARE) ? takeProfit() : 0;
        draft.trailingStopPct = rng.chance(TRAILING_STOP_SHARE) ? trailingStop() : 0;
        draft.maxBarsHeld = rng.chance(MAX_BARS_SHARE) ? maxBars() : 0;
        draft.positionPct = positionSize();
        return draft.toGenome(this);
    }

    /** {@code count} pairwise distinct fresh genomes, none of them in {@code taken}. */
    public List<Genome> sampleDistinct(int count, Set<Genome> taken) {
        Set<Genome> seen = new HashSet<>(taken);
        List<Genome> out = new ArrayList<>(count);
        for (int attempts = 0; out.size() < count; attempts++) {
            if (attempts == DISTINCT_ATTEMPTS * Math.max(1, count)) {
                throw new IllegalStateException("could not draw " + count + " distinct genomes");
            }
            Genome genome = sample();
            if (seen.add(genome)) {
                out.add(genome);
            }
        }
        return out;
    }

    /** Index {@code i} with probability {@code weights[i]} (the weights sum to 1). */
    private int weightedIndex(double[] weights) {
        double u = rng.nextDouble();
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private List<Condition> conditions(int count) {
        List<Condition> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(condition());
        }
        return out;
    }

    Combiner combiner() {
        return rng.chance(AND_SHARE) ? Combiner.AND : Combiner.OR;
    }

    Condition condition() {
        Indicator left = indicator();
        return new Condition(left, comparison(), rightSide(left));
    }

    Comparison comparison() {
        return rng.pick(COMPARISONS);
    }

    Indicator indicator() {
        return GeneSpace.indicator(rng.pick(GeneSpace.kinds()), rng);
    }

    /** A threshold or another indicator that {@code left} can be compared with. */
    Operand rightSide(Indicator left) {
        Scale scale = left.scale();
        if (scale.allowsThreshold() && rng.chance(THRESHOLD_SHARE)) {
            return threshold(scale);
        }
        return otherIndicatorOn(scale, left);
    }

    Constant threshold(Scale scale) {
        return new Constant(GeneSpace.threshold(scale).sample(rng));
    }

    /** A random indicator on {@code scale} that differs from {@code other}. */
    Indicator otherIndicatorOn(Scale scale, Indicator other) {
        List<IndicatorKind> kinds = GeneSpace.kindsOn(scale);
        for (int attempt = 0; attempt < OTHER_INDICATOR_ATTEMPTS; attempt++) {
            Indicator candidate = GeneSpace.indicator(rng.pick(kinds), rng);
            if (!candidate.equals(other)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no indicator on the " + scale + " scale differs from " + other);
    }

    double stopLoss() {
        return space.stopLoss().sample(rng);
    }

    double takeProfit() {
        return space.takeProfit().sample(rng);
    }

    double trailingStop() {
        return space.trailingStop().sample(rng);
    }

    int maxBars() {
        return rng.pick(GeneSpace.MAX_BARS);
    }

    double positionSize() {
        return space.position().sample(rng);
    }
}
