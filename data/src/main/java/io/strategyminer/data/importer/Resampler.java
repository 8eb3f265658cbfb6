package io.strategyminer.data.importer;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;
import io.strategyminer.data.Timeframe;

/**
 * Merges candles into a coarser timeframe that is a multiple of theirs. Buckets are aligned to
 * multiples of the target timeframe since the epoch, like {@link TradeAggregator}'s.
 *
 * <p>Partial buckets (at the edges of the data, or around a gap) are KEPT: a coarse candle exists
 * when at least one source candle falls in its bucket, exactly as a candle aggregated from trades
 * exists when at least one trade does. So resampling 1-minute candles built from trades gives the
 * same 5-minute candles as aggregating the trades at 5 minutes (volumes equal up to rounding, since
 * floating-point sums depend on grouping). Empty buckets stay gaps.
 */
public final class Resampler {
    private Resampler() {
    }

    /**
     * @param source        candles oldest first, each {@code sourceSeconds} long
     * @param sourceSeconds the source timeframe
     * @param targetSeconds the target timeframe, a multiple of {@code sourceSeconds}
     * @throws IllegalArgumentException if the target is not a multiple of the source, or a source candle
     *                                  straddles a target bucket boundary (its open time is misaligned)
     */
    public static CandleSeries resample(CandleSeries source, long sourceSeconds, long targetSeconds) {
        if (sourceSeconds <= 0 || targetSeconds <= 0 || targetSeconds % sourceSeconds != 0) {
            throw new IllegalArgumentException(Timeframe.label(targetSeconds) + " candles cannot be made from "
                    + Timeframe.label(sourceSeconds) + " candles: the timeframe must be a multiple of "
                    + Timeframe.label(sourceSeconds));
        }
        CandleSeriesBuilder out = new CandleSeriesBuilder(source.size() / (int) Math.min(targetSeconds / sourceSeconds,
                Integer.MAX_VALUE) + 1);
        long[] time = source.time();
        int i = 0;
        while (i < source.size()) {
            long bucket = Math.floorDiv(time[i], targetSeconds) * targetSeconds;
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            double volume = 0;
            int first = i;
            for (; i < source.size() && time[i] < bucket + targetSeconds; i++) {
                if (time[i] + sourceSeconds > bucket + targetSeconds) {
                    throw new IllegalArgumentException("the " + Timeframe.label(sourceSeconds) + " candle at "
                            + Timestamps.describe(time[i]) + " straddles two " + Timeframe.label(targetSeconds)
                            + " candles: its open time is not aligned to " + Timeframe.label(sourceSeconds));
                }
                high = Math.max(high, source.high()[i]);
                low = Math.min(low, source.low()[i]);
                volume += source.volume()[i];
            }
            out.add(bucket, source.open()[first], high, low, source.close()[i - 1], volume);
        }
        return out.build();
    }
}
