package io.strategyminer.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.stats.TrialStatistics;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runner on the real engine and real candles: determinism, resumption, cancellation, the report. */
class WorkUnitRunnerTest {
    private static Dataset dataset;
    private static Backtester backtester;
    private static WorkUnitSpec spec;

    @BeforeAll
    static void setUp() {
        dataset = TestData.btc2011();
        backtester = new Backtester(dataset, BacktestConfig.DEFAULT);
        spec = WorkUnitSpec.builder(dataset.id(), 2011).population(20).generations(6).checkpointEvery(1)
                .reported(4).build();
    }

    private static StrategyReport run(WorkUnitSpec spec, int threads, Optional<Checkpoint> from, CheckpointSink sink) {
        try (WorkUnitRunner runner = new WorkUnitRunner(threads)) {
            return runner.run(spec, backtester, from, ProgressListener.NONE, sink, CancellationToken.none());
        }
    }

    @Test
    void theSameSpecGivesTheSameReportOnOneTwoAndEightThreads() {
        StrategyReport one = run(spec, 1, Optional.empty(), CheckpointSink.NONE);
        assertEquals(one, run(spec, 2, Optional.empty(), CheckpointSink.NONE));
        assertEquals(one, run(spec, 8, Optional.empty(), CheckpointSink.NONE));
    }

