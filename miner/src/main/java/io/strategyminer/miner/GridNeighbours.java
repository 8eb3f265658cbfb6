package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A genome's neighbours on the miner's gene grid ({@link GeneSpace}): every indicator parameter and threshold of its
 * conditions, every exit it has (stop-loss, take-profit, trailing stop, holding limit) and its size, each moved one
 * step down and one step up its ladder or grid, one at a time. A step that would leave the legal values is not taken,
 * nor one that makes an invalid genome (an indicator compared with itself, a MACD whose fast period is not below its
 * slow one); exits the genome does not use are not switched on. A value off the grid (a genome written by hand) moves
 * to the grid values on either side of it.
 *
 * <p>Order, fixed so that every peer lists the same neighbours: entry conditions then exit conditions, each one's
 * left side before its right side, parameters in the indicator's order, its threshold; then stop-loss, take-profit,
 * trailing stop, holding limit, size; each parameter's step down before its step up.
 */
public final class GridNeighbours {
    private final Genome genome;
    private final GeneSpace space;
    private final List<Step> out = new ArrayList<>();

    /**
     * One neighbour: the step that makes it and the genome.
     *
     * @param parameter what moved, e.g. "BUY 1: RSI(14) period", "SELL 2: threshold", "stop-loss %"
     * @param from      its value in the genome, as the genome prints it
     * @param to        its value in the neighbour
     */
    public record Step(String parameter, String from, String to, Genome genome) {
    }

    private GridNeighbours(Genome genome) {
        this.genome = genome;
        this.space = new GeneSpace(genome.risk());
    }

    /** Every neighbour of {@code genome}, in the order above. */
    public static List<Step> of(Genome genome) {
        GridNeighbours neighbours = new GridNeighbours(genome);
        neighbours.conditions(true);
        neighbours.conditions(false);
        neighbours.exits();
        return List.copyOf(neighbours.out);
    }

    private void conditions(boolean entry) {
        List<Condition> conditions = (entry ? genome.entry() : genome.exit()).conditions();
        for (int c = 0; c < conditions.size(); c++) {
            Condition condition = conditions.get(c);
            int at = c;
            String prefix = (entry ? "BUY " : "SELL ") + (c + 1) + ": ";
            indicator(prefix, condition.left(), moved -> withCondition(entry, at,
                    new Condition(moved, condition.comparison(), condition.right())));
            if (condition.right() instanceof Indicator right) {
                indicator(prefix, right, moved -> withCondition(entry, at,
                        new Condition(condition.left(), condition.comparison(), moved)));
            } else if (condition.right() instanceof Constant threshold) {
                grid(prefix + "threshold", threshold.value(), GeneSpace.threshold(condition.left().scale()),
                        value -> withCondition(entry, at,
                                new Condition(condition.left(), condition.comparison(), new Constant(value))));
            }
        }
    }

    /** Each parameter of {@code indicator} one rung down and up its ladder. */
    private void indicator(String prefix, Indicator indicator, Function<Indicator, Genome> build) {
        IndicatorKind kind = indicator.kind();
        int[] values = {indicator.p1(), indicator.p2(), indicator.p3()};
        for (int p = 0; p < kind.parameterCount(); p++) {
            int parameter = p;
            ladder(prefix + indicator + " " + parameterName(kind, p), values[p], ladder(kind, p), moved -> {
                int[] changed = values.clone();
                changed[parameter] = moved;
                return build.apply(new Indicator(kind, changed[0], changed[1], changed[2]));
            });
        }
    }

    private static int[] ladder(IndicatorKind kind, int parameter) {
        switch (kind) {
            case MACD:
            case MACD_SIGNAL:
            case MACD_HIST:
                return parameter == 0 ? GeneSpace.MACD_FAST : parameter == 1 ? GeneSpace.MACD_SLOW : GeneSpace.MACD_SIGNAL;
            case BB_UPPER:
            case BB_LOWER:
            case BB_PCTB:
                return parameter == 0 ? GeneSpace.BOLLINGER_PERIODS : GeneSpace.BOLLINGER_WIDTHS;
            default:
                return GeneSpace.PERIODS;
        }
    }

