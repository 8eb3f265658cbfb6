package io.strategyminer.data.suspect;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import io.strategyminer.data.CandleSeries;

/**
 * Finds the candles that cannot be trusted as they are. Every rule is relative to the candle's own
 * neighbourhood, never an absolute price level (BTC really traded at $0.0008 in 2009), and uses the
 * {@value #NEIGHBOURS} candles on each side:
 * <ul>
 *   <li><b>non-positive price</b>: open, high, low or close ≤ 0;</li>
 *   <li><b>high below low</b>, or <b>open/close outside [low, high]</b>;</li>
 *   <li><b>spike</b>: a price whose log distance from the median close of the neighbours BEFORE it and
 *       from the median close of the neighbours AFTER it are both, on the same side, larger than
 *       max(ln 2, {@value #VOLATILITY_MULTIPLE} × local volatility), the volatility being
 *       {@value #MAD_SCALE} × the median absolute log return between the neighbours (a robust standard
 *       deviation). Both sides must agree, so a crash or a rally that persists is not a spike: the candles
 *       after it agree with it. A side with fewer than {@value #MIN_SIDE} candles (the ends of the series)
 *       is not used; with neither side there is no spike test. Runs of up to 5 bad candles in a row are
 *       caught (the medians of 10 stay on good prices with up to 4 bad ones among them);</li>
 *   <li><b>bad volume</b>: negative or not finite; <b>absurd volume</b>: more than
 *       {@value #VOLUME_MULTIPLE} × the median of the non-zero volumes among the neighbours (when at least
 *       {@value #MIN_SIDE} are non-zero).</li>
 * </ul>
 * The thresholds were set against the real files in {@code ../shared/data}: their largest genuine
 * distances are 0.45 (ETH 4h, 2016–2025) and 0.42 (BTC 5m, 2011), their largest volume ratio 1,280; the
 * only spike there is the GDAX ETH flash crash of 2017-06-21 (low 0.10 among closes near 300, log distance
 * 8.1). Log and medians are computed with {@link StrictMath} and sorting, so every peer flags the same
 * candles, which matters because the cleaning is part of the dataset id.
 */
public final class SuspectDetector {
    /** Candles on each side that make up a candle's neighbourhood. */
    public static final int NEIGHBOURS = 10;
    /** A side of the neighbourhood with fewer candles than this is not used. */
    public static final int MIN_SIDE = 3;
    /** The smallest log distance that can make a spike: ln 2, a price half or double its surroundings. */
    public static final double MIN_LOG_DISTANCE = StrictMath.log(2);
    /** A spike is also further than this many local volatilities from both sides. */
    public static final int VOLATILITY_MULTIPLE = 10;
    /** Median absolute deviation to standard deviation, for normally distributed returns. */
    public static final double MAD_SCALE = 1.4826;
    /** A volume this many times the median of its neighbours' non-zero volumes is absurd. */
    public static final int VOLUME_MULTIPLE = 10_000;

    private static final String[] PRICE_FIELDS = {"open", "high", "low", "close"};
    /** Below 2, so that a price it admits is surely nearer than ln 2 whatever the rounding of the logarithms. */
    private static final double QUICK_FACTOR = 1.999;

    private final CandleSeries c;
    private final double[] logClose;
    private final double[] before = new double[NEIGHBOURS];
    private final double[] after = new double[NEIGHBOURS];
    private final double[] returns = new double[2 * NEIGHBOURS];
    private final double[] volumes = new double[2 * NEIGHBOURS];

    private SuspectDetector(CandleSeries candles) {
        this.c = candles;
        this.logClose = new double[candles.size()];
        for (int i = 0; i < logClose.length; i++) {
            double close = candles.close()[i];
            logClose[i] = isPrice(close) ? StrictMath.log(close) : Double.NaN;
        }
    }

    /**
     * The suspect candles of a series, oldest first.
     *
     * @param candles  the series, oldest first
     * @param location where candle {@code i} is in the input, for the report
     */
    public static List<SuspectCandle> find(CandleSeries candles, IntFunction<String> location) {
        SuspectDetector detector = new SuspectDetector(candles);
        List<SuspectCandle> found = new ArrayList<>();
        List<SuspectReason> reasons = new ArrayList<>();
        for (int i = 0; i < candles.size(); i++) {
            detector.check(i, reasons);
            if (!reasons.isEmpty()) {
                found.add(new SuspectCandle(i, candles.time()[i], location.apply(i), CandleValues.of(candles, i),
                        reasons));
                reasons.clear();
            }
        }
        return found;
    }

    /**
     * The median of the neighbours' non-zero volumes, or 0 when fewer than {@value #MIN_SIDE} are non-zero:
     * the local norm a volume is compared with, and what {@link SuspectCleaner} puts in place of a bad one.
     */
    static double volumeNorm(CandleSeries candles, int i) {
        return volumeNorm(candles, i, new double[2 * NEIGHBOURS]);
    }

