package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Comparison;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Constant;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.Operand;
import io.strategyminer.backtest.genome.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Mutation: one to three small changes to a genome, each drawn uniformly from the changes that apply
 * to it (see {@link Change}). Changes stay inside the {@link GeneSpace} of the genome's risk level, so a
 * mutant is always valid and within the risk bounds.
 */
final class Mutator {
    /** After each change, another one follows with this probability (at most {@link #MAX_CHANGES}). */
    private static final double ANOTHER_CHANGE = 0.3;
    private static final int MAX_CHANGES = 3;
    /** Chance that a present stop/target/trailing stop/holding limit is removed, or an absent one added. */
    private static final double TOGGLE = 0.2;
    /** A threshold on an indicator's condition becomes an indicator (or back) with this probability. */
    private static final double SWAP_OPERAND_KIND = 0.2;
    /** Stops, targets and thresholds move by up to this many grid steps per change. */
    private static final int MAX_STEPS = 3;

    /**
     * What a mutation can change, with its relative weight. Replacing a whole condition weighs 4: once a
     * population has converged it is the main way new indicators enter it, and on the test landscapes
     * (see the README) it found planted edges markedly more often than with weight 1; every other change
     * weighs 1.
     */
    enum Change {
        /** Move one indicator's period (or MACD/Bollinger parameter) along its ladder. */
        PERIOD(1),
        /** Replace one indicator with another on the same scale. */
        INDICATOR(1),
        /** Replace a whole condition with a fresh one. */
        CONDITION(4),
        /** Nudge a threshold, or swap a threshold for an indicator or back. */
        THRESHOLD(1),
        /** Change a condition's comparison. */
        COMPARISON(1),
        /** Switch a rule between AND and OR. */
        COMBINER(1),
        ADD_CONDITION(1),
        REMOVE_CONDITION(1),
        STOP_LOSS(1),
        TAKE_PROFIT(1),
        TRAILING_STOP(1),
        MAX_BARS(1),
        POSITION_SIZE(1);

        final int weight;

        Change(int weight) {
            this.weight = weight;
        }
    }

    private final GenomeSampler sampler;
    private final Xoshiro256 rng;

    Mutator(GenomeSampler sampler) {
        this.sampler = sampler;
        this.rng = sampler.rng();
    }

    Genome mutate(Genome genome) {
        GenomeDraft draft = GenomeDraft.of(genome);
        int changes = 1;
        while (changes < MAX_CHANGES && rng.chance(ANOTHER_CHANGE)) {
            changes++;
        }
        for (int i = 0; i < changes; i++) {
            apply(pickWeighted(applicable(draft)), draft);
        }
        return draft.toGenome(sampler);
    }

    private Change pickWeighted(List<Change> changes) {
        int total = 0;
        for (Change change : changes) {
            total += change.weight;
        }
        int ticket = rng.nextInt(total);
        for (Change change : changes) {
            ticket -= change.weight;
            if (ticket < 0) {
                return change;
            }
        }
        throw new IllegalStateException("weights changed while drawing");
    }

    /** The changes that can alter {@code draft}, in {@link Change} order. */
    static List<Change> applicable(GenomeDraft draft) {
        List<Change> out = new ArrayList<>(Change.values().length);
        for (Change change : Change.values()) {
            if (appliesTo(change, draft)) {
                out.add(change);
            }
        }
        return out;
    }

    private static boolean appliesTo(Change change, GenomeDraft draft) {
        switch (change) {
            case PERIOD:
                return !conditionsWhere(draft, Mutator::hasParameters).isEmpty();
            case THRESHOLD:
                return !conditionsWhere(draft, c -> c.right() instanceof Constant
                        || c.left().scale().allowsThreshold()).isEmpty();
            case COMBINER:
                return draft.entry.size() > 1 || draft.exit.size() > 1;
            case ADD_CONDITION:
                return draft.entry.size() < Rule.MAX_CONDITIONS || draft.exit.size() < Rule.MAX_CONDITIONS;
            case REMOVE_CONDITION:
                return draft.entry.size() > 1 || !draft.exit.isEmpty();
            default:
                return true;
        }
    }

    private void apply(Change change, GenomeDraft draft) {
        switch (change) {
            case PERIOD:
                editCondition(draft, Mutator::hasParameters, this::movePeriod);
                break;
            case INDICATOR:
                editCondition(draft, c -> true, this::replaceIndicator);
                break;
            case CONDITION:
                editCondition(draft, c -> true, c -> sampler.condition());
                break;
            case THRESHOLD:
                editCondition(draft, c -> c.right() instanceof Constant || c.left().scale().allowsThreshold(),
                        this::changeThreshold);
                break;
            case COMPARISON:
                editCondition(draft, c -> true, this::changeComparison);
                break;
            case COMBINER:
                flipCombiner(draft);
                break;
            case ADD_CONDITION:
                addCondition(draft);
                break;
            case REMOVE_CONDITION:
                removeCondition(draft);
                break;
            case STOP_LOSS:
                draft.stopLossPct = draft.risk.stopRequired()
                        ? sampler.space().stopLoss().nudge(draft.stopLossPct, MAX_STEPS, rng)
                        : toggleOrNudge(draft.stopLossPct, sampler.space().stopLoss());
                break;
            case TAKE_PROFIT:
                draft.takeProfitPct = toggleOrNudge(draft.takeProfitPct, sampler.space().takeProfit());
                break;
            case TRAILING_STOP:
                draft.trailingStopPct = toggleOrNudge(draft.trailingStopPct, sampler.space().trailingStop());
                break;
            case MAX_BARS:
                draft.maxBarsHeld = changeMaxBars(draft.maxBarsHeld);
                break;
            case POSITION_SIZE:
                draft.positionPct = sampler.space().position().nudge(draft.positionPct, 2, rng);
                break;
            default:
                throw new IllegalStateException("unhandled change " + change);
        }
    }

