package io.strategyminer.backtest;

import io.strategyminer.data.CandleSeries;

/**
 * Links from every candle to the next candle with a strictly lower low, a strictly higher high, a strictly lower
 * close and a strictly higher close (the dataset's size when there is none). Computed once per dataset in linear
 * time (a monotonic stack) and shared by every backtest, they answer the questions a position asks about the
 * candles it is held over by following links instead of visiting candles:
 *
 * <ul>
 *   <li>the first candle from {@code k} whose low reaches a stop: while the low is above the stop, jump to the next
 *       lower low (every candle jumped over has a low at least as high, so none reaches it);</li>
 *   <li>the lowest and the highest close of {@code [k, last]}, and where the highest is first reached: follow the
 *       links while they stay inside the range.</li>
 * </ul>
 *
 * <p>A walk visits only the candles that set a new extreme counted from its start (the running minima or maxima),
 * typically far fewer than the candles of the range: tens for a trade held over hundreds of candles.
 */
final class ExtremeLinks {
    private final double[] low;
    private final double[] high;
    private final double[] close;
    private final int[] lowerLow;
    private final int[] higherHigh;
    private final int[] lowerClose;
    private final int[] higherClose;

    ExtremeLinks(CandleSeries candles) {
        low = candles.low();
        high = candles.high();
        close = candles.close();
        lowerLow = next(low, true);
        higherHigh = next(high, false);
        lowerClose = next(close, true);
        higherClose = next(close, false);
    }

    /** For each index, the next index with a strictly lower (or higher) value; {@code values.length} if none. */
    private static int[] next(double[] values, boolean lower) {
        int n = values.length;
        int[] next = new int[n];
        int[] stack = new int[n];
        int size = 0;
        for (int i = n - 1; i >= 0; i--) {
            double v = values[i];
            // Drop the candidates that v hides: those not strictly beyond it.
            while (size > 0 && (lower ? values[stack[size - 1]] >= v : values[stack[size - 1]] <= v)) {
                size--;
            }
            next[i] = size == 0 ? n : stack[size - 1];
            stack[size++] = i;
        }
        return next;
    }

    /** The first candle in {@code [k, last]} whose low is at or below {@code level}, or a candle after {@code last}. */
    int lowReaching(int k, int last, double level) {
        while (k <= last && low[k] > level) {
            k = lowerLow[k];
        }
        return k;
    }

    /** The first candle in {@code [k, last]} whose high is at or above {@code level}, or a candle after {@code last}. */
    int highReaching(int k, int last, double level) {
        while (k <= last && high[k] < level) {
            k = higherHigh[k];
        }
        return k;
    }

    /** The first candle with the lowest close of {@code [k, last]} ({@code k ≤ last}). */
    int lowestClose(int k, int last) {
        for (int next = lowerClose[k]; next <= last; next = lowerClose[next]) {
            k = next;
        }
        return k;
    }

    /** The first candle with the highest close of {@code [k, last]} ({@code k ≤ last}). */
    int highestClose(int k, int last) {
        for (int next = higherClose[k]; next <= last; next = higherClose[next]) {
            k = next;
        }
        return k;
    }

    /** The next candle after {@code k} whose close is strictly higher; the dataset's size if none. */
    int nextHigherClose(int k) {
        return higherClose[k];
    }
}
