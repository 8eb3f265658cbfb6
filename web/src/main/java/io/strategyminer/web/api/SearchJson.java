package io.strategyminer.web.api;

import java.util.List;

/**
 * A search as {@code GET /api/searches} lists it: its state, who submitted it, its dataset and parameters, and the
 * trials its units reported (web/README.md). {@link Detail} adds its units ({@code GET /api/searches/{id}}).
 *
 * @param status SUBMITTED, RUNNING or DONE
 */
public record SearchJson(String id, String status, String submitter, long lamport, int unitsDone, int unitsFailed,
                         int workUnits, DatasetLabelJson dataset, SearchParametersJson parameters, Trials trials) {

    /** @param count the search's trial count N; @param withSharpe genomes whose daily Sharpe ratio is defined */
    public record Trials(long count, long genomes, long withSharpe) {
    }

    /** {@code GET /api/searches/{id}}: the summary's fields, then every unit. */
    public record Detail(String id, String status, String submitter, long lamport, int unitsDone, int unitsFailed,
                         int workUnits, DatasetLabelJson dataset, SearchParametersJson parameters, Trials trials,
                         List<Unit> units) {

        public static Detail of(SearchJson s, List<Unit> units) {
            return new Detail(s.id(), s.status(), s.submitter(), s.lamport(), s.unitsDone(), s.unitsFailed(),
                    s.workUnits(), s.dataset(), s.parameters(), s.trials(), units);
        }

        /** The summary part, as {@code GET /api/searches} lists it. */
        public SearchJson summary() {
            return new SearchJson(id, status, submitter, lamport, unitsDone, unitsFailed, workUnits, dataset,
                    parameters, trials);
        }
    }

    /**
     * One work unit.
     *
     * @param window      its walk-forward window (0 for a single split)
     * @param status      OPEN, LEASED, VERIFYING or DONE
     * @param lease       its current lease; null if none
     * @param generation  its latest checkpoint's generation; null before the first
     * @param canonical   its canonical strategy's id; null before one
     * @param failure     why it failed; null unless it did
     * @param bestFitness the fitness of the genome its run ended with, once reported; null before
     */
    public record Unit(int unit, int window, String status, Lease lease, Integer generation, List<Report> reports,
                       String canonical, String failure, Double bestFitness) {
    }

    /** @param kind WORK, VERIFY or SPECULATIVE; @param deadlineMillis unix ms */
    public record Lease(String holder, String kind, long epoch, long deadlineMillis, String grantedBy) {
    }

    /** A strategy reported for the unit, and its status. */
    public record Report(String strategy, String status) {
    }
}
