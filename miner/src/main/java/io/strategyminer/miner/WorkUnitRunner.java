package io.strategyminer.miner;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Range;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;

/**
 * Runs work units: a genetic search over in-sample backtests, checkpointed as it goes, then the best
 * genomes verified on both ranges into a {@link StrategyReport}. One runner can run many units, one
 * after another or at once; its threads evaluate the genomes of each generation in parallel.
 */
public final class WorkUnitRunner implements AutoCloseable {
    private final PopulationEvaluator evaluator;

    /** A runner with its own {@code threads} evaluation threads (none beyond the caller's when 1). */
    public WorkUnitRunner(int threads) {
        this.evaluator = PopulationEvaluator.withThreads(threads);
    }

    /** A runner on a pool owned (and shut down) by the caller, using at most {@code parallelism} of its threads. */
    public WorkUnitRunner(ExecutorService executor, int parallelism) {
        this.evaluator = PopulationEvaluator.on(executor, parallelism);
    }

    /**
     * Runs {@code spec} to its end, from the beginning or from {@code resumeFrom}.
     *
     * @param backtester   over the spec's dataset with the spec's backtest config
     * @param resumeFrom   a checkpoint of this very spec, or empty to start afresh
     * @param progress     told about every finished generation
     * @param checkpoints  receives checkpoints (see {@link CheckpointSink} for when)
     * @param cancellation stops the run between two evaluations
     * @return the report, equal for equal specs whatever the thread count and wherever it resumed
     * @throws InvalidCheckpointException if {@code resumeFrom} belongs to another spec or does not fit it
     * @throws IllegalArgumentException   if the backtester's dataset or config is not the spec's
     * @throws CancellationException      when cancelled; the last finished generation has been checkpointed
     */
    public StrategyReport run(WorkUnitSpec spec, Backtester backtester, Optional<Checkpoint> resumeFrom,
                              ProgressListener progress, CheckpointSink checkpoints, CancellationToken cancellation) {
        checkBacktester(spec, backtester);
        String specHash = spec.specHash();
        SearchState start = resumeFrom.map(c -> resumableState(spec, specHash, c))
                .orElseGet(() -> SearchState.initial(spec.seed()));
        Dataset dataset = backtester.dataset();
        Range inSample = spec.split().inSample(dataset.size());
        FitnessFunction fitness = new InSampleFitness(backtester, inSample, spec.objective(), spec.minTrades());
        GeneticSearch search = new GeneticSearch(spec.population(), spec.generations(), spec.risk(), spec.reported(),
                fitness, evaluator);

        CheckpointSchedule schedule = new CheckpointSchedule(spec, specHash, start, progress, checkpoints);
        SearchState end;
        try {
            end = search.run(start, schedule::onGeneration, cancellation);
        } catch (CancellationException e) {
            schedule.saveUnsaved();
            throw e;
        }
        return report(spec, specHash, end, backtester, schedule, cancellation);
    }

    /** Re-runs every hall-of-fame genome on both ranges, as a verifier would, into the report. */
    private static StrategyReport report(WorkUnitSpec spec, String specHash, SearchState end, Backtester backtester,
                                         CheckpointSchedule schedule, CancellationToken cancellation) {
        List<RankedStrategy> strategies = new ArrayList<>(end.hallOfFame().size());
        String engineVersion = null;
        for (Scored scored : end.hallOfFame()) {
            if (cancellation.isCancelled()) {
                schedule.saveUnsaved();
                throw new CancellationException("work unit cancelled");
            }
            Verification verification = Verifier.verify(scored.genome(), backtester, spec.split());
            strategies.add(new RankedStrategy(scored.genome(), scored.fitness(), verification.inSample(),
                    verification.outOfSample(), verification.inSampleBuyAndHold(), verification.outOfSampleBuyAndHold(),
                    verification.tradesDigest(), verification.digest()));
            engineVersion = verification.engineVersion();
        }
        return new StrategyReport(specHash, spec.seed(), spec.datasetId(), spec.split(), engineVersion,
                end.generation(), end.evaluations(), end.trials(), strategies);
    }

