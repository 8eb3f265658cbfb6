package io.strategyminer.web.api;

import io.strategyminer.miner.robustness.FanPoint;
import io.strategyminer.miner.robustness.MonteCarloBands;
import io.strategyminer.miner.robustness.Neighbour;
import io.strategyminer.miner.robustness.Neighbourhood;
import io.strategyminer.miner.robustness.Percentiles;
import io.strategyminer.miner.robustness.RandomEntrySignificance;
import io.strategyminer.miner.robustness.Robustness;
import java.util.List;
import java.util.Locale;

/**
 * A canonical strategy's robustness figures on its in-sample range (documented in web/README.md): Monte Carlo over
 * its trades, its neighbours on the gene grid, its entry rule against random entries. Undefined figures are null.
 *
 * @param seed hex: a 64-bit seed does not survive JavaScript's doubles
 */
public record RobustnessJson(String seed, CandleRange range, MonteCarlo monteCarlo, Neighbours neighbours,
                             RandomEntries randomEntries) {

    public static RobustnessJson of(Robustness r) {
        return new RobustnessJson(String.format(Locale.ROOT, "%016x", r.seed()),
                new CandleRange(r.inSampleFrom(), r.inSampleTo()),
                new MonteCarlo(Bands.of(r.reshuffled()), Bands.of(r.bootstrapped())),
                Neighbours.of(r.neighbourhood()), RandomEntries.of(r.randomEntries()));
    }

    /** Candle indices, {@code to} exclusive. */
    public record CandleRange(int from, int to) {
    }

    public record MonteCarlo(Bands reshuffled, Bands bootstrapped) {
    }

    /** One Monte Carlo: percentiles of its runs' return and drawdown, and the fan of equity after each trade. */
    public record Bands(int runs, PercentilesJson totalReturnPct, PercentilesJson maxDrawdownPct, Fan fan) {
        static Bands of(MonteCarloBands bands) {
            List<FanPoint> fan = bands.fan();
            return new Bands(bands.runs(), PercentilesJson.of(bands.totalReturnPct()),
                    PercentilesJson.of(bands.maxDrawdownPct()), new Fan(
                            fan.stream().map(FanPoint::trade).toList(), fan.stream().map(FanPoint::p5).toList(),
                            fan.stream().map(FanPoint::median).toList(), fan.stream().map(FanPoint::p95).toList(),
                            fan.stream().map(FanPoint::actual).toList()));
        }
    }

    /** Columns of equal length, one entry per point of the fan. */
    public record Fan(List<Integer> trade, List<Double> p5, List<Double> median, List<Double> p95,
                      List<Double> actual) {
    }

    public record PercentilesJson(Double p5, Double median, Double p95) {
        static PercentilesJson of(Percentiles p) {
            return new PercentilesJson(MetricsJson.defined(p.p5()), MetricsJson.defined(p.median()),
                    MetricsJson.defined(p.p95()));
        }
    }

    public record Neighbours(int count, Double profitableShare, Double medianSharpe, int undefinedSharpe,
                             List<NeighbourJson> list) {
        static Neighbours of(Neighbourhood n) {
            return new Neighbours(n.count(), MetricsJson.defined(n.profitableShare()),
                    MetricsJson.defined(n.medianSharpe()), n.undefinedSharpe(),
                    n.neighbours().stream().map(NeighbourJson::of).toList());
        }
    }

    public record NeighbourJson(String parameter, String from, String to, int trades, double netPnl,
                                double returnPct, Double sharpe) {
        static NeighbourJson of(Neighbour n) {
            return new NeighbourJson(n.parameter(), n.from(), n.to(), n.trades(), n.netPnl(), n.returnPct(),
                    MetricsJson.defined(n.sharpe()));
        }
    }

    public record RandomEntries(int draws, int entries, double strategyReturnPct, int atLeastAsGood, double pValue,
                                PercentilesJson randomReturnPct) {
        static RandomEntries of(RandomEntrySignificance test) {
            return new RandomEntries(test.draws(), test.entries(), test.strategyReturnPct(), test.atLeastAsGood(),
                    test.pValue(), PercentilesJson.of(test.randomReturnPct()));
        }
    }
}
