package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;
import io.strategyminer.data.CandleWriters;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.SharedData;
import io.strategyminer.data.suspect.SuspectPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The same candles written in every format import as the same dataset id. */
class CrossFormatIdTest {
    private static final List<Function<CandleSeries, String>> FORMATS = List.of(
            CandleWriters::csvIsoSemicolon,
            CandleWriters::csvMillis,
            CandleWriters::coinbaseExchange,
            s -> CandleWriters.coinbaseAdvanced(s, true),
            s -> CandleWriters.coinbaseAdvanced(s, false),
            s -> CandleWriters.ohlc(s, 300),
            CandleWriters::recordsMillis,
            s -> CandleWriters.yahooChart(s, "BTC-USD"));

    @Test
    void theRealBitstampFileHasOneIdInEveryFormat() throws IOException {
        CandleSeries original = CandleImporter.importFile(SharedData.file(SharedData.BTC_2011_CSV), ImportOptions.auto())
                .candles();
        assertSameIdInEveryFormat(original);
    }

    @Provide
    Arbitrary<CandleSeries> series() {
        Arbitrary<double[]> candle = Combinators.combine(
                Arbitraries.doubles().between(1e-6, 1e7).ofScale(10),
                Arbitraries.doubles().between(0, 1).ofScale(12),
                Arbitraries.doubles().between(0, 1).ofScale(12),
                Arbitraries.doubles().between(0, 1).ofScale(12),
                Arbitraries.doubles().between(0, 1e9).ofScale(8),
                // Mostly 5 minutes apart, sometimes a gap of 2 to 4 candles.
                Arbitraries.integers().between(1, 12)).as((low, up, o, c, volume, r) -> new double[] {
                        low, low * (1 + up), o, c, volume, r <= 9 ? 1 : r - 8});
        return candle.list().ofMinSize(2).ofMaxSize(60).map(rows -> {
            CandleSeriesBuilder b = new CandleSeriesBuilder();
            long time = 1_600_000_200L;
            for (double[] r : rows) {
                double low = r[0];
                double high = Math.max(r[1], low);
                double open = Math.min(high, Math.max(low, low + r[2] * (high - low)));
                double close = Math.min(high, Math.max(low, low + r[3] * (high - low)));
                b.add(time, open, high, low, close, r[4]);
                time += 300 * (long) r[5];
            }
            // Force the 5-minute spacing to be the most common one, whatever the random steps were.
            b.add(time, 1, 1, 1, 1, 0).add(time + 300, 1, 1, 1, 1, 0).add(time + 600, 1, 1, 1, 1, 0);
            return b.build();
        }).filter(s -> mostCommonSpacingIsFiveMinutes(s));
    }

    /** A random walk: market-like, so nothing in it is suspect. */
    @Provide
    Arbitrary<CandleSeries> walks() {
        return Arbitraries.doubles().between(-0.01, 0.01).ofScale(6).list().ofMinSize(2).ofMaxSize(60).map(steps -> {
            CandleSeriesBuilder b = new CandleSeriesBuilder();
            double close = 1_000;
            long time = 1_600_000_200L;
            for (double step : steps) {
                double open = close;
                close = open * (1 + step);
                b.add(time, open, Math.max(open, close) * 1.001, Math.min(open, close) * 0.999, close, 1 + 100 * Math.abs(step));
                time += 300;
            }
            return b.build();
        });
    }

    @Property(tries = 100)
    void cleanCandlesHaveTheIdOfTheirCandlesInEveryFormat(@ForAll("walks") CandleSeries series) throws IOException {
        assertSameIdInEveryFormat(series);
    }

    /** Independent random candles across 13 orders of magnitude: most are suspect, and repaired the same way. */
    @Property(tries = 200)
    void randomCandlesHaveOneIdInEveryFormat(@ForAll("series") CandleSeries series) throws IOException {
        assertSameIdInEveryFormat(series);
    }

    /**
     * Every format gives the same outcome: the same dataset id (repairing suspects, whose record does not depend on
     * the format), or the same refusal (when every candle is suspect, nothing is left to repair from). When nothing
     * was suspect, the id is the id of the original candles.
     */
    private static void assertSameIdInEveryFormat(CandleSeries original) throws IOException {
        String first = null;
        for (Function<CandleSeries, String> format : FORMATS) {
            String outcome;
            try {
                ImportResult result = ImportFixtures.read(format.apply(original),
                        ImportOptions.auto().withSuspects(SuspectPolicy.REPAIR));
                assertEquals(300, result.timeframeSeconds(), result.format().toString());
                DatasetId id = result.toDataset().id();
                if (result.cleaning().isNone()) {
                    assertEquals(DatasetId.of(original), id);
                }
                outcome = id.hex();
            } catch (InvalidCandleDataException e) {
                outcome = e.problems().get(0).reason();
            }
            if (first == null) {
                first = outcome;
            }
            assertEquals(first, outcome);
        }
    }

    private static boolean mostCommonSpacingIsFiveMinutes(CandleSeries s) {
        int five = 0;
        int other = 0;
        for (int i = 1; i < s.size(); i++) {
            if (s.time()[i] - s.time()[i - 1] == 300) {
                five++;
            } else {
                other++;
            }
        }
        return five > other;
    }
}
