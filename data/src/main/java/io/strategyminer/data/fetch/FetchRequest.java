package io.strategyminer.data.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.strategyminer.data.Timeframe;

/**
 * Which candles to fetch: those of {@code product} at {@code granularitySeconds} whose open time is in
 * {@code [start, end)}; both bounds are multiples of the granularity.
 */
public record FetchRequest(String product, long granularitySeconds, long start, long end) {
    /** The only candle lengths the Coinbase Exchange candles endpoint serves. */
    public static final Set<Long> GRANULARITIES = Set.of(60L, 300L, 900L, 3_600L, 21_600L, 86_400L);
    private static final Pattern PRODUCT = Pattern.compile("[A-Z0-9]{2,10}-[A-Z0-9]{2,10}");

    public FetchRequest {
        if (product == null || !PRODUCT.matcher(product).matches()) {
            throw new IllegalArgumentException("product '" + product + "' is not like BTC-USD");
        }
        if (!GRANULARITIES.contains(granularitySeconds)) {
            throw new IllegalArgumentException("granularity " + granularitySeconds + " s is not one Coinbase serves:"
                    + " 1m, 5m, 15m, 1h, 6h or 1d");
        }
        if (start % granularitySeconds != 0 || end % granularitySeconds != 0 || start >= end) {
            throw new IllegalArgumentException("range [" + start + ", " + end + ") is empty or not aligned to "
                    + Timeframe.label(granularitySeconds));
        }
    }

    /**
     * The last {@code days} days of complete candles before {@code now}: the range ends at the last
     * candle boundary, so every candle fetched is closed.
     */
    public static FetchRequest lastDays(String product, long granularitySeconds, int days, Instant now) {
        if (days < 1 || days > 3_650) {
            throw new IllegalArgumentException("--days must be between 1 and 3650, got " + days);
        }
        String upper = product == null ? null : product.trim().toUpperCase(Locale.ROOT);
        long end = Math.floorDiv(now.getEpochSecond(), granularitySeconds) * granularitySeconds;
        return new FetchRequest(upper, granularitySeconds, end - Duration.ofDays(days).toSeconds(), end);
    }

    /** How many candles the range can hold. */
    public long candleSlots() {
        return (end - start) / granularitySeconds;
    }
}