    private void check(int i, List<SuspectReason> reasons) {
        double[] prices = {c.open()[i], c.high()[i], c.low()[i], c.close()[i]};
        boolean allPrices = isPrice(prices[0]) && isPrice(prices[1]) && isPrice(prices[2]) && isPrice(prices[3]);
        if (!allPrices) {
            List<String> fields = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int f = 0; f < prices.length; f++) {
                if (!isPrice(prices[f])) {
                    fields.add(PRICE_FIELDS[f]);
                    values.add(PRICE_FIELDS[f] + " " + prices[f]);
                }
            }
            reasons.add(new SuspectReason(SuspectKind.NON_POSITIVE_PRICE, fields, String.join(", ", values)
                    + (fields.size() == 1 ? " is not a positive price" : " are not positive prices")));
        } else {
            checkRange(prices, reasons);
        }
        checkSpikes(i, prices, reasons);
        checkVolume(i, reasons);
    }

    private static void checkRange(double[] p, List<SuspectReason> reasons) {
        double high = p[1];
        double low = p[2];
        if (high < low) {
            reasons.add(new SuspectReason(SuspectKind.HIGH_BELOW_LOW, List.of("high", "low"),
                    "high " + high + " is below low " + low));
            return;
        }
        for (int f : new int[] {0, 3}) {
            if (p[f] > high) {
                reasons.add(new SuspectReason(SuspectKind.OUTSIDE_RANGE, List.of(PRICE_FIELDS[f]),
                        PRICE_FIELDS[f] + " " + p[f] + " is above high " + high));
            } else if (p[f] < low) {
                reasons.add(new SuspectReason(SuspectKind.OUTSIDE_RANGE, List.of(PRICE_FIELDS[f]),
                        PRICE_FIELDS[f] + " " + p[f] + " is below low " + low));
            }
        }
    }

    private void checkSpikes(int i, double[] prices, List<SuspectReason> reasons) {
        if (!mayBeSpike(i, prices)) {
            return;
        }
        int n = c.size();
        int nBefore = collect(logClose, Math.max(0, i - NEIGHBOURS), i, before);
        int nAfter = collect(logClose, i + 1, Math.min(n, i + 1 + NEIGHBOURS), after);
        boolean useBefore = nBefore >= MIN_SIDE;
        boolean useAfter = nAfter >= MIN_SIDE;
        if (!useBefore && !useAfter) {
            return;
        }
        double medianBefore = useBefore ? median(before, nBefore) : Double.NaN;
        double medianAfter = useAfter ? median(after, nAfter) : Double.NaN;
        double volatility = MAD_SCALE * localReturnsMedian(i);
        double limit = Math.max(MIN_LOG_DISTANCE, VOLATILITY_MULTIPLE * volatility);
        List<String> fields = new ArrayList<>();
        List<String> values = new ArrayList<>();
        // The farthest of the flagged prices gives the numbers of the reason.
        double farthest = -1;
        String how = "";
        for (int f = 0; f < prices.length; f++) {
            if (!isPrice(prices[f])) {
                continue;
            }
            double lp = StrictMath.log(prices[f]);
            double dBefore = useBefore ? lp - medianBefore : Double.NaN;
            double dAfter = useAfter ? lp - medianAfter : Double.NaN;
            boolean above = (!useBefore || dBefore > limit) && (!useAfter || dAfter > limit);
            boolean below = (!useBefore || dBefore < -limit) && (!useAfter || dAfter < -limit);
            if (above || below) {
                fields.add(PRICE_FIELDS[f]);
                values.add(PRICE_FIELDS[f] + " " + prices[f]);
                // The nearer side is the one that decided: its distance is the one reported.
                boolean nearBefore = useBefore && (!useAfter || Math.abs(dBefore) <= Math.abs(dAfter));
                double distance = Math.abs(nearBefore ? dBefore : dAfter);
                if (distance > farthest) {
                    farthest = distance;
                    double reference = StrictMath.exp(nearBefore ? medianBefore : medianAfter);
                    how = above ? num(prices[f] / reference) + " times them"
                            : num(100 * (1 - prices[f] / reference)) + " % below them";
                }
            }
        }
        if (!fields.isEmpty()) {
            boolean one = fields.size() == 1;
            reasons.add(new SuspectReason(SuspectKind.SPIKE, fields, String.join(", ", values) + (one ? " is" : " are")
                    + " far from the closes around it (median " + sides(useBefore, medianBefore, useAfter, medianAfter)
                    + "): " + (one ? "" : "the farthest is ") + how + ", log distance " + num(farthest) + " over the limit "
                    + num(limit) + " = max(ln 2, " + VOLATILITY_MULTIPLE + " × local volatility " + num(volatility)
                    + ")"));
        }
    }

    /**
     * A quick filter before the medians: a price within a factor {@value #QUICK_FACTOR} (under 2) of every close
     * on one side is nearer than ln 2 to that side's median, so it cannot be a spike. Exact, and most candles stop
     * here without a sort or a logarithm.
     */
    private boolean mayBeSpike(int i, double[] prices) {
        int n = c.size();
        boolean[] near = new boolean[prices.length];
        markNear(prices, Math.max(0, i - NEIGHBOURS), i, near);
        markNear(prices, i + 1, Math.min(n, i + 1 + NEIGHBOURS), near);
        for (int f = 0; f < prices.length; f++) {
            if (isPrice(prices[f]) && !near[f]) {
                return true;
            }
        }
        return false;
    }

    /** Marks the prices within a factor {@value #QUICK_FACTOR} of every positive close in {@code [from, to)}. */
    private void markNear(double[] prices, int from, int to, boolean[] near) {
        int count = 0;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (int j = from; j < to; j++) {
            double close = c.close()[j];
            if (isPrice(close)) {
                count++;
                lowest = Math.min(lowest, close);
                highest = Math.max(highest, close);
            }
        }
        if (count >= MIN_SIDE) {
            for (int f = 0; f < prices.length; f++) {
                near[f] |= prices[f] <= lowest * QUICK_FACTOR && prices[f] >= highest / QUICK_FACTOR;
            }
        }
    }

    private static String sides(boolean useBefore, double medianBefore, boolean useAfter, double medianAfter) {
        List<String> parts = new ArrayList<>();
        if (useBefore) {
            parts.add(num(StrictMath.exp(medianBefore)) + " before");
        }
        if (useAfter) {
            parts.add(num(StrictMath.exp(medianAfter)) + " after");
        }
        return String.join(", ", parts);
    }

    /** Median absolute log return between neighbours on the same side (none touches candle i), 0 if none. */
    private double localReturnsMedian(int i) {
        int n = c.size();
        int count = 0;
        for (int j = Math.max(1, i - NEIGHBOURS + 1); j < i; j++) {
            count = addReturn(j, count);
        }
        for (int j = i + 2; j <= Math.min(n - 1, i + NEIGHBOURS); j++) {
            count = addReturn(j, count);
        }
        return count == 0 ? 0 : median(returns, count);
    }

    private int addReturn(int j, int count) {
        double r = Math.abs(logClose[j] - logClose[j - 1]);
        if (!Double.isNaN(r)) {
            returns[count++] = r;
        }
        return count;
    }

    private void checkVolume(int i, List<SuspectReason> reasons) {
        double v = c.volume()[i];
        if (!(v >= 0) || Double.isInfinite(v)) {
            reasons.add(new SuspectReason(SuspectKind.BAD_VOLUME, List.of("volume"), "volume " + v
                    + (v < 0 ? " is negative" : " is not a finite number")));
            return;
        }
        double norm = volumeNormFor(v, c, i, volumes);
        if (norm > 0 && v > VOLUME_MULTIPLE * norm) {
            reasons.add(new SuspectReason(SuspectKind.ABSURD_VOLUME, List.of("volume"), "volume " + v + " is " + num(v / norm)
                    + " times the median " + num(norm) + " of the non-zero volumes around it (limit "
                    + VOLUME_MULTIPLE + " times)"));
        }
    }

    /**
     * The norm, or 0 when {@code v} is surely not absurd: no more than {@value #VOLUME_MULTIPLE} × the smallest
     * non-zero neighbour volume is no more than that many times their median, so no sort is needed.
     */
    private static double volumeNormFor(double v, CandleSeries c, int i, double[] volumes) {
        int n = c.size();
        int count = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int j = Math.max(0, i - NEIGHBOURS); j <= Math.min(n - 1, i + NEIGHBOURS); j++) {
            double w = c.volume()[j];
            if (j != i && w > 0 && !Double.isInfinite(w)) {
                count++;
                smallest = Math.min(smallest, w);
            }
        }
        return count < MIN_SIDE || v <= VOLUME_MULTIPLE * smallest ? 0 : volumeNorm(c, i, volumes);
    }

    private static double volumeNorm(CandleSeries c, int i, double[] volumes) {
        int n = c.size();
        int count = 0;
        for (int j = Math.max(0, i - NEIGHBOURS); j <= Math.min(n - 1, i + NEIGHBOURS); j++) {
            double v = c.volume()[j];
            if (j != i && v > 0 && !Double.isInfinite(v)) {
                volumes[count++] = v;
            }
        }
        return count < MIN_SIDE ? 0 : median(volumes, count);
    }

    /** Copies the non-NaN values of {@code from[start, end)} into {@code into}; returns how many. */
    private static int collect(double[] from, int start, int end, double[] into) {
        int count = 0;
        for (int j = start; j < end; j++) {
            if (!Double.isNaN(from[j])) {
                into[count++] = from[j];
            }
        }
        return count;
    }

    /** The median of {@code values[0, count)} (sorts them in place); the mean of the middle two if even. */
    private static double median(double[] values, int count) {
        Arrays.sort(values, 0, count);
        int mid = count / 2;
        return count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static boolean isPrice(double p) {
        return p > 0 && !Double.isInfinite(p);
    }

    /** Four significant digits, without exponent for everyday magnitudes: 314.7, 0.005652, 1234567. */
    static String num(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return Double.toString(x);
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros();
        double magnitude = Math.abs(x);
        return magnitude >= 1e-6 && magnitude < 1e15 ? rounded.toPlainString() : rounded.toString();
    }
}
