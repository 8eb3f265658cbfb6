package io.strategyminer.web.api;

import java.util.List;

/** {@code GET /api/peers}: every peer announced in the ledger (web/README.md). */
public record PeersJson(List<PeerJson> peers) {

    /**
     * One peer as this peer sees it.
     *
     * @param candleStepsPerSecond its capacity measured on the work it runs, as it last announced it: candle-steps
     *                         (backtests × candles backtested) per second, all its slots together
     * @param backtestsPerSecond the same in backtests per second on the current work ({@code backtestCandles} of
     *                         {@code GET /api/status}'s throughput)
     * @param leases           the units it holds a current lease on
     * @param workShare        its share of the work reported in the ledger, in candle-steps ({@link WorkDone}), 0–1
     * @param capacityShare    its share of the view's announced capacity, 0–1 (0 outside the view)
     * @param health           this peer's own health; null for every other peer (known to itself only)
     * @param clockOffsetMillis its clock minus this one's, null if not measured (0 for this peer)
     * @param lastSeenMillis   when this peer last stored an event of it, unix ms; null if none since it started
     */
    public record PeerJson(String id, String name, String machine, int cores, double backtestsPerSecond,
                           double candleStepsPerSecond, String engineVersion, boolean self, boolean inView, boolean coordinator,
                           List<LeaseHeld> leases, WorkDone work, double workShare, double capacityShare,
                           HealthJson health, Long clockOffsetMillis, Long lastSeenMillis) {
    }

    /** @param kind WORK, VERIFY or SPECULATIVE */
    public record LeaseHeld(String searchId, int unit, String kind) {
    }

    /**
     * What a peer contributed, from the ledger: its strategy reports (each counted as the unit's population ×
     * generations backtests, the genetic search that produced it) and its verifications (one backtest each).
     *
     * @param candleSteps those backtests × the candles each covers: the unit's in-sample range for a report, the
     *                    whole dataset for a verification (the backtests alone when the dataset is not known here)
     */
    public record WorkDone(int reports, int verifications, long backtests, long candleSteps) {
        public static final WorkDone NONE = new WorkDone(0, 0, 0, 0);

        public WorkDone plus(WorkDone other) {
            return new WorkDone(reports + other.reports, verifications + other.verifications,
                    backtests + other.backtests, candleSteps + other.candleSteps);
        }
    }
}
