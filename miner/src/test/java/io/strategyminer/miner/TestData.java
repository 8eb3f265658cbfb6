package io.strategyminer.miner;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Candles for the miner's tests: the real 2011 BTC/USD file and a synthetic series with a planted edge. */
final class TestData {
    /** Close-to-close fall over {@link #PLANT_PERIOD} candles, percent, that the planted rally follows. */
    static final double PLANT_DROP_PCT = -1.5;
    static final int PLANT_PERIOD = 10;
    /** Candles of the rally and its rise per candle. */
    static final int RALLY_CANDLES = 12;
    static final double RALLY_STEP = 0.004;

    private TestData() {
    }

    private static final class Btc2011 {
        static final Dataset DATASET = load();

        private static Dataset load() {
            Path dir = Path.of(System.getProperty("sm.shared.data", "../../shared/data"));
            try {
                return CandleImporter.importFile(dir.resolve("btcusd-bitstamp-5m-2011.csv"), ImportOptions.auto())
                        .toDataset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** BTC/USD, Bitstamp, 5-minute candles of 2011 (39,017): the reference workload. */
    static Dataset btc2011() {
        return Btc2011.DATASET;
    }

    /**
     * 5-minute candles that drift down in noise (±0.5 % per candle, uniform), except that whenever the
     * close has fallen more than {@link #PLANT_DROP_PCT} % over {@link #PLANT_PERIOD} candles (that is,
     * ROC(10) &lt; -1.5 on that close), the next {@link #RALLY_CANDLES} candles each rise 0.4 %. So "BUY when
     * ROC(10) &lt; -1.5" with a take-profit below the rally's ~4.9 % is very profitable, and little else is.
     */
    static Dataset plantedRally(int candles, long seed) {
        Xoshiro256 rng = Xoshiro256.seeded(seed);
        long[] time = new long[candles];
        double[] open = new double[candles];
        double[] high = new double[candles];
        double[] low = new double[candles];
        double[] close = new double[candles];
        double[] volume = new double[candles];
        double previous = 100;
        int rallyLeft = 0;
        for (int i = 0; i < candles; i++) {
            double ret = rallyLeft > 0 ? RALLY_STEP : (rng.nextDouble() - 0.5) * 0.01 - 0.0002;
            if (rallyLeft > 0) {
                rallyLeft--;
            }
            time[i] = 1_600_000_000L + 300L * i;
            open[i] = previous;
            close[i] = previous * (1 + ret);
            high[i] = Math.max(open[i], close[i]) * 1.0005;
            low[i] = Math.min(open[i], close[i]) * 0.9995;
            volume[i] = 1 + rng.nextDouble();
            previous = close[i];
            boolean dropped = i >= PLANT_PERIOD
                    && 100 * (close[i] - close[i - PLANT_PERIOD]) / close[i - PLANT_PERIOD] < PLANT_DROP_PCT;
            if (rallyLeft == 0 && dropped) {
                rallyLeft = RALLY_CANDLES;
            }
        }
        return Dataset.of("planted rally", "TEST-USD", 300,
                new CandleSeries(time, open, high, low, close, volume));
    }
}
