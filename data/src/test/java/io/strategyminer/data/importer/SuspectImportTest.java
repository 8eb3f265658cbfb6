package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.strategyminer.data.BadTick;
import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleWriters;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.suspect.CleanedCandle;
import io.strategyminer.data.suspect.Cleaning;
import io.strategyminer.data.suspect.SuspectCandle;
import io.strategyminer.data.suspect.SuspectKind;
import io.strategyminer.data.suspect.SuspectPolicy;

/**
 * A strategy cannot earn its PnL from one impossible fill: the bad tick of a real export (open = low = 0.06,
 * close 1,178.85) is refused by default with its time, line and reason; dropped or repaired, it is gone from
 * the candles, and the choice shows in the dataset id.
 */
class SuspectImportTest {
    private static ImportResult read(String content, SuspectPolicy policy) throws IOException {
        return ImportFixtures.read(content, ImportOptions.auto().withSuspects(policy));
    }

    @Test
    void theDefaultRefusesTheBadTickWithItsTimeLineAndWhy() {
        SuspectCandlesException e = assertThrows(SuspectCandlesException.class, () -> ImportFixtures.read(BadTick.csv()));
        assertEquals(1, e.suspects().size(), e.getMessage());
        SuspectCandle bad = e.suspects().get(0);
        assertEquals(BadTick.TIME, bad.time());
        assertEquals("line " + BadTick.LINE, bad.location());
        assertEquals(List.of("open", "low"), bad.reasons().get(0).fields());
        assertEquals(SuspectKind.SPIKE, bad.reasons().get(0).kind());
        assertTrue(bad.why().startsWith("open 0.06, low 0.06 are far from the closes around it (median 1181 before, 1187"
                + " after): the farthest is 99.99 % below them, log distance 9.887 over the limit 0.6931"), bad.why());
        assertTrue(e.getMessage().startsWith("1 suspect candle in test.csv; nothing was stored:\n"
                + "  2017-01-21T00:00:00Z  line 122  open 0.06, low 0.06 are far from"), e.getMessage());
        assertTrue(e.getMessage().contains("suspect policy \"drop\""), e.getMessage());
        assertEquals("line 122", e.problems().get(0).location(), "also readable as an ordinary problem list");
        assertEquals("open, low", e.problems().get(0).field());
    }

    @Test
    void dropAndRepairLeaveNoImpossiblePriceAndGiveTwoIds() throws IOException {
        ImportResult dropped = read(BadTick.csv(), SuspectPolicy.DROP);
        ImportResult repaired = read(BadTick.csv(), SuspectPolicy.REPAIR);
        for (ImportResult r : List.of(dropped, repaired)) {
            assertTrue(lowest(r.candles()) > 900, "the lowest price left is " + lowest(r.candles()));
            assertEquals(1, r.suspects().size());
            assertEquals(1, r.cleaning().candles().size());
        }
        assertEquals(199, dropped.candles().size());
        assertFalse(Arrays.stream(dropped.candles().time()).anyMatch(t -> t == BadTick.TIME));
        assertEquals(1, dropped.gaps().count(), "the dropped candle is a gap");
        assertEquals(200, repaired.candles().size());

        // The documented rule, on the documented example.
        int i = BadTick.INDEX;
        CandleSeries c = repaired.candles();
        assertEquals(BadTick.PREVIOUS_CLOSE, c.open()[i], "open = the neighbouring close");
        assertEquals(1_185.00, c.high()[i], "a high that was not suspect is kept");
        assertEquals(1_178.85, c.low()[i], "the replaced low covers open and close");
        assertEquals(1_178.85, c.close()[i]);
        assertEquals(412.5, c.volume()[i]);
        CleanedCandle record = repaired.cleaning().candles().get(0);
        assertEquals(BadTick.PRICE, record.before().open());
        assertEquals(BadTick.PREVIOUS_CLOSE, record.after().open());
        assertEquals("line 122", record.location());
        assertEquals(List.of(SuspectKind.SPIKE), record.kinds());

        Dataset d1 = dropped.toDataset();
        Dataset d2 = repaired.toDataset();
        assertNotEquals(d1.id(), d2.id(), "the same file cleaned two ways: two ids");
        assertNotEquals(DatasetId.of(d2.candles()), d2.id(), "the id covers the cleaning, not only the candles");
        assertEquals(DatasetId.of(d2.candles(), d2.cleaning()), d2.id());
    }

