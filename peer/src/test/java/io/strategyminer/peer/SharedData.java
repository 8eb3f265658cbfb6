package io.strategyminer.peer;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real candle files in {@code ../shared/data} (see its README) that the peer's tests import and upload. */
public final class SharedData {
    public static final String BTC_2011_CSV = "btcusd-bitstamp-5m-2011.csv";
    public static final String ETH_OHLC_JSON = "ethusd-binanceus-5m-2023-03.json";

    private SharedData() {
    }

    /** A file in the shared data folder: from {@code -Dsm.shared.data} (surefire sets it), else relative to the module. */
    public static Path file(String name) {
        String dir = System.getProperty("sm.shared.data");
        Path path = (dir != null ? Path.of(dir) : Path.of("../../shared/data")).resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("missing shared test data " + path.toAbsolutePath());
        }
        return path;
    }
}