    /** A present optional exit is removed with probability {@link #TOGGLE}, otherwise nudged; an absent one is added. */
    private double toggleOrNudge(double value, Grid grid) {
        if (value == 0) {
            return grid.sample(rng);
        }
        return rng.chance(TOGGLE) ? 0 : grid.nudge(value, MAX_STEPS, rng);
    }

    private int changeMaxBars(int maxBars) {
        if (maxBars == 0) {
            return sampler.maxBars();
        }
        if (rng.chance(TOGGLE)) {
            return 0;
        }
        int[] ladder = GeneSpace.MAX_BARS;
        int at = 0;
        while (at < ladder.length - 1 && ladder[at] < maxBars) {
            at++;
        }
        int moved = at + (rng.chance(0.5) ? 1 : -1);
        return ladder[Math.max(0, Math.min(ladder.length - 1, moved))];
    }

    private static boolean hasParameters(Condition condition) {
        return GeneSpace.hasParameters(condition.left().kind())
                || condition.right() instanceof Indicator i && GeneSpace.hasParameters(i.kind());
    }

    private Condition movePeriod(Condition c) {
        boolean left = GeneSpace.hasParameters(c.left().kind())
                && (!(c.right() instanceof Indicator right && GeneSpace.hasParameters(right.kind())) || rng.chance(0.5));
        if (left) {
            return sameOrEdited(c, GeneSpace.neighbour(c.left(), rng), c.right());
        }
        return sameOrEdited(c, c.left(), GeneSpace.neighbour((Indicator) c.right(), rng));
    }

    private Condition replaceIndicator(Condition c) {
        if (c.right() instanceof Indicator right && rng.chance(0.5)) {
            return sameOrEdited(c, c.left(), sampler.otherIndicatorOn(right.scale(), c.left()));
        }
        Indicator left = sampler.otherIndicatorOn(c.left().scale(), c.left());
        return sameOrEdited(c, left, c.right());
    }

    private Condition changeThreshold(Condition c) {
        if (c.right() instanceof Constant constant && !rng.chance(SWAP_OPERAND_KIND)) {
            Grid grid = GeneSpace.threshold(c.left().scale());
            return new Condition(c.left(), c.comparison(), new Constant(grid.nudge(constant.value(), MAX_STEPS, rng)));
        }
        Operand right = c.right() instanceof Constant
                ? sampler.otherIndicatorOn(c.left().scale(), c.left())
                : sampler.threshold(c.left().scale());
        return new Condition(c.left(), c.comparison(), right);
    }

    private Condition changeComparison(Condition c) {
        Comparison[] all = Comparison.values();
        Comparison other = all[(c.comparison().ordinal() + rng.nextInt(1, all.length - 1)) % all.length];
        return new Condition(c.left(), other, c.right());
    }

    /** The edited condition, or the original when the edit would compare an indicator with itself. */
    private static Condition sameOrEdited(Condition original, Indicator left, Operand right) {
        return left.equals(right) ? original : new Condition(left, original.comparison(), right);
    }

    private void flipCombiner(GenomeDraft draft) {
        boolean entry = draft.entry.size() > 1 && (draft.exit.size() < 2 || rng.chance(0.5));
        if (entry) {
            draft.entryCombiner = other(draft.entryCombiner);
        } else {
            draft.exitCombiner = other(draft.exitCombiner);
        }
    }

    private static Combiner other(Combiner combiner) {
        return combiner == Combiner.AND ? Combiner.OR : Combiner.AND;
    }

    private void addCondition(GenomeDraft draft) {
        boolean entryHasRoom = draft.entry.size() < Rule.MAX_CONDITIONS;
        boolean exitHasRoom = draft.exit.size() < Rule.MAX_CONDITIONS;
        boolean entry = entryHasRoom && (!exitHasRoom || rng.chance(0.5));
        List<Condition> rule = draft.rule(entry);
        if (rule.size() == 1) {
            // A one-condition rule is always AND-ed in canonical form; give the grown rule a fresh combiner.
            if (entry) {
                draft.entryCombiner = sampler.combiner();
            } else {
                draft.exitCombiner = sampler.combiner();
            }
        }
        rule.add(sampler.condition());
    }

    private void removeCondition(GenomeDraft draft) {
        boolean entryCan = draft.entry.size() > 1;
        boolean entry = entryCan && (draft.exit.isEmpty() || rng.chance(0.5));
        List<Condition> rule = draft.rule(entry);
        rule.remove(rng.nextInt(rule.size()));
    }

    /** Replaces one condition, drawn uniformly among those {@code eligible}, by {@code edit} of it. */
    private void editCondition(GenomeDraft draft, Predicate<Condition> eligible,
                               UnaryOperator<Condition> edit) {
        List<int[]> slots = conditionsWhere(draft, eligible);
        int[] slot = slots.get(rng.nextInt(slots.size()));
        List<Condition> rule = draft.rule(slot[0] == 0);
        rule.set(slot[1], edit.apply(rule.get(slot[1])));
    }

    /** {rule (0 entry, 1 exit), index} of every condition matching {@code eligible}, entry first. */
    private static List<int[]> conditionsWhere(GenomeDraft draft, Predicate<Condition> eligible) {
        List<int[]> slots = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            List<Condition> rule = draft.rule(r == 0);
            for (int i = 0; i < rule.size(); i++) {
                if (eligible.test(rule.get(i))) {
                    slots.add(new int[] {r, i});
                }
            }
        }
        return slots;
    }
}
