package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.CandleWriters;
import io.strategyminer.data.LocalTimeSeries;

/**
 * Limits before allocation (DESIGN §8): no input makes the importer hold more than its bounds, and no message
 * echoes more than a short excerpt of the input.
 */
class ImportLimitsTest {
    /** A message of at most 20 problems of at most 400 characters, and a little framing. */
    private static final int MAX_MESSAGE = 20 * 420 + 2_000;

    /** An endless input: a prefix, then {@code unit} forever; counts what was read. */
    private static final class Endless extends InputStream {
        private final byte[] prefix;
        private final byte[] unit;
        long read;

        Endless(String prefix, String unit) {
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
            this.unit = unit.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            byte b = read < prefix.length ? prefix[(int) read] : unit[(int) ((read - prefix.length) % unit.length)];
            read++;
            return b & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }

    private static InvalidCandleDataException refused(InputStream in, ImportOptions options) {
        InvalidCandleDataException e = assertThrows(InvalidCandleDataException.class,
                () -> CandleImporter.read(in, "upload.csv", options));
        assertTrue(e.getMessage().length() < MAX_MESSAGE, "message of " + e.getMessage().length() + " characters");
        return e;
    }

    @Test
    void aSingleLineOf62MegabytesStopsAtTheLineLimit() {
        Endless line = new Endless("time,open,high,low,close,volume\n", "9");
        InvalidCandleDataException e = refused(line, ImportOptions.auto());
        assertEquals("upload.csv: line 2: the line is longer than 16384 characters, the import's limit: not a candle"
                + " file (it starts '" + "9".repeat(40) + "…')", e.getMessage());
        assertTrue(line.read < 200_000, "read " + line.read + " bytes, not 62 MB");
    }

    @Test
    void aHugeHeaderIsNotEchoed() {
        String header = "time,open,high,low,close" + ",extra".repeat(2_500); // 15 KB: within the line limit
        InvalidCandleDataException e = refused(new ByteArrayInputStream((header + "\n1,1,1,1,1\n")
                .getBytes(StandardCharsets.UTF_8)), ImportOptions.auto());
        assertTrue(e.getMessage().startsWith("upload.csv: line 1: missing column volume (header: time,open,high,low,"
                + "close,extra"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());

        String huge = "time" + ",column".repeat(30_000); // 210 KB, the header of the report
        InvalidCandleDataException e2 = refused(new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)),
                ImportOptions.auto());
        assertTrue(e2.getMessage().length() < 300, e2.getMessage());
    }

    @Test
    void aFieldLongerThanTheLimitNamesItsLine() {
        String csv = "time,open,high,low,close,volume,note\n1704067200,1,1,1,1,1," + "n".repeat(2_000) + "\n";
        InvalidCandleDataException e = refused(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                ImportOptions.auto());
        assertEquals("line 2", e.problems().get(0).location());
        assertTrue(e.problems().get(0).reason().startsWith("field 7 is longer than 1024 characters"), e.getMessage());
    }

    @Test
    void theCandleCountIsBoundedInEveryReader() {
        CandleSeries eleven = LocalTimeSeries.daily(java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 1, 12),
                java.time.LocalTime.MIDNIGHT, java.time.ZoneOffset.UTC, d -> true);
        ImportOptions ten = ImportOptions.auto().withLimits(ImportLimits.defaults().withMaxCandles(10));
        assertEquals("line 12", refusedText(CandleWriters.csvMillis(eleven), ten).problems().get(0).location());
        assertEquals("candles[10]", refusedText(CandleWriters.coinbaseAdvanced(eleven, false), ten).problems().get(0)
                .location());
        assertEquals("timestamp[10]", refusedText(CandleWriters.yahooChart(eleven, "X"), ten).problems().get(0)
                .location());
        StringBuilder trades = new StringBuilder("timestamp,price,amount\n");
        for (int i = 0; i < 11; i++) {
            trades.append(1_704_067_200L + 60L * i).append(",100,1\n");
        }
        InvalidCandleDataException e = refusedText(trades.toString(), ten.withTimeframe(60));
        assertEquals("line 12", e.problems().get(0).location());
        assertTrue(e.getMessage().contains("more than 10 candles"), e.getMessage());

        Endless endless = new Endless("[", "[1704067200,1,1,1,1,1],");
        refused(endless, ten.withLimits(ImportLimits.defaults().withMaxCandles(1_000)));
        assertTrue(endless.read < 100_000, "read " + endless.read);
    }

    @Test
    void theByteCountIsBoundedForStreamsAndFiles(@TempDir Path dir) throws IOException {
        ImportOptions small = ImportOptions.auto().withLimits(ImportLimits.defaults().withMaxBytes(1_000));
        Endless endless = new Endless("time,open,high,low,close,volume\n", "1704067200,1,1,1,1,1\n");
        InvalidCandleDataException e = refused(endless, small);
        assertEquals("upload.csv: the input is larger than 1000 bytes, the import's limit", e.getMessage());
        assertTrue(endless.read <= 1_001 + (1 << 16), "read " + endless.read);

        Path file = dir.resolve("big.csv");
        Files.writeString(file, "x".repeat(2_000));
        InvalidCandleDataException tooBig = assertThrows(InvalidCandleDataException.class,
                () -> CandleImporter.importFile(file, small));
        assertTrue(tooBig.getMessage().contains("files over 1000 bytes are refused"), tooBig.getMessage());
    }

    @Test
    void jsonStringsNumbersAndNestingAreBounded() {
        InvalidCandleDataException longString = refusedText("{\"name\":\"" + "n".repeat(5_000) + "\",\"candles\":[]}",
                ImportOptions.auto());
        assertTrue(longString.getMessage().contains("a JSON value is longer or deeper than the import allows (1024"
                + " characters, 32 levels)"), longString.getMessage());
        refusedText("[[" + "9".repeat(5_000) + ",1,1,1,1,1]]", ImportOptions.auto());
        refusedText("{\"x\":" + "[".repeat(100) + "]".repeat(100) + ",\"candles\":[]}", ImportOptions.auto());
        InvalidCandleDataException key = refusedText("{\"" + "k".repeat(5_000) + "\":1}", ImportOptions.auto());
        assertTrue(key.getMessage().length() < 400, key.getMessage());
    }

    @Test
    void aStreamIsReadOnceWithoutBeingHeldWhole() throws IOException {
        // The importer takes an HTTP body as it arrives: a stream of unknown length, read to its end once.
        CandleSeries days = LocalTimeSeries.daily(java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 3, 1),
                java.time.LocalTime.MIDNIGHT, java.time.ZoneOffset.UTC, d -> true);
        String csv = CandleWriters.csvMillis(days);
        int half = csv.length() / 2;
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(csv.substring(0, half).getBytes(
                StandardCharsets.UTF_8)), new ByteArrayInputStream(csv.substring(half).getBytes(StandardCharsets.UTF_8)));
        assertEquals(days, CandleImporter.read(body, "upload", ImportOptions.auto()).candles());
    }

    private static InvalidCandleDataException refusedText(String content, ImportOptions options) {
        return refused(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), options);
    }
}
