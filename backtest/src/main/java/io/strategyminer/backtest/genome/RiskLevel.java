package io.strategyminer.backtest.genome;

/**
 * Bounds a genome's position size and exits. Percent of equity (size) and percent of the entry
 * price (stops and targets); the GA never leaves these bounds.
 *
 * <pre>
 * level   position size  stop-loss            take-profit  trailing stop
 * LOW     5–25 %         required, 0.5–3 %    ≤ 10 %       ≤ 3 %
 * MEDIUM  10–50 %        required, 0.5–6 %    ≤ 20 %       ≤ 6 %
 * HIGH    10–100 %       optional, ≤ 15 %     ≤ 40 %       ≤ 15 %
 * </pre>
 */
public enum RiskLevel {
    LOW(5, 25, true, 0.5, 3, 10, 3),
    MEDIUM(10, 50, true, 0.5, 6, 20, 6),
    HIGH(10, 100, false, 0.5, 15, 40, 15);

    private final double minPositionPct;
    private final double maxPositionPct;
    private final boolean stopRequired;
    private final double minStopPct;
    private final double maxStopPct;
    private final double maxTakeProfitPct;
    private final double maxTrailingPct;

    RiskLevel(double minPositionPct, double maxPositionPct, boolean stopRequired, double minStopPct,
              double maxStopPct, double maxTakeProfitPct, double maxTrailingPct) {
        this.minPositionPct = minPositionPct;
        this.maxPositionPct = maxPositionPct;
        this.stopRequired = stopRequired;
        this.minStopPct = minStopPct;
        this.maxStopPct = maxStopPct;
        this.maxTakeProfitPct = maxTakeProfitPct;
        this.maxTrailingPct = maxTrailingPct;
    }

    public double minPositionPct() {
        return minPositionPct;
    }

    public double maxPositionPct() {
        return maxPositionPct;
    }

    public boolean stopRequired() {
        return stopRequired;
    }

    /** Smallest stop-loss when one is set; a tighter stop is noise on 5-minute candles. */
    public double minStopPct() {
        return minStopPct;
    }

    public double maxStopPct() {
        return maxStopPct;
    }

    public double maxTakeProfitPct() {
        return maxTakeProfitPct;
    }

    public double maxTrailingPct() {
        return maxTrailingPct;
    }
}
