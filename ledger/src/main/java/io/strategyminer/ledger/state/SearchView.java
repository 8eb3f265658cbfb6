package io.strategyminer.ledger.state;

import io.strategyminer.ledger.event.SearchSubmitted;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.miner.DeflatedSharpeRanking;
import io.strategyminer.miner.SearchSpec;
import java.util.ArrayList;
import java.util.List;

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
     * N, the trials the search's strategies are deflated by: the most genomes its units with a result can have
     * evaluated, by the search's own parameters ({@link DeflatedSharpeRanking#trials}), whatever their reporters
     * say. It grows as units finish, so a strategy's deflated Sharpe ratio only falls as the search tries more.
     */
    public long trialCount() {
        int finished = (int) units.stream().filter(unit -> unit.result().isPresent()).count();
        return DeflatedSharpeRanking.trials(spec().population(), spec().generations(), finished);
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
