package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.Operand;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import io.strategyminer.backtest.genome.Scale;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random genomes shaped like a GA's: periods, thresholds, stops and sizes on grids (so a
 * population shares conditions, as the miner's does), 1–3 entry and 0–2 exit conditions.
 */
public final class RandomGenomes {
    private static final int[] PERIODS = {5, 7, 9, 10, 12, 14, 20, 21, 26, 30, 40, 50, 100, 200};
    private static final IndicatorKind[] KINDS = IndicatorKind.values();

    private final SplittableRandom rng;

    public RandomGenomes(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** Any indicator, any exit, any risk level. */
    public Genome any() {
        RiskLevel risk = RiskLevel.values()[rng.nextInt(3)];
        Rule entry = rule(1 + rng.nextInt(3), false);
        Rule exit = rng.nextInt(3) == 0 ? Rule.none() : rule(1 + rng.nextInt(2), false);
        double stop = risk.stopRequired() || rng.nextBoolean() ? half(risk.minStopPct(), risk.maxStopPct()) : 0;
        double target = rng.nextInt(4) == 0 ? 0 : half(0.5, risk.maxTakeProfitPct());
        double trailing = rng.nextInt(4) == 0 ? half(0.5, risk.maxTrailingPct()) : 0;
        int maxBars = rng.nextInt(4) == 0 ? 12 * (1 + rng.nextInt(24)) : 0;
        if (exit.isEmpty() && stop == 0 && target == 0 && trailing == 0 && maxBars == 0) {
            maxBars = 48;
        }
        return new Genome(entry, exit, stop, target, trailing, maxBars, position(risk), risk);
    }

    /**
     * The ta4j comparison's genomes: RSI thresholds and EMA crosses, always a stop and a target,
     * no trailing stop or holding limit (ta4j has no equivalent of those).
     */
    public Genome rsiEma() {
        RiskLevel risk = RiskLevel.HIGH;
        Rule entry = rule(1 + rng.nextInt(2), true);
        Rule exit = rng.nextBoolean() ? Rule.none() : rule(1, true);
        return new Genome(entry, exit, half(0.5, 6), half(0.5, 12), 0, 0, position(risk), risk);
    }

    private Rule rule(int conditions, boolean rsiEmaOnly) {
        List<Condition> list = new ArrayList<>();
        while (list.size() < conditions) {
            Condition c = rsiEmaOnly ? rsiEmaCondition() : condition();
            if (!list.contains(c)) {
                list.add(c);
            }
        }
        return new Rule(rng.nextBoolean() ? Combiner.AND : Combiner.OR, list);
    }

    private Condition rsiEmaCondition() {
        if (rng.nextBoolean()) {
            Indicator rsi = Indicator.of(IndicatorKind.RSI, period());
            return new Condition(rsi, comparison(), new Constant(5 * (2 + rng.nextInt(17))));
        }
        int fast = period();
        int slow = period();
        while (slow == fast) {
            slow = period();
        }
        return new Condition(Indicator.of(IndicatorKind.EMA, fast),
                rng.nextBoolean() ? Comparison.CROSSES_ABOVE : Comparison.CROSSES_BELOW,
                Indicator.of(IndicatorKind.EMA, slow));
    }

    private Condition condition() {
        Indicator left = indicator(KINDS[rng.nextInt(KINDS.length)]);
        Scale scale = left.scale();
        if (scale.allowsThreshold() && rng.nextInt(3) > 0) {
            return new Condition(left, comparison(), threshold(scale));
        }
        Operand right;
        do {
            right = indicator(sameScale(scale));
        } while (right.equals(left));
        return new Condition(left, comparison(), right);
    }

    private IndicatorKind sameScale(Scale scale) {
        IndicatorKind kind;
        do {
            kind = KINDS[rng.nextInt(KINDS.length)];
        } while (kind.scale() != scale);
        return kind;
    }

    private Indicator indicator(IndicatorKind kind) {
        return switch (kind) {
            case PRICE -> Indicator.price();
            case MACD -> Indicator.of(kind, 12, 26);
            case MACD_SIGNAL, MACD_HIST -> rng.nextBoolean() ? Indicator.of(kind, 12, 26, 9) : Indicator.of(kind, 5, 35, 5);
            case BB_UPPER, BB_LOWER, BB_PCTB -> Indicator.of(kind, period(), 10 + 5 * rng.nextInt(7));
            default -> Indicator.of(kind, period());
        };
    }

    private Constant threshold(Scale scale) {
        double min = scale.thresholdMin();
        double max = scale.thresholdMax();
        int steps = 20;
        double value = min + (max - min) * rng.nextInt(steps + 1) / steps;
        return new Constant(value);
    }

    private Comparison comparison() {
        return Comparison.values()[rng.nextInt(4)];
    }

    private int period() {
        return PERIODS[rng.nextInt(PERIODS.length)];
    }

    /** A value in {@code [min, max]} on a 0.5 grid. */
    private double half(double min, double max) {
        int lo = (int) Math.ceil(min * 2);
        int hi = (int) Math.floor(max * 2);
        return (lo + rng.nextInt(hi - lo + 1)) / 2.0;
    }

    private double position(RiskLevel risk) {
        int lo = (int) Math.ceil(risk.minPositionPct() / 5);
        int hi = (int) Math.floor(risk.maxPositionPct() / 5);
        return 5.0 * (lo + rng.nextInt(hi - lo + 1));
    }
}
