package io.strategyminer.miner;

import io.strategyminer.backtest.BacktestResult;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.Segment;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a walk-forward search says (Pardo's walk-forward analysis): every window's chosen strategy judged on the test
 * segment after its training part, those segments stitched into one out-of-sample record against holding the asset
 * through them, and the walk-forward efficiency. Each window's strategy is chosen on its training part alone
 * ({@link DeflatedSharpeRanking}), so the stitched record is made only of candles its strategies never saw when
 * they were chosen. A deterministic function of the windows' genomes and the candles: every peer computes the same
 * bits from the same canonical results.
 */
public final class WalkForward {
    private WalkForward() {
    }

    /**
     * One window.
     *
     * @param window               its index
     * @param training             its training part (in-sample)
     * @param test                 its test segment (out-of-sample)
     * @param genome               its chosen strategy; empty when every unit of the window failed (cash)
     * @param inSample             the strategy's figures on the training part (empty without a strategy)
     * @param outOfSample          and on the test segment
     * @param outOfSampleBuyAndHold holding the asset through the test segment
     * @param efficiency           annualised test return ÷ annualised training return; NaN without a strategy
     *                             or with a training return of 0 or less (no edge to keep)
     */
    public record Window(int window, Range training, Range test, Optional<Genome> genome, Optional<Metrics> inSample,
                         Optional<Metrics> outOfSample, Metrics outOfSampleBuyAndHold, double efficiency) {
    }

    /**
     * A walk-forward's result.
     *
     * @param windows    every window, in order
     * @param stitched   the test segments as one record (trades, equity curve, metrics, buy-and-hold through them)
     * @param efficiency the stitched record's annualised return ÷ the mean annualised training return of the windows
     *                   with a strategy; NaN if that mean is 0 or less
     */
    public record Report(List<Window> windows, BacktestResult stitched, double efficiency) {
    }

    /**
     * The walk-forward of {@code spec} with {@code chosen} strategies, one per window in window order, backtested with
     * the search's costs ({@code backtester} must be over the search's dataset with {@link SearchSpec#costs()}).
     */
    public static Report evaluate(SearchSpec spec, Backtester backtester, List<Optional<Genome>> chosen) {
        if (chosen.size() != spec.walkForward()) {
            throw new IllegalArgumentException(chosen.size() + " strategies for " + spec.walkForward() + " windows");
        }
        List<Window> windows = new ArrayList<>(chosen.size());
        List<Segment> segments = new ArrayList<>(chosen.size());
        double trainingPerYear = 0;
        int withStrategy = 0;
        for (int w = 0; w < chosen.size(); w++) {
            Window window = window(spec, backtester, w, chosen.get(w));
            windows.add(window);
            segments.add(new Segment(window.genome(), window.test()));
            if (window.inSample().isPresent()) {
                trainingPerYear += annualisedReturnPct(window.inSample().get(), window.training(), backtester.dataset());
                withStrategy++;
            }
        }
        BacktestResult stitched = backtester.stitch(segments);
        double efficiency = withStrategy == 0 ? Double.NaN : efficiency(annualisedReturnPct(stitched.metrics(),
                stitched.range(), backtester.dataset()), trainingPerYear / withStrategy);
        return new Report(windows, stitched, efficiency);
    }

    /** Window {@code w} of {@code spec} with its chosen strategy (empty: cash), judged on its own test segment. */
    public static Window window(SearchSpec spec, Backtester backtester, int w, Optional<Genome> genome) {
        Dataset dataset = backtester.dataset();
        Split split = spec.split(w);
        Range training = split.inSample(dataset.size());
        Range test = split.outOfSample(dataset.size());
        Optional<Metrics> inSample = genome.map(g -> backtester.metrics(g, training));
        Optional<Metrics> outOfSample = genome.map(g -> backtester.metrics(g, test));
        double efficiency = genome.isEmpty() ? Double.NaN : efficiency(
                annualisedReturnPct(outOfSample.get(), test, dataset),
                annualisedReturnPct(inSample.get(), training, dataset));
        return new Window(w, training, test, genome, inSample, outOfSample, backtester.buyAndHold(test), efficiency);
    }

    private static double efficiency(double testPerYear, double trainingPerYear) {
        return trainingPerYear > 0 ? testPerYear / trainingPerYear : Double.NaN;
    }

    /**
     * The return scaled to a year without compounding (Pardo's convention for walk-forward efficiency): return % ×
     * 365 / the range's calendar days. Defined on ranges of any length, unlike CAGR.
     */
    static double annualisedReturnPct(Metrics metrics, Range range, Dataset dataset) {
        CandleSeries c = dataset.candles();
        double days = (c.time()[range.to() - 1] + dataset.timeframeSeconds() - c.time()[range.from()]) / 86_400.0;
        return metrics.returnPct() * 365 / days;
    }
}