    @Test
    void theIdOfACleanedFileDoesNotDependOnItsFormat() throws IOException {
        String json = CandleWriters.coinbaseAdvanced(BadTick.candles(), true);
        ImportResult fromJson = ImportFixtures.read(json, ImportOptions.auto().withSuspects(SuspectPolicy.REPAIR));
        ImportResult fromCsv = read(BadTick.csv(), SuspectPolicy.REPAIR);
        assertEquals(fromCsv.toDataset().id(), fromJson.toDataset().id());
        assertEquals("candles[79]", fromJson.cleaning().candles().get(0).location(), "newest first: 199 - 120");
        SuspectCandlesException e = assertThrows(SuspectCandlesException.class, () -> ImportFixtures.read(json));
        assertEquals("candles[79]", e.suspects().get(0).location());
    }

    @Test
    void aCleanFileKeepsExactlyTheIdOfItsCandlesWhateverThePolicy() throws IOException {
        CandleSeries clean = ImportFixtures.threeCandles();
        String csv = CandleWriters.csvMillis(clean);
        for (SuspectPolicy policy : SuspectPolicy.values()) {
            ImportResult r = read(csv, policy);
            assertEquals(Cleaning.NONE, r.cleaning());
            assertEquals(DatasetId.of(clean), r.toDataset().id(), policy.label());
        }
    }

    @Test
    void aBadTradePrintBecomesASuspectCandleLocatedByItsLines() throws IOException {
        StringBuilder trades = new StringBuilder("timestamp,price,amount\n");
        for (int minute = 0; minute < 30; minute++) {
            long t = 1_704_067_200L + minute * 60L;
            trades.append(t).append(",100.").append(minute % 10).append(",1\n");
            trades.append(t + 20).append(minute == 15 ? ",0.06" : ",100.5").append(",1\n");
        }
        SuspectCandlesException e = assertThrows(SuspectCandlesException.class,
                () -> ImportFixtures.read(trades.toString(), ImportOptions.auto().withTimeframe(60)));
        assertEquals("lines 32–33", e.suspects().get(0).location());
        assertEquals(List.of("low", "close"), e.suspects().get(0).reasons().get(0).fields());
        ImportResult repaired = ImportFixtures.read(trades.toString(),
                ImportOptions.auto().withTimeframe(60).withSuspects(SuspectPolicy.REPAIR));
        assertTrue(lowest(repaired.candles()) > 99, "lowest " + lowest(repaired.candles()));
    }

    @Test
    void moreSuspectsThanACleaningMayHoldAreRefusedWhateverThePolicy() {
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        for (int i = 0; i < Cleaning.MAX_CANDLES + 1; i++) {
            csv.append(1_704_067_200L + 300L * i).append(",1,1,1,1,-1\n");
        }
        SuspectCandlesException e = assertThrows(SuspectCandlesException.class,
                () -> read(csv.toString(), SuspectPolicy.DROP));
        assertTrue(e.tooManyToClean());
        assertEquals(Cleaning.MAX_CANDLES + 1, e.suspects().size());
        assertTrue(e.getMessage().contains("more than the 1000 a dataset may drop or repair"), e.getMessage());
        assertTrue(e.getMessage().contains("... and 981 more"), e.getMessage());
    }

    @Test
    void cleaningThatWouldLeaveNothingIsRefused() {
        String allBad = "time,open,high,low,close,volume\n1704067200,0,0,0,0,1\n1704067500,0,0,0,0,1\n";
        assertEquals("all 2 candles are suspect: nothing is left once they are dropped", assertThrows(
                InvalidCandleDataException.class, () -> read(allBad, SuspectPolicy.DROP)).problems().get(0).reason());
        assertTrue(assertThrows(InvalidCandleDataException.class, () -> read(allBad, SuspectPolicy.REPAIR))
                .getMessage().contains("drop the suspects instead"));
    }

    static double lowest(CandleSeries c) {
        double lowest = Double.POSITIVE_INFINITY;
        for (double[] column : new double[][] {c.open(), c.high(), c.low(), c.close()}) {
            for (double v : column) {
                lowest = Math.min(lowest, v);
            }
        }
        return lowest;
    }
}
