package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.IndicatorKind;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A made-up fitness landscape for testing the search without the engine. Its optimum is known:
 * "BUY when RSI(14) &lt; 30; stop 2 %, target 4 %" scores {@link #OPTIMUM} (3). Each entry condition scores
 * by how close it is to "RSI(14) &lt; 30", extra conditions cost a little, and stop and target score by
 * their distance to 2 % and 4 %. Genomes with three AND-ed entry conditions "trade too rarely" and get
 * no fitness, like the real minimum-trades rule. Its made-up daily Sharpe ratio is a twentieth of the score,
 * undefined (NaN) for those that "trade too rarely". Counts its calls, which tests compare with the search's.
 */
final class SyntheticFitness implements FitnessFunction {
    static final double OPTIMUM = 3.0;

    final AtomicLong calls = new AtomicLong();

    @Override
    public Trial evaluate(Genome genome) {
        calls.incrementAndGet();
        if (genome.entry().combiner() == Combiner.AND && genome.entry().conditions().size() == 3) {
            return new Trial(Fitness.NONE, Double.NaN);
        }
        double best = 0;
        for (Condition c : genome.entry().conditions()) {
            best = Math.max(best, closeness(c));
        }
        double score = best - 0.25 * (genome.entry().conditions().size() - 1)
                - 0.2 * Math.abs(genome.stopLossPct() - 2) - 0.1 * Math.abs(genome.takeProfitPct() - 4);
        return new Trial(Fitness.of(score), score / 20);
    }

    /** 3 for exactly "RSI(14) &lt; 30", less the further the condition is from it. */
    private static double closeness(Condition c) {
        if (c.left().kind() != IndicatorKind.RSI) {
            return 0;
        }
        double score = 1 - Math.abs(c.left().p1() - 14) / 200.0;
        if (c.comparison() == Comparison.BELOW) {
            score += 1;
        }
        if (c.right() instanceof Constant k) {
            score += 1 - Math.abs(k.value() - 30) / 100.0;
        }
        return score;
    }
}
