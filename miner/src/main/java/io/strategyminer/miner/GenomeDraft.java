package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Combiner;
import io.strategyminer.backtest.genome.Condition;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A genome under construction: the operators edit its fields freely, then {@link #toGenome} puts it
 * into canonical form and makes it valid. Canonical form matters because the search removes duplicate
 * genomes and evaluates each distinct genome once: "A AND B" and "B AND A" are the same strategy, and
 * so is a one-condition rule whatever its combiner.
 */
final class GenomeDraft {
    final RiskLevel risk;
    Combiner entryCombiner = Combiner.AND;
    final List<Condition> entry = new ArrayList<>(Rule.MAX_CONDITIONS + 1);
    Combiner exitCombiner = Combiner.AND;
    final List<Condition> exit = new ArrayList<>(Rule.MAX_CONDITIONS + 1);
    double stopLossPct;
    double takeProfitPct;
    double trailingStopPct;
    int maxBarsHeld;
    double positionPct;

    /** Orders a rule's conditions by their text: total, and the same on every machine. */
    private static final Comparator<Condition> CANONICAL = Comparator.comparing(Condition::toString);

    GenomeDraft(RiskLevel risk) {
        this.risk = risk;
    }

    static GenomeDraft of(Genome genome) {
        GenomeDraft draft = new GenomeDraft(genome.risk());
        draft.entryCombiner = genome.entry().combiner();
        draft.entry.addAll(genome.entry().conditions());
        draft.exitCombiner = genome.exit().combiner();
        draft.exit.addAll(genome.exit().conditions());
        draft.stopLossPct = genome.stopLossPct();
        draft.takeProfitPct = genome.takeProfitPct();
        draft.trailingStopPct = genome.trailingStopPct();
        draft.maxBarsHeld = genome.maxBarsHeld();
        draft.positionPct = genome.positionPct();
        return draft;
    }

    /** The list of the rule the flag names. */
    List<Condition> rule(boolean isEntry) {
        return isEntry ? entry : exit;
    }

    boolean hasExit() {
        return !exit.isEmpty() || stopLossPct > 0 || takeProfitPct > 0 || trailingStopPct > 0 || maxBarsHeld > 0;
    }

    /**
     * The canonical, valid genome: each rule's conditions sorted and without repeats, a rule of fewer
     * than two conditions AND-ed; a genome that would never leave a trade (possible only where the risk
     * level makes the stop optional) gets a stop-loss drawn by {@code sampler}.
     *
     * @throws IllegalStateException if an operator left the entry rule empty (a bug, not bad luck)
     */
    Genome toGenome(GenomeSampler sampler) {
        if (entry.isEmpty()) {
            throw new IllegalStateException("an operator emptied the entry rule");
        }
        if (!hasExit()) {
            stopLossPct = sampler.stopLoss();
        }
        return new Genome(canonical(entryCombiner, entry), canonical(exitCombiner, exit), stopLossPct,
                takeProfitPct, trailingStopPct, maxBarsHeld, positionPct, risk);
    }

    private static Rule canonical(Combiner combiner, List<Condition> conditions) {
        List<Condition> sorted = conditions.stream().sorted(CANONICAL).distinct().toList();
        return new Rule(sorted.size() < 2 ? Combiner.AND : combiner, sorted);
    }
}
