package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.Timeframe;
import io.strategyminer.miner.CancellationToken;
import io.strategyminer.miner.CheckpointSink;
import io.strategyminer.miner.DeflatedSharpeRanking;
import io.strategyminer.miner.Fitness;
import io.strategyminer.miner.GenerationSummary;
import io.strategyminer.miner.RankedStrategy;
import io.strategyminer.miner.SearchSpec;
import io.strategyminer.miner.StrategyReport;
import io.strategyminer.miner.WorkUnitRunner;
import io.strategyminer.miner.WorkUnitSpec;
import io.strategyminer.web.api.SignificanceJson;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer mine}: one genetic search (one work unit) on this machine, with a progress bar on
 * stderr, then the best strategies as readable rules with in- and out-of-sample metrics side by side.
 * The JSON form ({@code --json}) is documented in miner/README.md.
 */
@Command(name = "mine", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = SearchDefaults.class,
        description = {"Mine trading strategies on this machine: a genetic search over backtests of a dataset.",
                "Fitness is measured on the in-sample part only (the first 70 %% of the candles); the out-of-sample"
                        + " metrics beside it are the honest check. The same dataset, options and --seed give the"
                        + " same strategies and digests on any machine and any number of threads.",
                "A progress bar goes to stderr; results to stdout. --json prints {\"dataset\", \"spec\","
                        + " \"engineVersion\", \"searchVersion\", \"generations\", \"backtests\", \"run\","
                        + " \"strategies\":[{rank, rules, genome, fitness, inSample, outOfSample, digest}]}"
                        + " (see miner/README.md)."})
