package io.strategyminer.data.importer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;

/** Small inputs for importer tests. */
final class ImportFixtures {
    private ImportFixtures() {
    }

    static ImportResult read(String content, ImportOptions options) throws IOException {
        return CandleImporter.read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "test.csv", options);
    }

    static ImportResult read(String content) throws IOException {
        return read(content, ImportOptions.auto());
    }

    /** Three valid 5-minute candles starting 2024-01-01T00:00:00Z. */
    static CandleSeries threeCandles() {
        return new CandleSeriesBuilder()
                .add(1_704_067_200L, 100.0, 101.5, 99.25, 101.0, 12.5)
                .add(1_704_067_500L, 101.0, 102.0, 100.5, 100.75, 0.0)
                .add(1_704_067_800L, 100.75, 100.75, 98.0, 99.5, 3.125)
                .build();
    }
}
