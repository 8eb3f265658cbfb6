package io.strategyminer.data.suspect;

import io.strategyminer.data.CandleSeries;

/** The five values of one candle (its time is kept beside it). */
public record CandleValues(double open, double high, double low, double close, double volume) {
    /** Candle {@code i} of a series. */
    public static CandleValues of(CandleSeries series, int i) {
        return new CandleValues(series.open()[i], series.high()[i], series.low()[i], series.close()[i],
                series.volume()[i]);
    }
}
