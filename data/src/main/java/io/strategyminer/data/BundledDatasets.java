package io.strategyminer.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportFormat;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.importer.ImportResult;

/**
 * The datasets every peer has without importing anything: 100,000 real Bitstamp BTC/USD trades
 * (2013-11-25 → 2013-12-01) from the Maven Central artifact {@code org.ta4j:ta4j-examples}, aggregated
 * into 1-minute and 5-minute candles. Built on first use (a fraction of a second) and cached.
 */
public final class BundledDatasets {
    /** The classpath resource holding the trades, {@code timestamp,price,amount}. */
    public static final String RESOURCE = "bitstamp_trades_from_20131125_usd.csv";
    public static final String BTC_USD_1M = "bundled-btcusd-1m";
    /** The default dataset of every command. */
    public static final String BTC_USD_5M = "bundled-btcusd-5m";
    public static final String SYMBOL = "BTC-USD";

    private BundledDatasets() {
    }

    /** BTC/USD 1-minute candles (about 9,400). */
    public static Dataset btcUsd1m() {
        return OneMinute.DATASET;
    }

    /** BTC/USD 5-minute candles (about 1,900): the default dataset. */
    public static Dataset btcUsd5m() {
        return FiveMinutes.DATASET;
    }

    /** Every bundled dataset, finest timeframe first. */
    public static List<Dataset> all() {
        return List.of(btcUsd1m(), btcUsd5m());
    }

    /** The bundled dataset with this name, if any. */
    public static Optional<Dataset> byName(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    // One holder class per dataset: each is built the first time it is asked for, once, thread-safely.
    private static final class OneMinute {
        static final Dataset DATASET = aggregate(BTC_USD_1M, 60);
    }

    private static final class FiveMinutes {
        static final Dataset DATASET = aggregate(BTC_USD_5M, 300);
    }

    private static Dataset aggregate(String name, long timeframeSeconds) {
        try (InputStream in = BundledDatasets.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled trades " + RESOURCE + " are not on the classpath"
                        + " (they come from org.ta4j:ta4j-examples)");
            }
            ImportOptions options = new ImportOptions(ImportFormat.TRADES_CSV, timeframeSeconds);
            ImportResult read = CandleImporter.read(in, RESOURCE, options);
            // Not toDataset(name, …): the names of bundled datasets are reserved, so no import may take them.
            return Dataset.of(name, SYMBOL, read.timeframeSeconds(), read.candles(), read.cleaning());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled trades " + RESOURCE, e);
        }
    }
}
