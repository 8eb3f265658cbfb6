package io.strategyminer.miner;

import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.backtest.genome.IndicatorKind;
import io.strategyminer.backtest.genome.RiskLevel;
import io.strategyminer.backtest.genome.Scale;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The values each gene may take. The space is deliberately discrete and small in its indicator
 * parameters: every distinct indicator is a column the engine computes once per dataset and shares,
 * so a population drawn from a short ladder of periods reuses a few hundred columns instead of
 * computing a new one for almost every genome, and nearby genomes collapse into equal ones that are
 * evaluated once.
 *
 * <ul>
 *   <li>Periods (SMA, EMA, RSI, ATR, ROC, STOCH_K, VOLUME_RATIO): {@link #PERIODS}, the look-backs
 *       traders actually use.</li>
 *   <li>MACD: fast {@link #MACD_FAST}, slow {@link #MACD_SLOW}, signal {@link #MACD_SIGNAL}
 *       (every fast is below every slow, so any combination is valid).</li>
 *   <li>Bollinger: period {@link #BOLLINGER_PERIODS}, width {@link #BOLLINGER_WIDTHS} tenths of σ.</li>
 *   <li>Thresholds, per {@link Scale}: oscillators 0–100 in steps of 5 (fresh genomes 10–90), %B −0.5–1.5
 *       in steps of 0.05 (fresh −0.2–1.2), MACD 0 (only its sign carries across price levels), rate of
 *       change −20–20 % in steps of 0.1 (fresh ±3 %, the range 5-minute moves live in), volume ratio 0–5 in
 *       steps of 0.1 (fresh 0.3–3).</li>
 *   <li>Per {@link RiskLevel}: stop-loss, take-profit and trailing stop in steps of 0.25 % from 0.5 % to the
 *       level's maximum; position size in steps of 5 % within the level's bounds; holding limit
 *       {@link #MAX_BARS} candles (30 minutes to 2 days on 5-minute candles).</li>
 * </ul>
 */
final class GeneSpace {
    static final int[] PERIODS = {5, 7, 9, 10, 12, 14, 20, 21, 26, 30, 50, 100, 200};
    static final int[] MACD_FAST = {5, 9, 12};
    static final int[] MACD_SLOW = {21, 26, 50};
    static final int[] MACD_SIGNAL = {5, 9};
    static final int[] BOLLINGER_PERIODS = {10, 14, 20, 30, 50};
    static final int[] BOLLINGER_WIDTHS = {15, 20, 25, 30};
    static final int[] MAX_BARS = {6, 12, 24, 48, 96, 144, 288, 576};

    /** Stops and targets move in quarter-percent steps and start at 0.5 %, tighter is noise on 5-minute candles. */
    private static final double SMALLEST_EXIT_PCT = 0.5;

    private static final Map<Scale, Grid> THRESHOLDS = thresholds();
    private static final Map<Scale, List<IndicatorKind>> KINDS_BY_SCALE = kindsByScale();
    private static final List<IndicatorKind> KINDS = List.of(IndicatorKind.values());

    private final RiskLevel risk;
    private final Grid stopLoss;
    private final Grid takeProfit;
    private final Grid trailingStop;
    private final Grid position;

    GeneSpace(RiskLevel risk) {
        this.risk = risk;
        this.stopLoss = Grid.within(1, 4, Math.max(SMALLEST_EXIT_PCT, risk.minStopPct()), risk.maxStopPct());
        this.takeProfit = Grid.within(1, 4, SMALLEST_EXIT_PCT, risk.maxTakeProfitPct());
        this.trailingStop = Grid.within(1, 4, SMALLEST_EXIT_PCT, risk.maxTrailingPct());
        this.position = Grid.within(5, 1, risk.minPositionPct(), risk.maxPositionPct());
    }

    private static Map<Scale, Grid> thresholds() {
        Map<Scale, Grid> grids = new EnumMap<>(Scale.class);
        grids.put(Scale.OSCILLATOR, new Grid(5, 1, 0, 20, 2, 18));
        grids.put(Scale.PERCENT_B, new Grid(1, 20, -10, 30, -4, 24));
        grids.put(Scale.MACD, Grid.of(1, 1, 0, 0));
        grids.put(Scale.RATE_OF_CHANGE, new Grid(1, 10, -200, 200, -30, 30));
        grids.put(Scale.VOLUME_RATIO, new Grid(1, 10, 0, 50, 3, 30));
        for (Scale scale : Scale.values()) {
            if (scale.allowsThreshold() != grids.containsKey(scale)) {
                throw new IllegalStateException("threshold grid missing or superfluous for " + scale);
            }
        }
        return Collections.unmodifiableMap(grids);
    }

    private static Map<Scale, List<IndicatorKind>> kindsByScale() {
        Map<Scale, List<IndicatorKind>> byScale = new EnumMap<>(Scale.class);
        for (IndicatorKind kind : IndicatorKind.values()) {
            byScale.computeIfAbsent(kind.scale(), s -> new ArrayList<>()).add(kind);
        }
        byScale.replaceAll((scale, kinds) -> List.copyOf(kinds));
        return Collections.unmodifiableMap(byScale);
    }

    RiskLevel risk() {
        return risk;
    }

    /** Every indicator kind, in declaration order. */
    static List<IndicatorKind> kinds() {
        return KINDS;
    }

    /** The kinds whose values are on {@code scale}, in declaration order. */
    static List<IndicatorKind> kindsOn(Scale scale) {
        return KINDS_BY_SCALE.get(scale);
    }

    /** The threshold grid of a scale that takes thresholds. */
    static Grid threshold(Scale scale) {
        Grid grid = THRESHOLDS.get(scale);
        if (grid == null) {
            throw new IllegalArgumentException(scale + " takes no threshold");
        }
        return grid;
    }

    Grid stopLoss() {
        return stopLoss;
    }

    Grid takeProfit() {
        return takeProfit;
    }

    Grid trailingStop() {
        return trailingStop;
    }

    Grid position() {
        return position;
    }

    /** An indicator of {@code kind} with parameters drawn from the ladders. */
    static Indicator indicator(IndicatorKind kind, Xoshiro256 rng) {
        switch (kind) {
            case PRICE:
                return Indicator.price();
            case MACD:
                return Indicator.of(kind, rng.pick(MACD_FAST), rng.pick(MACD_SLOW));
            case MACD_SIGNAL:
            case MACD_HIST:
                return Indicator.of(kind, rng.pick(MACD_FAST), rng.pick(MACD_SLOW), rng.pick(MACD_SIGNAL));
            case BB_UPPER:
            case BB_LOWER:
            case BB_PCTB:
                return Indicator.of(kind, rng.pick(BOLLINGER_PERIODS), rng.pick(BOLLINGER_WIDTHS));
            default:
                return Indicator.of(kind, rng.pick(PERIODS));
        }
    }

    /** True when {@code kind} has a parameter {@link #neighbour} can move. */
    static boolean hasParameters(IndicatorKind kind) {
        return kind.parameterCount() > 0;
    }

    /**
     * The same kind of indicator with one parameter moved one or two rungs along its ladder (clamped
     * at the ends, so the result may equal the input).
     */
    static Indicator neighbour(Indicator indicator, Xoshiro256 rng) {
        IndicatorKind kind = indicator.kind();
        int p1 = indicator.p1();
        int p2 = indicator.p2();
        int p3 = indicator.p3();
        switch (kind) {
            case PRICE:
                return indicator;
            case MACD:
            case MACD_SIGNAL:
            case MACD_HIST: {
                int which = rng.nextInt(kind.parameterCount());
                if (which == 0) {
                    p1 = step(MACD_FAST, p1, rng);
                } else if (which == 1) {
                    p2 = step(MACD_SLOW, p2, rng);
                } else {
                    p3 = step(MACD_SIGNAL, p3, rng);
                }
                break;
            }
            case BB_UPPER:
            case BB_LOWER:
            case BB_PCTB:
                if (rng.chance(0.5)) {
                    p1 = step(BOLLINGER_PERIODS, p1, rng);
                } else {
                    p2 = step(BOLLINGER_WIDTHS, p2, rng);
                }
                break;
            default:
                p1 = step(PERIODS, p1, rng);
        }
        return new Indicator(kind, p1, p2, p3);
    }

    /**
     * One or two rungs up or down {@code ladder} from {@code value}. A value that is not on the ladder
     * (a genome written by hand) first snaps to the nearest rung.
     */
    private static int step(int[] ladder, int value, Xoshiro256 rng) {
        int at = nearestRung(ladder, value);
        int delta = rng.nextInt(1, 2);
        int moved = at + (rng.chance(0.5) ? delta : -delta);
        return ladder[Math.max(0, Math.min(ladder.length - 1, moved))];
    }

    private static int nearestRung(int[] ladder, int value) {
        int best = 0;
        for (int i = 1; i < ladder.length; i++) {
            if (Math.abs(ladder[i] - value) < Math.abs(ladder[best] - value)) {
                best = i;
            }
        }
        return best;
    }
}
