package io.strategyminer.web.api;

import java.util.List;

/**
 * A strategy as {@code GET /api/strategies} lists it (web/README.md): its rules, both ranges' metrics beside
 * buy-and-hold's and the excess over it, its significance in its search, the peers whose re-runs back its digest.
 * {@code GET /api/strategies/{id}} answers these fields and more.
 *
 * @param split   what its in-sample and out-of-sample ranges are: "70 %", or "window 2 of 5 (rolling, 70 %)"
 * @param status  PENDING, DISPUTED, CANONICAL, INVALID (or another status of the ledger's)
 * @param digest  the reported result digest
 */
public record StrategyJson(String id, String searchId, int unit, String split, String reporter, String status,
                           String rules, String risk, String objective, String digest, String tradesDigest,
                           String engineVersion, DatasetLabelJson dataset, MetricsJson inSample,
                           MetricsJson outOfSample, BuyAndHold buyAndHold, Excess excessReturnPct,
                           SignificanceJson significance, List<String> supportingPeers) {

    /** Buy-and-hold's metrics on the same two ranges. */
    public record BuyAndHold(MetricsJson inSample, MetricsJson outOfSample) {
    }

    /** The strategy's return minus buy-and-hold's, in percentage points, on each range. */
    public record Excess(double inSample, double outOfSample) {
    }

    /** {@code GET /api/strategies?status=…}: how many match, and the first {@code limit} of them, best first. */
    public record Listed(int total, List<StrategyJson> strategies) {
    }

    /**
     * {@code GET /api/strategies/{id}/robustness}: the figures alone, without the backtest.
     *
     * @param robustness            null when there are none here (only canonical strategies have them; the peer
     *                              needs the search and its dataset)
     * @param robustnessUnavailable why there are none; null when there are
     */
    public record Robustness(String id, String status, RobustnessJson robustness, String robustnessUnavailable) {
    }
}
