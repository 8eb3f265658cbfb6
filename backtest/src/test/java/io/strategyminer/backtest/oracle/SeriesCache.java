package io.strategyminer.backtest.oracle;

import io.strategyminer.data.Dataset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ta4j.core.BarSeries;

/** ta4j series built once per dataset and test JVM (building one takes a moment). */
final class SeriesCache {
    private static final Map<String, BarSeries> SERIES = new ConcurrentHashMap<>();

    private SeriesCache() {
    }

    static BarSeries of(Dataset dataset) {
        return SERIES.computeIfAbsent(dataset.id().hex(), id -> Ta4jSeries.of(dataset));
    }
}