    private static String parameterName(IndicatorKind kind, int parameter) {
        if (kind == IndicatorKind.MACD || kind == IndicatorKind.MACD_SIGNAL || kind == IndicatorKind.MACD_HIST) {
            return parameter == 0 ? "fast" : parameter == 1 ? "slow" : "signal";
        }
        return kind.isBollinger() && parameter == 1 ? "width (tenths of σ)" : "period";
    }

    private void exits() {
        Genome g = genome;
        if (g.stopLossPct() > 0) {
            grid("stop-loss %", g.stopLossPct(), space.stopLoss(), v -> new Genome(g.entry(), g.exit(), v,
                    g.takeProfitPct(), g.trailingStopPct(), g.maxBarsHeld(), g.positionPct(), g.risk()));
        }
        if (g.takeProfitPct() > 0) {
            grid("take-profit %", g.takeProfitPct(), space.takeProfit(), v -> new Genome(g.entry(), g.exit(),
                    g.stopLossPct(), v, g.trailingStopPct(), g.maxBarsHeld(), g.positionPct(), g.risk()));
        }
        if (g.trailingStopPct() > 0) {
            grid("trailing stop %", g.trailingStopPct(), space.trailingStop(), v -> new Genome(g.entry(), g.exit(),
                    g.stopLossPct(), g.takeProfitPct(), v, g.maxBarsHeld(), g.positionPct(), g.risk()));
        }
        if (g.maxBarsHeld() > 0) {
            ladder("holding limit (candles)", g.maxBarsHeld(), GeneSpace.MAX_BARS, v -> new Genome(g.entry(),
                    g.exit(), g.stopLossPct(), g.takeProfitPct(), g.trailingStopPct(), v, g.positionPct(), g.risk()));
        }
        grid("size %", g.positionPct(), space.position(), v -> new Genome(g.entry(), g.exit(), g.stopLossPct(),
                g.takeProfitPct(), g.trailingStopPct(), g.maxBarsHeld(), v, g.risk()));
    }

    private Genome withCondition(boolean entry, int at, Condition condition) {
        Rule rule = entry ? genome.entry() : genome.exit();
        List<Condition> conditions = new ArrayList<>(rule.conditions());
        conditions.set(at, condition);
        Rule changed = new Rule(rule.combiner(), conditions);
        return new Genome(entry ? changed : genome.entry(), entry ? genome.exit() : changed, genome.stopLossPct(),
                genome.takeProfitPct(), genome.trailingStopPct(), genome.maxBarsHeld(), genome.positionPct(),
                genome.risk());
    }

    private void grid(String parameter, double value, Grid grid, DoubleFunction<Genome> build) {
        step(parameter, value, grid.below(value), build);
        step(parameter, value, grid.above(value), build);
    }

    private void step(String parameter, double value, OptionalDouble moved, DoubleFunction<Genome> build) {
        if (moved.isPresent()) {
            add(parameter, text(value), text(moved.getAsDouble()), () -> build.apply(moved.getAsDouble()));
        }
    }

    /** The rungs of {@code ladder} (ascending) strictly below and above {@code value}. */
    private void ladder(String parameter, int value, int[] ladder, IntFunction<Genome> build) {
        for (int i = ladder.length - 1; i >= 0; i--) {
            if (ladder[i] < value) {
                int moved = ladder[i];
                add(parameter, Integer.toString(value), Integer.toString(moved), () -> build.apply(moved));
                break;
            }
        }
        for (int rung : ladder) {
            if (rung > value) {
                add(parameter, Integer.toString(value), Integer.toString(rung), () -> build.apply(rung));
                break;
            }
        }
    }

    /** Adds the neighbour {@code build} makes, unless the move makes an invalid genome. */
    private void add(String parameter, String from, String to, Supplier<Genome> build) {
        Genome neighbour;
        try {
            neighbour = build.get();
        } catch (IllegalArgumentException invalid) {
            return; // e.g. an indicator moved onto the other side of its condition: not a strategy, not a neighbour
        }
        out.add(new Step(parameter, from, to, neighbour));
    }

    /** A grid value as the genome's sentence prints it ("0.3", "25"). */
    private static String text(double value) {
        return new Constant(value).toString();
    }
}