    private static void checkBacktester(WorkUnitSpec spec, Backtester backtester) {
        if (!backtester.dataset().id().equals(spec.datasetId())) {
            throw new IllegalArgumentException("the backtester holds dataset " + backtester.dataset().id()
                    + ", the work unit is on " + spec.datasetId());
        }
        if (!backtester.config().equals(spec.backtest())) {
            throw new IllegalArgumentException("the backtester uses " + backtester.config() + ", the work unit "
                    + spec.backtest());
        }
    }

    /** The checkpoint's state, if it belongs to {@code spec} and fits it. */
    private static SearchState resumableState(WorkUnitSpec spec, String specHash, Checkpoint checkpoint) {
        if (!checkpoint.specHash().equals(specHash)) {
            throw new InvalidCheckpointException("checkpoint belongs to work unit " + checkpoint.specHash()
                    + ", not to this one (" + specHash + ")");
        }
        SearchState state = checkpoint.state();
        if (state.generation() < 1 || state.generation() > spec.generations()) {
            throw new InvalidCheckpointException("checkpoint at generation " + state.generation()
                    + " outside [1, " + spec.generations() + "]");
        }
        if (state.population().size() != spec.population() || state.hallOfFame().isEmpty()
                || state.hallOfFame().size() > spec.reported()) {
            throw new InvalidCheckpointException("checkpoint holds " + state.population().size()
                    + " genomes and a hall of fame of " + state.hallOfFame().size() + "; the unit has a population of "
                    + spec.population() + " and reports " + spec.reported());
        }
        if (state.evaluations() > (long) spec.population() * state.generation()) {
            throw new InvalidCheckpointException("checkpoint counts " + state.evaluations() + " evaluations in "
                    + state.generation() + " generations of " + spec.population() + " genomes");
        }
        for (List<Scored> group : List.of(state.population(), state.hallOfFame())) {
            for (Scored scored : group) {
                if (scored.genome().risk() != spec.risk()) {
                    throw new InvalidCheckpointException("checkpoint holds a " + scored.genome().risk()
                            + " genome in a " + spec.risk() + " work unit");
                }
            }
        }
        return state;
    }

    @Override
    public void close() {
        evaluator.close();
    }

    /** Reports progress and delivers checkpoints after each generation; remembers what was saved. */
    private static final class CheckpointSchedule {
        private final WorkUnitSpec spec;
        private final String specHash;
        private final ProgressListener progress;
        private final CheckpointSink sink;
        private SearchState last;
        private int savedGeneration;

        CheckpointSchedule(WorkUnitSpec spec, String specHash, SearchState start, ProgressListener progress,
                           CheckpointSink sink) {
            this.spec = spec;
            this.specHash = specHash;
            this.progress = progress;
            this.sink = sink;
            this.last = start;
            // The state we start from is either nothing or a checkpoint already.
            this.savedGeneration = start.generation();
        }

        void onGeneration(SearchState state) {
            long evaluated = state.evaluations() - last.evaluations();
            last = state;
            progress.onGeneration(new GenerationSummary(state.generation(), spec.generations(), state.best().fitness(),
                    generationBest(state), qualified(state), (int) evaluated, state.evaluations()));
            boolean due = state.generation() % spec.checkpointEvery() == 0 && state.generation() < spec.generations();
            boolean requested = sink.wantsCheckpointNow();
            if (due || requested) {
                save(state);
            }
        }

        void saveUnsaved() {
            if (last.generation() > savedGeneration) {
                save(last);
            }
        }

        private void save(SearchState state) {
            sink.save(new Checkpoint(specHash, state));
            savedGeneration = state.generation();
        }

        private static Fitness generationBest(SearchState state) {
            Fitness best = Fitness.NONE;
            for (Scored scored : state.population()) {
                if (scored.fitness().isBetterThan(best)) {
                    best = scored.fitness();
                }
            }
            return best;
        }

        private static int qualified(SearchState state) {
            return (int) state.population().stream().filter(s -> s.fitness().qualified()).count();
        }
    }
}
