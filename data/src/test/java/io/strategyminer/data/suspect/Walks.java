package io.strategyminer.data.suspect;

import java.util.SplittableRandom;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;

/** Seeded random-walk candles, the shape of a real market, to plant bad candles in. */
final class Walks {
    private Walks() {
    }

    /**
     * {@code n} 5-minute candles from {@code level}, log returns uniform in ±{@code step}, wicks of 0.1 %, volume
     * 10–20.
     */
    static CandleSeries walk(int n, long seed, double level, double step) {
        SplittableRandom random = new SplittableRandom(seed);
        CandleSeriesBuilder b = new CandleSeriesBuilder();
        double close = level;
        for (int i = 0; i < n; i++) {
            double open = close;
            close = open * StrictMath.exp(step * (2 * random.nextDouble() - 1));
            b.add(1_700_000_100L + 300L * i, open, Math.max(open, close) * 1.001, Math.min(open, close) * 0.999, close,
                    10 + 10 * random.nextDouble());
        }
        return b.build();
    }

    /** A copy of {@code s} with candle {@code i} replaced. */
    static CandleSeries with(CandleSeries s, int i, double open, double high, double low, double close, double volume) {
        CandleSeriesBuilder b = new CandleSeriesBuilder();
        for (int j = 0; j < s.size(); j++) {
            if (j == i) {
                b.add(s.time()[j], open, high, low, close, volume);
            } else {
                b.add(s, j);
            }
        }
        return b.build();
    }

    /** A copy of {@code s} with every price multiplied by {@code factor}. */
    static CandleSeries scaled(CandleSeries s, double factor) {
        CandleSeriesBuilder b = new CandleSeriesBuilder();
        for (int j = 0; j < s.size(); j++) {
            b.add(s.time()[j], s.open()[j] * factor, s.high()[j] * factor, s.low()[j] * factor, s.close()[j] * factor,
                    s.volume()[j]);
        }
        return b.build();
    }
}