    @Test
    void resumingFromEveryCheckpointGivesTheUninterruptedReport() {
        List<byte[]> checkpoints = new ArrayList<>();
        StrategyReport uninterrupted = run(spec, 2, Optional.empty(), c -> checkpoints.add(c.toBytes()));
        // Every generation but the last (which needs no checkpoint: the report follows at once).
        assertEquals(spec.generations() - 1, checkpoints.size());
        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint checkpoint = Checkpoint.fromBytes(checkpoints.get(i));
            assertEquals(i + 1, checkpoint.generation());
            int threads = 1 + i % 3;
            assertEquals(uninterrupted, run(spec, threads, Optional.of(checkpoint), CheckpointSink.NONE),
                    "resumed from generation " + checkpoint.generation() + " on " + threads + " threads");
        }
    }

    @Test
    void checkpointsComeEveryKGenerationsAndOnRequest() {
        WorkUnitSpec everyTwo = spec.toBuilder().checkpointEvery(2).build();
        List<Integer> generations = new ArrayList<>();
        run(everyTwo, 1, Optional.empty(), new CheckpointSink() {
            private int polls;

            @Override
            public void save(Checkpoint checkpoint) {
                generations.add(checkpoint.generation());
            }

            @Override
            public boolean wantsCheckpointNow() {
                return ++polls == 3;
            }
        });
        assertEquals(List.of(2, 3, 4), generations);
    }

    @Test
    void cancelledRunSavesItsLastGenerationAndResumesToTheSameReport() {
        StrategyReport uninterrupted = run(spec, 2, Optional.empty(), CheckpointSink.NONE);
        WorkUnitSpec rarely = spec.toBuilder().checkpointEvery(100).build();
        CancellationToken token = new CancellationToken();
        List<Checkpoint> saved = new ArrayList<>();
        try (WorkUnitRunner runner = new WorkUnitRunner(2)) {
            assertThrows(CancellationException.class, () -> runner.run(rarely, backtester, Optional.empty(),
                    summary -> {
                        if (summary.generation() == 3) {
                            token.cancel();
                        }
                    }, saved::add, token));
        }
        assertEquals(1, saved.size());
        assertEquals(3, saved.get(0).generation());
        // checkpointEvery is not part of the unit's identity: the checkpoint resumes under the original spec.
        assertEquals(uninterrupted, run(spec, 1, Optional.of(saved.get(0)), CheckpointSink.NONE));
    }

    @Test
    void cancelledWhileVerifyingTheBestSavesTheLastGenerationWhichResumesStraightToTheReport() {
        StrategyReport uninterrupted = run(spec, 2, Optional.empty(), CheckpointSink.NONE);
        CancellationToken token = new CancellationToken();
        List<Checkpoint> saved = new ArrayList<>();
        try (WorkUnitRunner runner = new WorkUnitRunner(1)) {
            assertThrows(CancellationException.class, () -> runner.run(spec, backtester, Optional.empty(),
                    summary -> {
                        if (summary.generation() == spec.generations()) {
                            token.cancel();
                        }
                    }, saved::add, token));
        }
        Checkpoint last = saved.get(saved.size() - 1);
        assertEquals(spec.generations(), last.generation());
        assertEquals(uninterrupted, run(spec, 2, Optional.of(last), CheckpointSink.NONE));
    }

    @Test
    void aCheckpointOfAnotherUnitIsRefused() {
        List<Checkpoint> checkpoints = new ArrayList<>();
        run(spec, 2, Optional.empty(), checkpoints::add);
        WorkUnitSpec other = spec.toBuilder().seed(2012).build();
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class,
                () -> run(other, 1, Optional.of(checkpoints.get(0)), CheckpointSink.NONE));
        assertTrue(e.getMessage().startsWith("checkpoint belongs to work unit " + spec.specHash()), e.getMessage());
    }

    @Test
    void aCheckpointCountingMoreEvaluationsThanItsGenerationsCouldRunIsRefused() {
        List<Checkpoint> checkpoints = new ArrayList<>();
        run(spec, 1, Optional.empty(), checkpoints::add);
        SearchState s = checkpoints.get(0).state();
        long evaluations = (long) spec.population() * s.generation() + 1;
        SearchState inflated = new SearchState(s.generation(), s.rng(), s.population(), s.hallOfFame(), evaluations,
                new TrialStatistics(evaluations, s.trials().sharpeCount(), s.trials().sharpeSum(),
                        s.trials().sharpeSumOfSquares()));
        InvalidCheckpointException e = assertThrows(InvalidCheckpointException.class, () -> run(spec, 1,
                Optional.of(new Checkpoint(spec.specHash(), inflated)), CheckpointSink.NONE));
        assertTrue(e.getMessage().contains("evaluations in 1 generations of 20 genomes"), e.getMessage());
    }

    @Test
    void aBacktesterOnOtherCandlesOrCostsIsRefused() {
        Dataset planted = TestData.plantedRally(2_000, 1);
        try (WorkUnitRunner runner = new WorkUnitRunner(1)) {
            IllegalArgumentException wrongData = assertThrows(IllegalArgumentException.class,
                    () -> runner.run(spec, new Backtester(planted, BacktestConfig.DEFAULT), Optional.empty(),
                            ProgressListener.NONE, CheckpointSink.NONE, CancellationToken.none()));
            assertTrue(wrongData.getMessage().contains(planted.id().hex()), wrongData.getMessage());
            assertThrows(IllegalArgumentException.class, () -> runner.run(spec,
                    new Backtester(dataset, BacktestConfig.FRICTIONLESS), Optional.empty(), ProgressListener.NONE,
                    CheckpointSink.NONE, CancellationToken.none()));
        }
    }

    @Test
    void theReportRanksDifferentStrategiesWithVerifiableDigests() {
        StrategyReport report = run(spec, 2, Optional.empty(), CheckpointSink.NONE);
        assertEquals(spec.specHash(), report.specHash());
        assertEquals(spec.seed(), report.seed());
        assertEquals(dataset.id(), report.datasetId());
        assertEquals(Split.DEFAULT, report.split());
        assertEquals(spec.generations(), report.generations());
        assertTrue(report.strategies().size() > 1 && report.strategies().size() <= spec.reported());
        assertTrue(report.backtests() > spec.population() && report.backtests() <= (long) spec.population()
                * spec.generations());
        for (int i = 0; i < report.strategies().size(); i++) {
            RankedStrategy strategy = report.strategies().get(i);
            if (i > 0) {
                // Strictly worse: equal fitness means the same trades, which the report shows once.
                assertTrue(report.strategies().get(i - 1).fitness().isBetterThan(strategy.fitness()));
            }
            // The fitness the search ranked by is the objective of the reported in-sample metrics, exactly.
            assertEquals(InSampleFitness.score(strategy.inSample(), spec.objective(), spec.minTrades()),
                    strategy.fitness());
            Verification verification = Verifier.verify(strategy.genome(), backtester, spec.split());
            assertEquals(strategy.digest(), verification.digest());
            assertEquals(strategy.inSample(), verification.inSample());
            assertEquals(strategy.outOfSample(), verification.outOfSample());
            assertEquals(report.engineVersion(), verification.engineVersion());
            GeneSpaceChecks.assertProducible(strategy.genome(), RiskLevel.MEDIUM);
        }
        assertEquals(report.strategies().get(0).digest(), report.digest());
        // Every genome of generation 0 is a distinct trial; re-evaluations are backtests but not new trials.
        TrialStatistics trials = report.trials();
        assertTrue(trials.genomes() >= spec.population() && trials.genomes() <= report.backtests(),
                trials + " of " + report.backtests() + " backtests");
        assertTrue(trials.sharpeCount() > 0, "94 in-sample days: trials have Sharpe ratios, " + trials);
        assertTrue(report.best().fitness().qualified(), "no strategy reached " + spec.minTrades() + " trades");
    }

    @Test
    void differentSeedsFindDifferentStrategies() {
        StrategyReport first = run(spec, 2, Optional.empty(), CheckpointSink.NONE);
        StrategyReport second = run(spec.toBuilder().seed(7).build(), 2, Optional.empty(), CheckpointSink.NONE);
        List<Genome> a = first.strategies().stream().map(RankedStrategy::genome).toList();
        List<Genome> b = second.strategies().stream().map(RankedStrategy::genome).toList();
        assertNotEquals(a, b);
        assertNotEquals(first.digest(), second.digest());
    }
}
