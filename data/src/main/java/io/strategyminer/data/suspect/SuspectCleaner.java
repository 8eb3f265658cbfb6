package io.strategyminer.data.suspect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;

/**
 * Applies a {@link SuspectPolicy} to the suspects {@link SuspectDetector} found.
 *
 * <p><b>Drop</b> removes each suspect candle (it becomes a gap). <b>Repair</b> rewrites it, oldest first:
 * <ol>
 *   <li>every price that is impossible (not positive, or a spike) is replaced by the reference price: the
 *       close of the candle before (as repaired), or for the first candle the open of the first later
 *       candle that is not suspect;</li>
 *   <li>a high below the low is swapped with it;</li>
 *   <li>a replaced high is raised to cover open and close, a replaced low lowered to cover them;</li>
 *   <li>open and close are clamped into [low, high] (a high and low that were not replaced are trusted);</li>
 *   <li>a bad or absurd volume is replaced by the median of the neighbours' non-zero volumes (0 if none).</li>
 * </ol>
 * So the bad tick of a candle "open = low = 0.06, high 1,185, close 1,178.85" after a close of 1,180.20
 * becomes open 1,180.20, high 1,185, low 1,178.85, close 1,178.85: no price in it is one nobody traded near.
 */
public final class SuspectCleaner {
    private SuspectCleaner() {
    }

    /** The candles after the policy, and the record of what it did. */
    public record Cleaned(CandleSeries candles, Cleaning cleaning) {
    }

    /**
     * @param policy   {@link SuspectPolicy#DROP} or {@link SuspectPolicy#REPAIR}
     * @param suspects the suspects of {@code candles}, oldest first, at most {@link Cleaning#MAX_CANDLES}
     * @throws IllegalArgumentException for {@link SuspectPolicy#REFUSE}, or when a repair has no neighbour to
     *                                  take a price from (every candle is suspect)
     */
    public static Cleaned apply(SuspectPolicy policy, CandleSeries candles, List<SuspectCandle> suspects) {
        if (policy == SuspectPolicy.REFUSE) {
            throw new IllegalArgumentException("refusing is not a cleaning");
        }
        if (suspects.isEmpty()) {
            return new Cleaned(candles, Cleaning.NONE);
        }
        boolean[] suspect = new boolean[candles.size()];
        suspects.forEach(s -> suspect[s.index()] = true);
        CandleSeriesBuilder out = new CandleSeriesBuilder(candles.size());
        List<CleanedCandle> record = new ArrayList<>(suspects.size());
        int next = 0;
        double lastClose = Double.NaN; // of the last candle kept, as repaired
        for (int i = 0; i < candles.size(); i++) {
            if (!suspect[i]) {
                out.add(candles, i);
                lastClose = candles.close()[i];
                continue;
            }
            SuspectCandle s = suspects.get(next++);
            CandleValues after = null;
            if (policy == SuspectPolicy.REPAIR) {
                double reference = out.size() > 0 ? lastClose : laterOpen(candles, suspect, i);
                after = repair(s, reference, SuspectDetector.volumeNorm(candles, i));
                out.add(s.time(), after.open(), after.high(), after.low(), after.close(), after.volume());
                lastClose = after.close();
            }
            record.add(new CleanedCandle(s.time(), s.location(),
                    s.reasons().stream().map(SuspectReason::kind).distinct().sorted().toList(), s.why(), s.values(),
                    after));
        }
        return new Cleaned(out.build(), new Cleaning(policy, record));
    }

    private static double laterOpen(CandleSeries candles, boolean[] suspect, int i) {
        for (int j = i + 1; j < candles.size(); j++) {
            if (!suspect[j]) {
                return candles.open()[j];
            }
        }
        throw new IllegalArgumentException("cannot repair the candle at " + Instant.ofEpochSecond(candles.time()[i])
                + ": no candle that is not suspect to take a price from; drop the suspects instead");
    }

    private static CandleValues repair(SuspectCandle s, double reference, double volumeNorm) {
        CandleValues v = s.values();
        boolean highReplaced = impossible(s, "high");
        boolean lowReplaced = impossible(s, "low");
        double open = impossible(s, "open") ? reference : v.open();
        double high = highReplaced ? reference : v.high();
        double low = lowReplaced ? reference : v.low();
        double close = impossible(s, "close") ? reference : v.close();
        if (high < low) {
            double swap = high;
            high = low;
            low = swap;
        }
        if (highReplaced) {
            high = Math.max(high, Math.max(open, close));
        }
        if (lowReplaced) {
            low = Math.min(low, Math.min(open, close));
        }
        open = Math.min(Math.max(open, low), high);
        close = Math.min(Math.max(close, low), high);
        boolean badVolume = s.reasons().stream().anyMatch(r -> r.kind().volume());
        return new CandleValues(open, high, low, close, badVolume ? volumeNorm : v.volume());
    }

    private static boolean impossible(SuspectCandle s, String field) {
        return s.reasons().stream().anyMatch(r -> r.kind().impossiblePrice() && r.fields().contains(field));
    }
}
