package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleSeriesBuilder;

class GapReportTest {
    private static CandleSeries at(long... times) {
        CandleSeriesBuilder b = new CandleSeriesBuilder();
        for (long t : times) {
            b.add(t, 1, 1, 1, 1, 1);
        }
        return b.build();
    }

    @Test
    void countsGapsMissingCandlesTheLargestAndTheFirstFew() {
        // 60 s candles: holes of 2, 1, 5, 1, 1, 1, 1 missing candles, then none.
        GapReport r = GapReport.of(at(0, 180, 300, 660, 780, 900, 1020, 1140, 1200), 60);
        assertEquals(7, r.count());
        assertEquals(12, r.missingCandles());
        assertEquals(new GapReport.Gap(300, 660, 5), r.largest());
        assertEquals(GapReport.KEPT, r.first().size());
        assertEquals(List.of(new GapReport.Gap(0, 180, 2), new GapReport.Gap(180, 300, 1)), r.first().subList(0, 2));
        assertEquals("7 gaps, 12 candles missing at 1m; largest: 1970-01-01T00:05:00Z → 1970-01-01T00:11:00Z (5 missing)",
                r.summary());
    }

    @Test
    void noGaps() {
        GapReport r = GapReport.of(at(0, 300, 600), 300);
        assertEquals(0, r.count());
        assertNull(r.largest());
        assertEquals("no gaps", r.summary());
        assertEquals("no gaps", GapReport.of(at(), 300).summary());
    }
}
