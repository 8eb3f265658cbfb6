package io.strategyminer.data.importer;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;

/**
 * Turns a stream of trades, oldest first, into candles of a fixed timeframe: open = first trade's
 * price, close = last one's, high/low = extremes, volume = sum of amounts in trade order. Buckets are
 * aligned to multiples of the timeframe since the epoch; a bucket without trades is a gap, not a
 * candle (inventing flat candles would create prices nobody traded at).
 */
public final class TradeAggregator {
    private final long timeframeSeconds;
    private final CandleSeriesBuilder candles = new CandleSeriesBuilder();
    private long bucket = Long.MIN_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;
    private boolean finished;

    public TradeAggregator(long timeframeSeconds) {
        if (timeframeSeconds <= 0) {
            throw new IllegalArgumentException("timeframe must be positive, got " + timeframeSeconds + " s");
        }
        this.timeframeSeconds = timeframeSeconds;
    }

    /**
     * Adds one trade.
     *
     * @throws IllegalArgumentException if it is older than the previous trade, or its price is not positive
     *                                  and finite, or its amount is negative or not finite
     * @throws IllegalStateException    after {@link #finish()}
     */
    public void add(long timeSeconds, double price, double amount) {
        if (finished) {
            throw new IllegalStateException("the candles were already taken");
        }
        if (timeSeconds < lastTime) {
            throw new IllegalArgumentException("trade at " + timeSeconds + " is older than the previous one at " + lastTime);
        }
        if (!(price > 0) || Double.isInfinite(price) || !(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("trade at " + timeSeconds + " has price " + price + " and amount " + amount);
        }
        lastTime = timeSeconds;
        long tradeBucket = Math.floorDiv(timeSeconds, timeframeSeconds) * timeframeSeconds;
        if (tradeBucket != bucket) {
            flush();
            bucket = tradeBucket;
            open = price;
            high = price;
            low = price;
            volume = 0;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += amount;
    }

    /** Closes the last bucket and returns the candles, oldest first; no trade may be added afterwards. */
    public CandleSeries finish() {
        if (finished) {
            throw new IllegalStateException("finish() was already called");
        }
        finished = true;
        flush();
        return candles.build();
    }

    private void flush() {
        if (bucket != Long.MIN_VALUE) {
            candles.add(bucket, open, high, low, close, volume);
        }
    }
}
