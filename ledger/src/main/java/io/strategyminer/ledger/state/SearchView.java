package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.miner.DeflatedSharpeRanking;
import io.strategyminer.miner.SearchSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A search and all its units.
 *
 * @param submitted   the submission's stamp (the submitter is its origin)
 * @param submission  what was submitted
 * @param status      see {@link SearchStatus}
 * @param unitsDone   how many units have a canonical strategy
 * @param unitsFailed how many units failed (see {@link UnitStatus#FAILED})
 * @param units       every unit, by index
 */
public record SearchView(Stamp submitted, SearchSubmitted submission, SearchStatus status, int unitsDone,
                         int unitsFailed, List<UnitView> units) {
    public SearchView {
        units = List.copyOf(units);
    }

    public String id() {
        return submission.searchId();
    }

    /** The search's parameters. */
    public SearchSpec spec() {
        return submission.spec();
    }

    /**
     * N of the whole search: the most genomes its units with a result can have evaluated, by the search's own
     * parameters ({@link DeflatedSharpeRanking#trials}), whatever their reporters say. It grows as units finish.
     */
    public long trialCount() {
        return DeflatedSharpeRanking.trials(spec().population(), spec().generations(),
                (int) units.stream().filter(unit -> unit.result().isPresent()).count());
    }

    /**
     * N the strategies of unit {@code unit} are deflated by: that of the units they were chosen among, those of its
     * walk-forward window (the whole search for a single split). It grows as units finish, so a strategy's deflated
     * Sharpe ratio only falls as the search tries more.
     */
    public long trialCountOf(int unit) {
        int window = spec().windowOf(unit);
        return DeflatedSharpeRanking.trials(spec().population(), spec().generations(),
                (int) windowUnits(window).stream().filter(u -> u.result().isPresent()).count());
    }

    /** The units that mine walk-forward window {@code window}, by index (every unit for a single split). */
    public List<UnitView> windowUnits(int window) {
        return units.stream().filter(unit -> spec().windowOf(unit.unit()) == window).toList();
    }

    /** Whether every unit of window {@code window} is done or failed: its choice can no longer change. */
    public boolean windowFinished(int window) {
        return windowUnits(window).stream().allMatch(unit -> unit.status().finished());
    }

    /**
     * The strategy of walk-forward window {@code window}: the best of its units' results by the one ranking rule
     * ({@link DeflatedSharpeRanking}, in-sample figures only), once every unit of the window has finished; empty
     * while it runs, and when all its units failed (the walk-forward then holds cash through the window's test
     * segment).
     */
    public Optional<StrategyView> windowStrategy(int window) {
        if (!windowFinished(window)) {
            return Optional.empty();
        }
        List<StrategyView> results = windowUnits(window).stream().flatMap(unit -> unit.result().stream()).toList();
        long trials = DeflatedSharpeRanking.trials(spec().population(), spec().generations(), results.size());
        return DeflatedSharpeRanking.bestFirst(results, result -> result.report().inSample(), trials).stream()
                .findFirst();
    }

    /**
     * What the finished units' reporters say they tried (genomes evaluated, moments of their Sharpe ratios),
     * merged in unit-index order ({@link DeflatedSharpeRanking#searchTrials}): shown, never used to rank.
     */
    public TrialStatistics trials() {
        List<TrialStatistics> byUnit = new ArrayList<>(units.size());
        for (UnitView unit : units) {
            unit.result().ifPresent(result -> byUnit.add(result.report().trials()));
        }
        return DeflatedSharpeRanking.searchTrials(byUnit);
    }
}
