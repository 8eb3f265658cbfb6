package io.strategyminer.backtest;

import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.Dataset;

/**
 * Runs genomes over one dataset. Indicator columns are computed once per distinct indicator and
 * shared by every genome; every method is safe to call from many threads at once.
 */
public final class Backtester {
    private final Dataset dataset;
    private final BacktestConfig config;

    public Backtester(Dataset dataset, BacktestConfig config) {
        this.dataset = dataset;
        this.config = config;
    }

    public Dataset dataset() {
        return dataset;
    }

    public BacktestConfig config() {
        return config;
    }

    /** The fast path for searches: metrics only, no trade list or equity curve kept. */
    public Metrics metrics(Genome genome, Range range) {
        throw new UnsupportedOperationException("engine being built");
    }

    /** A full backtest with trades and equity curve. */
    public BacktestResult run(Genome genome, Range range) {
        throw new UnsupportedOperationException("engine being built");
    }

    /** In-sample and out-of-sample backtests and the result digest (DESIGN §3): what a verification re-runs. */
    public Evaluation evaluate(Genome genome, Split split) {
        throw new UnsupportedOperationException("engine being built");
    }
}
