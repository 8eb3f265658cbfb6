package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: whole metrics-only backtests over the 39,017-candle 2011 file, warm cache: "rsiEma" is the ta4j comparison's
 * workload (100 RSI/EMA genomes with stop and target, no costs, each run four times per operation batch), "any" the
 * throughput benchmark's (400 GA-like genomes over every indicator kind and exit, default costs). One operation is
 * one backtest, averaged over the genomes. Not run by CI; see backtest/docs/measurements.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class BacktestJmh {
    private static final int GENOMES = 400;

    @Param({"rsiEma", "any"})
    public String workload;

    private Backtester backtester;
    private Range range;
    private final List<Genome> genomes = new ArrayList<>();

    @Setup
    public void setUp() {
        Dataset dataset = SharedData.btc2011();
        range = new Range(0, dataset.size());
        boolean rsiEma = workload.equals("rsiEma");
        RandomGenomes random = new RandomGenomes(rsiEma ? 2011 : 42);
        List<Genome> distinct = new ArrayList<>();
        for (int i = 0; i < (rsiEma ? GENOMES / 4 : GENOMES); i++) {
            distinct.add(rsiEma ? random.rsiEma() : random.any());
        }
        while (genomes.size() < GENOMES) {
            genomes.addAll(distinct);
        }
        backtester = new Backtester(dataset, rsiEma ? BacktestConfig.FRICTIONLESS : BacktestConfig.DEFAULT);
        genomes.forEach(g -> backtester.metrics(g, range));
    }

    @Benchmark
    @OperationsPerInvocation(GENOMES)
    public long metrics() {
        long trades = 0;
        for (Genome g : genomes) {
            trades += backtester.metrics(g, range).trades();
        }
        return trades;
    }
}
