package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;
import io.strategyminer.data.MarketCalendar;
import io.strategyminer.data.SharedData;
import io.strategyminer.data.suspect.SuspectDetector;

/**
 * What the suspect check and the calendar cost: the import of the 39,017-candle 2011 file with and without the
 * suspect check (interleaved), and the detector and calendar alone on 39,017 and 1,000,000 candles. Run with
 * {@code mvn -o -Dsm.target=target-hd -pl data test -Dsm.excludedGroups= -Dtest=ImportBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. It prints figures and asserts only that work was done.
 */
@Tag("benchmark")
class ImportBenchmark {
    private static final int RUNS = 9;

    @Test
    void suspectCheckAndCalendarCost() throws IOException {
        Path btc = SharedData.file(SharedData.BTC_2011_CSV);
        ImportOptions screened = ImportOptions.auto();
        ImportOptions unscreened = ImportOptions.auto().unscreened();
        long[] with = new long[RUNS];
        long[] without = new long[RUNS];
        for (int warm = 0; warm < 3; warm++) {
            CandleImporter.importFile(btc, screened);
            CandleImporter.importFile(btc, unscreened);
        }
        for (int i = 0; i < RUNS; i++) {
            with[i] = time(() -> size(btc, screened));
            without[i] = time(() -> size(btc, unscreened));
        }
        CandleSeries real = CandleImporter.importFile(btc, screened).candles();
        CandleSeries million = walk(1_000_000);
        print("import 2011 file, screened", with);
        print("import 2011 file, unscreened", without);
        print("SuspectDetector.find, 39,017 candles", runs(() -> SuspectDetector.find(real, i -> "").size()));
        print("SuspectDetector.find, 1,000,000 candles", runs(() -> SuspectDetector.find(million, i -> "").size()));
        print("MarketCalendar.detect, 1,000,000 candles", runs(() -> MarketCalendar.detect(million, 300).closed().size()));
        print("GapReport.of with calendar, 1,000,000 candles", runs(() -> GapReport.of(million, 300,
                MarketCalendar.detect(million, 300)).count()));
        assertTrue(real.size() == 39_017);

        // A 62 MB single-line upload: how much of it is read before the refusal.
        long[] read = {0};
        java.io.InputStream line = new java.io.InputStream() {
            @Override
            public int read() {
                return read[0]++ < 32 ? "time,open,high,low,close,volume\n".charAt((int) read[0] - 1) : '9';
            }
        };
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        try {
            CandleImporter.read(line, "upload", ImportOptions.auto());
        } catch (InvalidCandleDataException refused) {
            System.out.printf(Locale.ROOT, "single-line upload: refused after %,d bytes read; heap in use %,d KB"
                    + " before, %,d KB after%n", read[0], heapBefore / 1024, (rt.totalMemory() - rt.freeMemory()) / 1024);
        }
    }

    private static long size(Path file, ImportOptions options) {
        try {
            return CandleImporter.importFile(file, options).candles().size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long[] runs(LongSupplier work) {
        for (int warm = 0; warm < 2; warm++) {
            work.getAsLong();
        }
        long[] t = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            t[i] = time(work);
        }
        return t;
    }

    private static long time(LongSupplier work) {
        long start = System.nanoTime();
        assertTrue(work.getAsLong() >= 0);
        return System.nanoTime() - start;
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-48s median %8.1f ms   best %8.1f ms%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[0] / 1e6);
    }

    /** A random walk of 5-minute candles, every day around the clock. */
    private static CandleSeries walk(int n) {
        CandleSeriesBuilder b = new CandleSeriesBuilder(n);
        double close = 30_000;
        long seed = 42;
        for (int i = 0; i < n; i++) {
            seed = seed * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L;
            double open = close;
            close = open * (1 + ((seed >>> 11) / (double) (1L << 53) - 0.5) * 0.004);
            b.add(1_600_000_200L + 300L * i, open, Math.max(open, close) * 1.001, Math.min(open, close) * 0.999, close,
                    10 + (seed >>> 60));
        }
        return b.build();
    }
}