final class MineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    DatasetOption dataset;

    @Mixin
    GeneticSearchOptions genetic;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--top", paramLabel = "K", defaultValue = "" + WorkUnitSpec.DEFAULT_REPORTED,
            description = "Best strategies to show, each a different result (default: ${DEFAULT-VALUE}, at most "
                    + WorkUnitSpec.MAX_REPORTED + ").")
    int top;

    @Option(names = "--json", description = "Machine-readable output (stable, see above).")
    boolean json;

    @Override
    public void run() {
        int threadCount = threads.count();
        Dataset candles = dataset.resolve(dataDir.path());
        long chosenSeed = genetic.seed != null ? genetic.seed : new SecureRandom().nextLong();
        // one unit of a one-unit search, so that it is checked exactly as a submitted search is; its seed is --seed
        SearchSpec search = genetic.toBuilder().dataset(candles.id()).seed(chosenSeed).workUnits(1).quorum(1)
                .objectiveFor(candles.size(), candles.timeframeSeconds()).build();
        search.checkFits(candles.size(), candles.timeframeSeconds());
        WorkUnitSpec unit = search.workUnit(0).toBuilder().seed(chosenSeed).reported(top).build();
        Backtester backtester = new Backtester(candles, unit.backtest());

        long start = System.nanoTime();
        StrategyReport report;
        try (WorkUnitRunner runner = new WorkUnitRunner(threadCount);
             ConsoleProgress progress = ConsoleProgress.onStderr()) {
            report = runner.run(unit, backtester, Optional.empty(),
                    summary -> progress.update(summary.generation(), summary.generations(),
                            progressDetail(summary, System.nanoTime() - start)),
                    CheckpointSink.NONE, CancellationToken.none());
        }
        Run run = new Run(threadCount, (System.nanoTime() - start) / 1e9);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(candles, unit, report, run));
        } else {
            printReport(out, candles, unit, report, run);
        }
        out.flush();
    }

    /** Wall-clock facts of this run: shown to the user, never part of the result. */
    private record Run(int threads, double seconds) {
        double backtestsPerSecond(long backtests) {
            return seconds > 0 ? backtests / seconds : 0;
        }
    }

    private static String progressDetail(GenerationSummary summary, long elapsedNanos) {
        double perSecond = elapsedNanos > 0 ? summary.evaluations() / (elapsedNanos / 1e9) : 0;
        return String.format(Locale.ROOT, "gen %d/%d  best %s  %,.0f bt/s", summary.generation(),
                summary.generations(), fitness(summary.best()), perSecond);
    }

    private static String fitness(Fitness fitness) {
        return fitness.qualified() ? String.format(Locale.ROOT, "%.4f", fitness.value()) : "none";
    }

    /** N of this one unit, by the rule the cluster deflates a search with. */
    private static long trials(WorkUnitSpec unit) {
        return DeflatedSharpeRanking.trials(unit.population(), unit.generations(), 1);
    }

    private static void printReport(PrintWriter out, Dataset d, WorkUnitSpec unit, StrategyReport report, Run run) {
        out.printf(Locale.ROOT, "Mined %s (%s, %s, %,d candles, id %s)%n", d.name(), d.symbol(),
                Timeframe.label(d.timeframeSeconds()), d.size(), d.id().shortHex());
        out.printf(Locale.ROOT, "Search: population %d × %d generations, %s risk, objective %s, min %d trades, seed %d%n",
                unit.population(), unit.generations(), unit.risk(), unit.objective().id(), unit.minTrades(),
                unit.seed());
        out.printf(Locale.ROOT, "%,d backtests in %.2f s (%,.0f/s) on %d thread%s; engine %s%n", report.backtests(),
                run.seconds(), run.backtestsPerSecond(report.backtests()), run.threads(), run.threads() == 1 ? "" : "s",
                report.engineVersion());
        if (!report.best().fitness().qualified()) {
            out.printf(Locale.ROOT, "No strategy reached %d in-sample trades; the best below that are shown."
                    + " Try --min-trades lower, more candles or more generations.%n", unit.minTrades());
        }
        int rank = 0;
        for (RankedStrategy strategy : report.strategies()) {
            rank++;
            out.println();
            out.printf(Locale.ROOT, "#%d  %s %s%n", rank, unit.objective().id(), fitness(strategy.fitness()));
            out.println("    " + strategy.genome().toSentence());
            out.println("    " + StrategyPrinter.significance(SignificanceJson.of(strategy.inSample(), trials(unit))));
            new MetricsTable("    ", "in-sample", "buy and hold", "holdout", "buy and hold")
                    .metrics(strategy.inSample(), strategy.inSampleBuyAndHold(), strategy.outOfSample(),
                            strategy.outOfSampleBuyAndHold())
                    .print(out);
            out.println("    digest " + strategy.digest());
        }
    }

    private static String toJson(Dataset d, WorkUnitSpec unit, StrategyReport report, Run run) {
        ObjectNode root = CliJson.object();
        root.set("dataset", CliJson.dataset(d));
        ObjectNode s = root.putObject("spec");
        s.put("specHash", report.specHash());
        s.put("seed", unit.seed());
        s.put("population", unit.population());
        s.put("generations", unit.generations());
        s.put("risk", unit.risk().name());
        s.put("objective", unit.objective().id());
        s.put("minTrades", unit.minTrades());
        s.put("inSamplePercent", unit.split().inSamplePercent());
        s.put("feePct", unit.backtest().feePct());
        s.put("slippagePct", unit.backtest().slippagePct());
        s.put("initialCapital", unit.backtest().initialCapital());
        root.put("engineVersion", report.engineVersion());
        root.put("searchVersion", WorkUnitSpec.SEARCH_VERSION);
        root.put("generations", report.generations());
        root.put("backtests", report.backtests());
        root.putObject("trials").put("count", trials(unit)).put("genomes", report.trials().genomes())
                .put("withSharpe", report.trials().sharpeCount());
        ObjectNode r = root.putObject("run");
        r.put("threads", run.threads());
        r.put("seconds", run.seconds());
        r.put("backtestsPerSecond", run.backtestsPerSecond(report.backtests()));
        ArrayNode strategies = root.putArray("strategies");
        int rank = 0;
        for (RankedStrategy strategy : report.strategies()) {
            ObjectNode node = strategies.addObject();
            node.put("rank", ++rank);
            node.put("rules", strategy.genome().toSentence());
            node.set("genome", CliJson.genome(strategy.genome()));
            if (strategy.fitness().qualified()) {
                node.put("fitness", strategy.fitness().value());
            } else {
                node.putNull("fitness");
            }
            node.set("significance", CliJson.tree(SignificanceJson.of(strategy.inSample(), trials(unit))));
            node.set("inSample", CliJson.metrics(strategy.inSample()));
            node.set("outOfSample", CliJson.metrics(strategy.outOfSample()));
            ObjectNode buyAndHold = node.putObject("buyAndHold");
            buyAndHold.set("inSample", CliJson.metrics(strategy.inSampleBuyAndHold()));
            buyAndHold.set("outOfSample", CliJson.metrics(strategy.outOfSampleBuyAndHold()));
            node.put("digest", strategy.digest());
        }
        return CliJson.pretty(root);
    }
}
