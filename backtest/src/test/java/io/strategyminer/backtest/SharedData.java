package io.strategyminer.backtest;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.ImportOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real candle files of {@code ../shared/data}, read once per test JVM with the data module's importer. */
public final class SharedData {
    public static final String BTC_2011_5M = "btcusd-bitstamp-5m-2011.csv";
    public static final String ETH_4H = "ethusd-coinbase-4h-2016-2025.json";

    private static final Map<String, Dataset> LOADED = new ConcurrentHashMap<>();

    private SharedData() {
    }

    public static Dataset btc2011() {
        return load(BTC_2011_5M);
    }

    public static Dataset eth4h() {
        return load(ETH_4H);
    }

    public static Dataset load(String file) {
        return LOADED.computeIfAbsent(file, SharedData::read);
    }

    public static Path folder() {
        String configured = System.getProperty("sm.shared.data");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../shared/data");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("shared data folder not found: " + dir.toAbsolutePath()
                    + " (set -Dsm.shared.data)");
        }
        return dir;
    }

    private static Dataset read(String file) {
        try {
            // As recorded, suspect candles included (the ETH file has one bad tick): these tests hold the engine
            // to ta4j and to the reference simulator on given candles, whatever they are.
            return CandleImporter.importFile(folder().resolve(file), ImportOptions.auto().unscreened()).toDataset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
