package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.EngineVersion;
import io.strategyminer.backtest.Range;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.Timeframe;
import io.strategyminer.miner.ThroughputProbe;
import io.strategyminer.miner.ThroughputProbe.Throughput;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer bench}: this machine's backtests per second, on one thread (per core) and on N threads,
 * for the random genomes a search starts from, over every candle of a dataset.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure this machine's backtests per second: on 1 thread (per core) and on N threads.",
                "The workload is " + ThroughputProbe.GENOMES + " random genomes as a search's first generation draws"
                        + " them (MEDIUM risk), each backtested over every candle of the dataset, metrics only,"
                        + " after a warm-up. The reference figure is on the 39,017-candle BTC/USD 2011 file"
                        + " (import it with `peer data import FILE`, then --dataset NAME).",
                "Absolute rates move from machine to machine; the engine's speed against ta4j 0.17 is measured as a"
                        + " ratio, both engines in one JVM: ta4j is a test-only dependency, not in peer.jar, so this"
                        + " command prints the Maven command that measures it (" + BenchCommand.TA4J_COMPARISON + ").",
                "--json prints {\"dataset\":{id,name,symbol,timeframeSeconds,candles}, \"engineVersion\","
                        + " \"genomes\", \"warmupSeconds\", \"singleThread\" and \"allThreads\":"
                        + " {threads, backtests, seconds, backtestsPerSecond, backtestsPerSecondPerThread},"
                        + " \"ta4jComparison\": the command that measures the ratio to ta4j}."})
final class BenchCommand implements Runnable {
    /** The same genomes on every machine, so figures compare. */
    private static final long WORKLOAD_SEED = 20_240_601L;
    /**
     * Measures ours against ta4j 0.17 in one JVM (same genomes, same data, alternating rounds, CPU time per core) and
     * checks that every trade list matches; run in a source checkout, with the 2011 file in ../shared/data.
     */
    static final String TA4J_COMPARISON = "mvn -Dsm.target=target-bench -pl backtest -am test -Dsm.excludedGroups="
            + " -Dtest=Ta4jComparisonBenchmark -Dsurefire.failIfNoSpecifiedTests=false";

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    DatasetOption dataset;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
            description = "Measuring time of each figure, after the warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
            description = "Untimed running before each figure, so the JIT and caches are warm (default:"
                    + " ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--json", description = "Machine-readable output (stable, see above).")
    boolean json;

    @Override
    public void run() {
        int threadCount = threads.count();
        if (!(seconds > 0 && seconds <= 3600) || !(warmup >= 0 && warmup <= 3600)) {
            throw new IllegalArgumentException("--seconds must be in (0, 3600] and --warmup in [0, 3600]");
        }
        Dataset candles = dataset.resolve(dataDir.path());
        Backtester backtester = new Backtester(candles, BacktestConfig.DEFAULT);
        ThroughputProbe probe = new ThroughputProbe(backtester, new Range(0, candles.size()), WORKLOAD_SEED);
        Duration warm = Duration.ofMillis(Math.round(warmup * 1000));
        Duration measure = Duration.ofMillis(Math.round(seconds * 1000));

        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.printf(Locale.ROOT, "Benchmark on %s (%s, %s, %,d candles, id %s), engine %s%n", candles.name(),
                    candles.symbol(), Timeframe.label(candles.timeframeSeconds()), candles.size(),
                    candles.id().shortHex(), EngineVersion.CURRENT);
            out.printf(Locale.ROOT, "%d random genomes, %.1f s warm-up and %.1f s per figure%n",
                    ThroughputProbe.GENOMES, warmup, seconds);
            out.flush();
        }
        Throughput single = probe.measure(1, warm, measure);
        if (!json) {
            print(out, single);
        }
        Throughput all = threadCount == 1 ? single : probe.measure(threadCount, warm, measure);
        if (json) {
            out.println(toJson(candles, single, all));
        } else {
            if (threadCount > 1) {
                print(out, all);
            }
            out.println("Ratio to ta4j 0.17: not measured here (ta4j is a test-only dependency, not in peer.jar).");
            out.println("  In a source checkout, both engines in one JVM on the same genomes: " + TA4J_COMPARISON);
        }
        out.flush();
    }

    private static void print(PrintWriter out, Throughput t) {
        out.printf(Locale.ROOT, "%2d thread%s %,12.0f backtests/s  (%,.0f per thread; %,d backtests in %.2f s)%n",
                t.threads(), t.threads() == 1 ? ": " : "s:", t.perSecond(), t.perThread(), t.backtests(),
                t.seconds());
    }

    private String toJson(Dataset d, Throughput single, Throughput all) {
        ObjectNode root = CliJson.object();
        root.set("dataset", CliJson.dataset(d));
        root.put("engineVersion", EngineVersion.CURRENT);
        root.put("genomes", ThroughputProbe.GENOMES);
        root.put("warmupSeconds", warmup);
        root.set("singleThread", throughput(single));
        root.set("allThreads", throughput(all));
        root.put("ta4jComparison", TA4J_COMPARISON);
        return CliJson.pretty(root);
    }

    private static ObjectNode throughput(Throughput t) {
        ObjectNode node = CliJson.object();
        node.put("threads", t.threads());
        node.put("backtests", t.backtests());
        node.put("seconds", t.seconds());
        node.put("backtestsPerSecond", t.perSecond());
        node.put("backtestsPerSecondPerThread", t.perThread());
        return node;
    }
}
