package io.strategyminer.web.api;

import java.util.List;

/**
 * {@code GET /api/searches/{id}/walk-forward}: a walk-forward search's windows as they finish, and the stitched
 * out-of-sample record once all have (web/README.md).
 *
 * @param unavailable why the windows' figures are missing (this peer lacks the dataset); null when they are there
 * @param stitched    null until every window has finished (or without the dataset)
 */
public record WalkForwardJson(String search, int windows, boolean anchored, int splitPercent, String unavailable,
                              long windowsFinished, List<Window> windowList, Stitched stitched) {

    /**
     * One window. The figures ({@code training} to {@code efficiency}) are null while the peer lacks the dataset.
     *
     * @param status      RUNNING, DONE, or CASH (every unit failed: the window holds cash)
     * @param strategy    the strategy chosen for it (null while running or in cash), and its {@code rules}
     * @param inSample    the strategy on the training part; null without a strategy
     * @param outOfSample the strategy on the test segment; null without a strategy
     * @param buyAndHold  buy-and-hold on the test segment
     * @param efficiency  the test segment's annual return over the training part's; null without a trained edge
     */
    public record Window(int window, String status, List<Integer> units, String strategy, String rules,
                         Span training, Span test, MetricsJson buyAndHold, MetricsJson inSample,
                         MetricsJson outOfSample, Double efficiency) {
    }

    /** Candle indices ({@code to} exclusive) and the open times of the first and last candle, unix seconds. */
    public record Span(int from, int to, long fromTime, long toTime) {
    }

    /** The stitched test segments: a {@link BacktestJson}'s fields, then the walk-forward efficiency. */
    public record Stitched(int from, int to, MetricsJson metrics, MetricsJson buyAndHold, double excessReturnPct,
                           List<BacktestJson.TradeJson> trades, BacktestJson.Equity equity, Double efficiency) {

        public static Stitched of(BacktestJson b, Double efficiency) {
            return new Stitched(b.from(), b.to(), b.metrics(), b.buyAndHold(), b.excessReturnPct(), b.trades(),
                    b.equity(), efficiency);
        }
    }
}
