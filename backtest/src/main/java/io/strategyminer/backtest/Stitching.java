package io.strategyminer.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stitches consecutive segments into one record, as an account that switches strategy at each segment's first
 * candle would have lived it: each segment is an ordinary backtest started with the capital the segments before it
 * left (a position still open at a segment's last candle is sold at its close, as at any range's end), and the
 * figures of the whole are the engine's own bookkeeping ({@link MetricsAccumulator}) replayed over the stitched
 * equity curve, candle by candle — what the engine's held-range shortcut gives bit for bit.
 */
final class Stitching {
    private Stitching() {
    }

    static BacktestResult stitch(Backtester backtester, SignalStore store, List<Segment> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("nothing to stitch: no segment");
        }
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).range().from() != segments.get(i - 1).range().to()) {
                throw new IllegalArgumentException("segment " + i + " starts at candle " + segments.get(i).range().from()
                        + ", not where segment " + (i - 1) + " ends (" + segments.get(i - 1).range().to() + ")");
            }
        }
        for (Segment segment : segments) {
            if (segment.range().length() == 0) {
                throw new IllegalArgumentException("empty segment " + segment.range());
            }
        }
        Range whole = new Range(segments.get(0).range().from(), segments.get(segments.size() - 1).range().to());
        BacktestConfig config = backtester.config();
        double[] equity = new double[whole.length()];
        List<Trade> trades = new ArrayList<>();
        double capital = config.initialCapital();
        for (Segment segment : segments) {
            Range range = segment.range();
            int offset = range.from() - whole.from();
            if (segment.genome().isPresent()) {
                BacktestResult result = backtester.withConfig(
                        new BacktestConfig(config.feePct(), config.slippagePct(), capital))
                        .run(segment.genome().get(), range);
                System.arraycopy(result.equity(), 0, equity, offset, range.length());
                trades.addAll(result.trades());
            } else {
                Arrays.fill(equity, offset, offset + range.length(), capital);
            }
            capital = equity[offset + range.length() - 1];
        }
        MetricsAccumulator accumulator = new MetricsAccumulator(store.days(), store.links(),
                store.dataset().candles().close());
        accumulator.start(config.initialCapital(), whole);
        for (int k = whole.from(); k < whole.to(); k++) {
            accumulator.mark(k, equity[k - whole.from()]);
        }
        for (Trade trade : trades) {
            accumulator.trade(trade.pnl(), exposed(trade));
        }
        return new BacktestResult(whole, accumulator.finish(), trades, equity, backtester.buyAndHold(whole));
    }

    /** Closes that found the position open, as the trading loop counts them (a sale at the last close counts). */
    private static int exposed(Trade trade) {
        return trade.exitIndex() - trade.entryIndex() + (trade.exitReason() == ExitReason.END_OF_DATA ? 1 : 0);
    }
}
