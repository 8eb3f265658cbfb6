package io.strategyminer.data.importer;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.Timeframe;

/**
 * Reads candles from any supported input ({@link ImportFormat}), validates them and reports gaps.
 * A bad input raises {@link InvalidCandleDataException} listing what is wrong and where; nothing is
 * returned half-read.
 */
public final class CandleImporter {
    /** Inputs above this size are refused rather than read into memory. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private CandleImporter() {
    }

    /**
     * Reads a file.
     *
     * @throws InvalidCandleDataException when the file is missing, too large or holds bad candles
     * @throws IOException                when it cannot be read
     */
    public static ImportResult importFile(Path file, ImportOptions options) throws IOException {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw single(source, Files.exists(file) ? "is not a regular file" : "no such file");
        }
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw single(source, "the file is " + size + " bytes; files over " + MAX_FILE_BYTES
                    + " bytes (1 GiB) are refused: split it or resample it first");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source, options);
        }
    }

    /**
     * Reads a stream (a classpath resource, an HTTP body); {@code source} names it in messages and is
     * what the name and symbol are guessed from.
     */
    public static ImportResult read(InputStream input, String source, ImportOptions options) throws IOException {
        Problems problems = new Problems(source);
        BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
        boolean json = startsLikeJson(in);
        if (json && (options.format() == ImportFormat.CSV || options.format() == ImportFormat.TRADES_CSV)) {
            throw single(source, "the file is JSON, not " + options.format());
        }
        if (!json && options.format() != null && options.format() != ImportFormat.CSV
                && options.format() != ImportFormat.TRADES_CSV) {
            throw single(source, "the file is not JSON, so it cannot be " + options.format());
        }
        if (json) {
            RawCandles raw = JsonCandleReader.read(in, problems);
            if (raw != null && options.format() != null && raw.format() != options.format()) {
                throw single(source, "the file is " + raw.format() + ", not " + options.format());
            }
            return fromCandles(raw, source, options, problems);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        CsvLines lines = new CsvLines(reader);
        if (lines.header() == null) {
            throw single(source, "the file is empty");
        }
        CsvColumns columns = new CsvColumns(lines.header(), "line " + lines.headerLine(), problems);
        if (isTrades(columns, options)) {
            long timeframe = options.timeframeSeconds() > 0 ? options.timeframeSeconds()
                    : ImportOptions.DEFAULT_TRADES_TIMEFRAME;
            CandleSeries candles = TradesCsvReader.read(lines, columns, timeframe, problems);
            if (problems.isEmpty() && candles.size() == 0) {
                problems.add("", "", "no trades in the file");
            }
            problems.throwIfAny();
            return result(source, ImportFormat.TRADES_CSV, candles, timeframe, null);
        }
        return fromCandles(CsvCandleReader.read(lines, columns, problems), source, options, problems);
    }

    private static boolean isTrades(CsvColumns columns, ImportOptions options) {
        if (options.format() != null) {
            return options.format() == ImportFormat.TRADES_CSV;
        }
        boolean candleColumns = List.of(CandleField.OPEN, CandleField.HIGH, CandleField.LOW, CandleField.CLOSE)
                .stream().anyMatch(columns::has);
        return columns.has(CandleField.PRICE) && !candleColumns;
    }

    private static ImportResult fromCandles(RawCandles raw, String source, ImportOptions options, Problems problems) {
        CandleValidator.Validated valid = raw == null ? null
                : CandleValidator.validate(raw, options.timeframeSeconds(), problems);
        problems.throwIfAny();
        CandleSeries candles = valid.candles();
        long timeframe = valid.timeframeSeconds();
        long wanted = options.timeframeSeconds();
        if (wanted > 0 && wanted != timeframe) {
            if (wanted < timeframe || wanted % timeframe != 0) {
                throw single(source, "the candles are " + Timeframe.label(timeframe) + "; a "
                        + Timeframe.label(wanted) + " timeframe cannot be made from them (it must be a multiple of "
                        + Timeframe.label(timeframe) + ")");
            }
            try {
                candles = Resampler.resample(candles, timeframe, wanted);
            } catch (IllegalArgumentException e) {
                throw single(source, e.getMessage());
            }
            timeframe = wanted;
        }
        return result(source, raw.format(), candles, timeframe, raw.symbolHint());
    }

    private static ImportResult result(String source, ImportFormat format, CandleSeries candles, long timeframe,
                                       String symbolHint) {
        // Not Path.of: a URL is not a valid path on Windows.
        String fileName = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        int dot = fileName.lastIndexOf('.');
        String name = dot > 0 ? fileName.substring(0, dot) : fileName;
        String symbol = SymbolGuess.from(symbolHint).or(() -> SymbolGuess.from(fileName))
                .orElse(ImportResult.UNKNOWN_SYMBOL);
        return new ImportResult(source, format, candles, timeframe, name, symbol, GapReport.of(candles, timeframe));
    }

    /** Peeks past a byte-order mark and whitespace: JSON starts with '[' or '{', CSV with a header. */
    private static boolean startsLikeJson(BufferedInputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0; i < 4096; i++) {
                int b = in.read();
                if (b == '[' || b == '{') {
                    return true;
                }
                boolean skippable = b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF;
                if (!skippable) {
                    return false;
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }

    private static InvalidCandleDataException single(String source, String reason) {
        return new InvalidCandleDataException(source, List.of(new CandleProblem(source, "", "", reason)), 1);
    }
}
