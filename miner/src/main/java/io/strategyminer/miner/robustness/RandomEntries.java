package io.strategyminer.miner.robustness;

import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.EntrySchedule;
import io.strategyminer.backtest.Metrics;
import io.strategyminer.backtest.Range;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.miner.Xoshiro256;
import java.util.BitSet;

/**
 * A significance test of a strategy's entry rule (as jesse's rule-significance test): the strategy's exits and size
 * with as many entries as it made, on candles drawn at random without replacement, through the engine's own trading
 * loop ({@link Backtester#metrics(Genome, Range, EntrySchedule)}). If the rule's entries carry no information, its
 * return is one more draw from the random schedules' distribution; the p-value is the share of draws that did at least
 * as well, counting the strategy itself: (1 + at least as good) / (1 + draws).
 */
final class RandomEntries {
    private RandomEntries() {
    }

    static RandomEntrySignificance test(Backtester backtester, Genome genome, Range range, Metrics strategy,
                                        int draws, long seed) {
        if (draws < 1) {
            throw new IllegalArgumentException("a random-entry test needs at least one draw, got " + draws);
        }
        // Signals on [from, to − 2] can enter (the fill is at the next candle's open).
        int candidates = Math.max(0, range.length() - 1);
        int entries = Math.min(strategy.trades(), candidates);
        Xoshiro256 rng = Xoshiro256.seeded(seed);
        BitSet chosen = new BitSet(candidates);
        int[] signals = new int[entries];
        double[] returns = new double[draws];
        int atLeastAsGood = 0;
        for (int d = 0; d < draws; d++) {
            drawWithoutReplacement(chosen, entries, candidates, rng);
            int k = 0;
            for (int c = chosen.nextSetBit(0); c >= 0; c = chosen.nextSetBit(c + 1)) {
                signals[k++] = range.from() + c;
            }
            returns[d] = backtester.metrics(genome, range, EntrySchedule.of(signals)).returnPct();
            if (returns[d] >= strategy.returnPct()) {
                atLeastAsGood++;
            }
        }
        double pValue = (1.0 + atLeastAsGood) / (1.0 + draws);
        return new RandomEntrySignificance(draws, entries, strategy.returnPct(), atLeastAsGood, pValue,
                Percentiles.of(returns));
    }

    /** {@code k} distinct values of {@code [0, n)}, uniformly (Floyd's algorithm: k draws, whatever n). */
    private static void drawWithoutReplacement(BitSet chosen, int k, int n, Xoshiro256 rng) {
        chosen.clear();
        for (int j = n - k; j < n; j++) {
            int t = rng.nextInt(j + 1);
            chosen.set(chosen.get(t) ? j : t);
        }
    }
}
