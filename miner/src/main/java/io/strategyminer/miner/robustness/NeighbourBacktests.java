package io.strategyminer.miner.robustness;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.miner.GridNeighbours;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Backtests every neighbour of a genome on the gene grid ({@link GridNeighbours}) over one range. */
final class NeighbourBacktests {
    private NeighbourBacktests() {
    }

    static Neighbourhood of(Backtester backtester, Genome genome, Range range) {
        List<Neighbour> neighbours = new ArrayList<>();
        int profitable = 0;
        double[] sharpes = new double[0];
        int defined = 0;
        for (GridNeighbours.Step step : GridNeighbours.of(genome)) {
            Metrics m = backtester.metrics(step.genome(), range);
            neighbours.add(new Neighbour(step.parameter(), step.from(), step.to(), m.trades(), m.netPnl(),
                    m.returnPct(), m.sharpe()));
            if (m.netPnl() > 0) {
                profitable++;
            }
            if (!Double.isNaN(m.sharpe())) {
                if (defined == sharpes.length) {
                    sharpes = Arrays.copyOf(sharpes, Math.max(8, 2 * defined));
                }
                sharpes[defined++] = m.sharpe();
            }
        }
        double share = neighbours.isEmpty() ? Double.NaN : (double) profitable / neighbours.size();
        double median = Percentiles.of(Arrays.copyOf(sharpes, defined)).median();
        return new Neighbourhood(neighbours, share, median, neighbours.size() - defined);
    }
}
