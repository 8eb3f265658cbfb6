package io.strategyminer.backtest.oracle;

import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.AbstractIndicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.numeric.NumericIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/** Our datasets and indicators in ta4j 0.17's terms (DoubleNum), for the oracle tests and the comparison harness. */
public final class Ta4jSeries {
    private Ta4jSeries() {
    }

    /** The dataset as a ta4j series; a bar's end time is its open time plus the timeframe. */
    public static BarSeries of(Dataset dataset) {
        BarSeries series = new BaseBarSeriesBuilder().withName(dataset.name()).withNumTypeOf(DoubleNum.class).build();
        CandleSeries c = dataset.candles();
        Duration period = Duration.ofSeconds(dataset.timeframeSeconds());
        for (int i = 0; i < c.size(); i++) {
            ZonedDateTime end = Instant.ofEpochSecond(c.time()[i]).plus(period).atZone(ZoneOffset.UTC);
            series.addBar(period, end, DoubleNum.valueOf(c.open()[i]), DoubleNum.valueOf(c.high()[i]),
                    DoubleNum.valueOf(c.low()[i]), DoubleNum.valueOf(c.close()[i]), DoubleNum.valueOf(c.volume()[i]));
        }
        return series;
    }

    /** ta4j's counterpart of one of our indicators, built from ta4j's own classes as they are. */
    public static org.ta4j.core.Indicator<Num> indicator(BarSeries series, Indicator indicator) {
        return indicator(series, indicator, false);
    }

    /**
     * ta4j's counterpart of one of our indicators.
     *
     * @param exactFlatWindows apply our one documented deviation to ta4j's moving averages: over a
     *                         window of identical inputs the SMA is exactly that input and the
     *                         standard deviation exactly 0 (ta4j's running sum leaves an ulp of
     *                         residue there, enough to make "price crosses above SMA" fire in a
     *                         flat market depending on the order values were first read)
     */
    public static org.ta4j.core.Indicator<Num> indicator(BarSeries series, Indicator indicator,
                                                         boolean exactFlatWindows) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        int p = indicator.p1();
        return switch (indicator.kind()) {
            case PRICE -> close;
            case SMA -> sma(close, p, exactFlatWindows);
            case EMA -> new EMAIndicator(close, p);
            case RSI -> new RSIIndicator(close, p);
            case MACD -> new MACDIndicator(close, p, indicator.p2());
            case MACD_SIGNAL -> new MACDIndicator(close, p, indicator.p2()).getSignalLine(indicator.p3());
            case MACD_HIST -> new MACDIndicator(close, p, indicator.p2()).getHistogram(indicator.p3());
            case BB_UPPER -> upper(close, p, indicator.bandWidth(), exactFlatWindows);
            case BB_LOWER -> lower(close, p, indicator.bandWidth(), exactFlatWindows);
            case BB_PCTB -> exactFlatWindows
                    ? NumericIndicator.of(close).minus(lower(close, p, indicator.bandWidth(), true))
                            .dividedBy(NumericIndicator.of(upper(close, p, indicator.bandWidth(), true))
                                    .minus(lower(close, p, indicator.bandWidth(), true)))
                    : new PercentBIndicator(close, p, indicator.bandWidth());
            case ATR -> new ATRIndicator(series, p);
            case ROC -> new ROCIndicator(close, p);
            case STOCH_K -> new StochasticOscillatorKIndicator(series, p);
            case VOLUME_RATIO -> NumericIndicator.of(new VolumeIndicator(series))
                    .dividedBy(sma(new VolumeIndicator(series), p, exactFlatWindows));
        };
    }

    private static org.ta4j.core.Indicator<Num> sma(org.ta4j.core.Indicator<Num> input, int p, boolean exact) {
        SMAIndicator sma = new SMAIndicator(input, p);
        return exact ? new FlatWindow(sma, input, p, false) : sma;
    }

    private static BollingerBandsUpperIndicator upper(ClosePriceIndicator close, int p, double k, boolean exact) {
        return new BollingerBandsUpperIndicator(middle(close, p, exact), deviation(close, p, exact),
                close.numOf(k));
    }

    private static BollingerBandsLowerIndicator lower(ClosePriceIndicator close, int p, double k, boolean exact) {
        return new BollingerBandsLowerIndicator(middle(close, p, exact), deviation(close, p, exact),
                close.numOf(k));
    }

    private static BollingerBandsMiddleIndicator middle(ClosePriceIndicator close, int p, boolean exact) {
        return new BollingerBandsMiddleIndicator(sma(close, p, exact));
    }

    private static org.ta4j.core.Indicator<Num> deviation(ClosePriceIndicator close, int p, boolean exact) {
        StandardDeviationIndicator sd = new StandardDeviationIndicator(close, p);
        return exact ? new FlatWindow(sd, close, p, true) : sd;
    }

    /** A ta4j indicator that, over a window of identical inputs, is the input itself (or 0 for a deviation). */
    private static final class FlatWindow extends AbstractIndicator<Num> {
        private final org.ta4j.core.Indicator<Num> delegate;
        private final org.ta4j.core.Indicator<Num> input;
        private final int period;
        private final boolean zero;

        FlatWindow(org.ta4j.core.Indicator<Num> delegate, org.ta4j.core.Indicator<Num> input, int period,
                   boolean zero) {
            super(input.getBarSeries());
            this.delegate = delegate;
            this.input = input;
            this.period = period;
            this.zero = zero;
        }

        @Override
        public Num getValue(int index) {
            Num value = input.getValue(index);
            for (int j = Math.max(0, index - period + 1); j < index; j++) {
                if (!input.getValue(j).isEqual(value)) {
                    return delegate.getValue(index);
                }
            }
            return zero ? value.zero() : value;
        }

        @Override
        public int getUnstableBars() {
            return period;
        }
    }

    /** Every value, read in index order (ta4j's running sums take their serial path, as in a backtest). */
    public static double[] values(org.ta4j.core.Indicator<Num> indicator, int size) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = indicator.getValue(i).doubleValue();
        }
        return out;
    }
}
