package io.strategyminer.backtest.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.backtest.genome.Indicator;
import io.strategyminer.data.CandleSeries;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The warm-up of every indicator kind, by the documented rule and worked out by hand (not read back from
 * {@link Indicators#warmUp}): the oracle test compares columns with ta4j only after the warm-up, so only a test
 * like this one notices a warm-up that ends too early (conditions firing on an EMA still dominated by its seed)
 * or too late (signals lost).
 */
class WarmUpTest {
    /** 400 candles of a gently zig-zagging price: every formula is defined from the first candle on. */
    private static CandleSeries candles() {
        int n = 400;
        long[] time = new long[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        for (int i = 0; i < n; i++) {
            time[i] = 1_700_000_000L + 300L * i;
            close[i] = 100 + (i % 7) - 0.5 * (i % 3);
            open[i] = i == 0 ? close[i] : close[i - 1];
            high[i] = Math.max(open[i], close[i]) + 1;
            low[i] = Math.min(open[i], close[i]) - 1;
            volume[i] = 10 + i % 5;
        }
        return new CandleSeries(time, open, high, low, close, volume);
    }

    @ParameterizedTest(name = "{0}: first valid candle {1}")
    @CsvSource(delimiter = ';', value = {
            "PRICE; 0",
            "SMA(20); 19",           // the first full window: candles 0..19
            "BB_UPPER(20,20); 19",
            "BB_LOWER(10,25); 9",
            "BB_PCTB(15,20); 14",
            "STOCH_K(14); 13",
            "VOLUME_RATIO(30); 29",
            "ROC(12); 12",           // needs candle i - 12
            "EMA(10); 30",           // 3 periods
            "EMA(21); 63",
            "RSI(14); 70",           // 5 periods of Wilder smoothing
            "ATR(7); 35",
            "MACD(12,26); 78",       // 3 slow periods
            "MACD_SIGNAL(12,26,9); 105", // 3 slow + 3 signal periods
            "MACD_HIST(5,35,9); 132"})
    void eachKindWaitsItsDocumentedWarmUp(String text, int firstValid) {
        Indicator indicator = Indicator.parse(text);
        assertEquals(firstValid, Indicators.warmUp(indicator));
        IndicatorColumn column = Indicators.compute(indicator, candles());
        assertEquals(firstValid, column.firstValid());
        double[] values = column.values();
        for (int i = 0; i < firstValid; i++) {
            assertTrue(Double.isNaN(values[i]), text + " must be undefined at candle " + i);
        }
        assertFalse(Double.isNaN(values[firstValid]), text + " must be defined at candle " + firstValid);
    }

    @Test
    void noCandlesGiveAnEmptySmoothing() {
        assertEquals(0, Indicators.ema(new double[0], 0.5).length);
        assertEquals(0, Indicators.wilder(new double[0], 14).length);
    }

    @Test
    void aColumnWeighsEightBytesPerCandlePlusItsHeader() {
        assertEquals(16 + 8 * 400, Indicators.compute(Indicator.parse("SMA(5)"), candles()).bytes());
    }

    @ParameterizedTest
    @CsvSource({"EMA(100), 50", "RSI(60), 299", "SMA(30), 29"})
    void aWarmUpLongerThanTheDataLeavesEveryValueUndefined(String text, int candles) {
        CandleSeries all = candles();
        CandleSeries few = new CandleSeries(Arrays.copyOf(all.time(), candles),
                Arrays.copyOf(all.open(), candles), Arrays.copyOf(all.high(), candles),
                Arrays.copyOf(all.low(), candles), Arrays.copyOf(all.close(), candles),
                Arrays.copyOf(all.volume(), candles));
        IndicatorColumn column = Indicators.compute(Indicator.parse(text), few);
        assertEquals(candles, column.firstValid());
        for (double v : column.values()) {
            assertTrue(Double.isNaN(v));
        }
    }
}
