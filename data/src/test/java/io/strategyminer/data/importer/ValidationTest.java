package io.strategyminer.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of input that cannot be read as a series is refused with its location, field and reason (hard
 * errors); candles that can be read but look wrong are suspects, see {@link SuspectImportTest}.
 */
class ValidationTest {
    private static final String HEADER = "time,open,high,low,close,volume\n";

    static InvalidCandleDataException rejected(String content) {
        return rejected(content, ImportOptions.auto());
    }

    static InvalidCandleDataException rejected(String content, ImportOptions options) {
        return assertThrows(InvalidCandleDataException.class, () -> ImportFixtures.read(content, options));
    }

    static Stream<Arguments> badCandles() {
        return Stream.of(
                Arguments.of("unsorted", HEADER + "1704067200,1,1,1,1,1\n1704067800,1,1,1,1,1\n1704067500,1,1,1,1,1\n"
                                + "1704068100,1,1,1,1,1\n",
                        "line 4", "time", "2024-01-01T00:05:00Z is earlier than 2024-01-01T00:10:00Z at line 3:"
                                + " candles must be sorted oldest first"),
                Arguments.of("duplicate", HEADER + "1704067200,1,1,1,1,1\n1704067500,1,1,1,1,1\n1704067500,1,1,1,1,1\n",
                        "line 4", "time", "duplicate time 2024-01-01T00:05:00Z (also at line 3)"),
                Arguments.of("NaN", HEADER + "1704067200,1,1,1,NaN,1\n1704067500,1,1,1,1,1\n",
                        "line 2", "close", "'NaN' is not a finite number"),
                Arguments.of("Infinity", HEADER + "1704067200,1,Infinity,1,1,1\n1704067500,1,1,1,1,1\n",
                        "line 2", "high", "'Infinity' is not a finite number"),
                Arguments.of("overflow", HEADER + "1704067200,1,1e999,1,1,1\n1704067500,1,1,1,1,1\n",
                        "line 2", "high", "'1e999' is too large"),
                Arguments.of("not a number", HEADER + "1704067200,1,1,1,1,1\n1704067500,1,1,1,1.2.3,1\n",
                        "line 3", "close", "'1.2.3' is not a number"),
                Arguments.of("java double suffix", HEADER + "1704067200,1,1,1,1,1\n1704067500,1d,1,1,1,1\n",
                        "line 3", "open", "'1d' is not a number"),
                Arguments.of("bad timestamp", HEADER + "1704067200,1,1,1,1,1\n2024-13-01 00:00:00,1,1,1,1,1\n",
                        "line 3", "time", "'2024-13-01 00:00:00' is not a valid date and time:"),
                Arguments.of("absurd exponent in a time", HEADER + "1704067200,1,1,1,1,1\n17040e67200000,1,1,1,1,1\n",
                        "line 3", "time", "'17040e67200000' is out of range for a timestamp"),
                Arguments.of("garbage timestamp", HEADER + "yesterday,1,1,1,1,1\n1704067500,1,1,1,1,1\n",
                        "line 2", "time", "'yesterday' is not a timestamp"),
                Arguments.of("empty field", HEADER + "1704067200,1,1,,1,1\n1704067500,1,1,1,1,1\n",
                        "line 2", "low", "is empty"),
                Arguments.of("short line", HEADER + "1704067200,1,1,1,1\n1704067500,1,1,1,1,1\n",
                        "line 2", "volume", "missing: the line has 5 fields, the header 6"),
                Arguments.of("missing columns", "time,open,close\n1704067200,1,1\n",
                        "line 1", "", "missing columns high, low, volume (header: time,open,close)"),
                Arguments.of("no time column", "when,open,high,low,close,volume\n1,1,1,1,1,1\n",
                        "line 1", "", "missing column time (header: when,open,high,low,close,volume)"),
                Arguments.of("two close columns", "time,open,high,low,close,c,volume\n1,1,1,1,1,1,1\n",
                        "line 1", "c", "the file has two close columns ('close' and 'c')"),
                Arguments.of("empty file", "", "", "", "the file is empty"),
                Arguments.of("blank file", "\n \r\n\n", "", "", "the file is empty"),
                Arguments.of("header only", HEADER, "", "", "no candles in the file"),
                Arguments.of("sub-second open time", HEADER + "1704067200500,1,1,1,1,1\n1704067500500,1,1,1,1,1\n",
                        "line 2", "time", "2024-01-01T00:00:00.500Z is not on a whole second"),
                Arguments.of("overlapping candles", HEADER + "1704067200,1,1,1,1,1\n1704067500,1,1,1,1,1\n"
                                + "1704067560,1,1,1,1,1\n1704067860,1,1,1,1,1\n1704068160,1,1,1,1,1\n",
                        "line 4", "time", "only 60 s after the candle at line 3 although the candles are 5m long"),
                Arguments.of("json: malformed", "{\"candles\":[{\"start\":\"1\",}]}", "line 1 column 26", "",
                        "malformed JSON: Unexpected character ('}'"),
                Arguments.of("json: no candle array", "{\"data\":[]}", "", "",
                        "no \"candles\", \"ohlc\" or \"chart\" in the JSON object"),
                Arguments.of("json: missing field", "{\"candles\":[{\"start\":\"1704067200\",\"low\":\"1\",\"high\":\"1\","
                                + "\"open\":\"1\",\"volume\":\"1\"}]}",
                        "candles[0]", "close", "missing"),
                Arguments.of("json: NaN string", "{\"candles\":[{\"start\":\"1704067200\",\"low\":\"1\",\"high\":\"NaN\","
                                + "\"open\":\"1\",\"close\":\"1\",\"volume\":\"1\"}]}",
                        "candles[0]", "high", "'NaN' is not a finite number"),
                Arguments.of("json: short exchange array", "[[1704067500,1,1,1,1,1],[1704067200,1,1]]",
                        "[1]", "", "has 3 values, expected 6: [time, low, high, open, close, volume]"),
                Arguments.of("json: exchange unsorted", "[[1704067800,1,1,1,1,1],[1704067200,1,1,1,1,1],"
                                + "[1704067500,1,1,1,1,1],[1704067000,1,1,1,1,1]]",
                        "[2]", "time", "is later than 2024-01-01T00:00:00Z at [1]: candles must be sorted newest first"),
                Arguments.of("json: null price", "{\"ohlc\":[{\"endTime\":1704067499999,\"openPrice\":null,"
                                + "\"highPrice\":1,\"lowPrice\":1,\"closePrice\":1,\"volume\":1}]}",
                        "ohlc[0]", "openPrice", "'null' is not a number"),
                Arguments.of("json: empty array", "[]", "", "", "no candles in the file"),
                Arguments.of("neither JSON nor a CSV header", "42", "line 1", "",
                        "missing columns time, open, high, low, close, volume (header: 42)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCandles")
    void refusedWithWhereAndWhy(String name, String content, String location, String field, String reason) {
        InvalidCandleDataException e = rejected(content);
        CandleProblem first = e.problems().get(0);
        assertEquals(location, first.location(), e.getMessage());
        assertEquals(field, first.field(), e.getMessage());
        assertTrue(first.reason().startsWith(reason) || first.reason().contains(reason),
                "expected '" + reason + "' in: " + e.getMessage());
        if (e.totalProblems() == 1) {
            assertEquals(first.toString(), e.getMessage());
        } else {
            assertTrue(e.getMessage().startsWith(e.totalProblems() + " problems in test.csv:\n  " + first.location()),
                    e.getMessage());
        }
    }

    @Test
    void everyProblemIsCountedButOnlyTheFirstTwentyAreKept() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 100; i++) {
            csv.append(1_704_067_200L + 300L * i).append(",1,1,1,1,x\n");
        }
        InvalidCandleDataException e = rejected(csv.toString());
        assertEquals(100, e.totalProblems());
        assertEquals(Problems.KEPT, e.problems().size());
        assertEquals("line 2", e.problems().get(0).location());
        assertEquals("line 21", e.problems().get(19).location());
        assertTrue(e.getMessage().startsWith("100 problems in test.csv:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("... and 80 more"), e.getMessage());
    }

    @Test
    void severalProblemsOnOneLineAreAllReported() {
        InvalidCandleDataException e = rejected(HEADER + "x,y,1,1,1,z\n1704067500,1,1,1,1,1\n");
        assertEquals(3, e.totalProblems(), e.getMessage());
        assertEquals("time", e.problems().get(0).field());
        assertEquals("open", e.problems().get(1).field());
        assertEquals("volume", e.problems().get(2).field());
    }

    @Test
    void missingAndOversizedFilesAreRefusedBeforeReading(@TempDir Path dir) throws IOException {
        InvalidCandleDataException missing = assertThrows(InvalidCandleDataException.class,
                () -> CandleImporter.importFile(dir.resolve("nope.csv"), ImportOptions.auto()));
        assertEquals("no such file", missing.problems().get(0).reason());

        Path huge = dir.resolve("huge.csv");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(CandleImporter.MAX_FILE_BYTES + 1); // sparse: no gigabyte is really written
        }
        InvalidCandleDataException tooBig = assertThrows(InvalidCandleDataException.class,
                () -> CandleImporter.importFile(huge, ImportOptions.auto()));
        assertTrue(tooBig.problems().get(0).reason().contains("files over 1073741824 bytes (1 GiB) are refused"),
                tooBig.getMessage());
        Files.delete(huge);
    }

    @Test
    void aTimeframeThatIsNotAMultipleIsRefused() {
        String csv = HEADER + "1704067200,1,1,1,1,1\n1704067500,1,1,1,1,1\n";
        InvalidCandleDataException e = rejected(csv, ImportOptions.auto().withTimeframe(420));
        assertEquals("the candles are 5m; a 7m timeframe cannot be made from them (it must be a multiple of 5m)",
                e.problems().get(0).reason());
    }

    @Test
    void aFormatThatDoesNotMatchTheContentIsRefused() {
        assertEquals("the file is JSON, not CSV",
                rejected("[]", ImportOptions.auto().withFormat(ImportFormat.CSV)).problems().get(0).reason());
        assertEquals("the file is not JSON, so it cannot be OHLC_JSON",
                rejected(HEADER, ImportOptions.auto().withFormat(ImportFormat.OHLC_JSON)).problems().get(0).reason());
    }
}
