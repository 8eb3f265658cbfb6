package io.strategyminer.data.importer;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.MarketCalendar;
import io.strategyminer.data.Timeframe;
import io.strategyminer.data.suspect.Cleaning;
import io.strategyminer.data.suspect.SuspectCandle;

/**
 * Reads candles from any supported input ({@link ImportFormat}), validates them, screens them for suspect
 * candles, detects the market's calendar and reports gaps. A bad input raises
 * {@link InvalidCandleDataException} listing what is wrong and where (a {@link SuspectCandlesException} when
 * suspect candles need a choice); nothing is returned half-read.
 *
 * <p>Both entry points stream: the input is read once, through a bounded buffer, and never held whole, so an
 * HTTP upload can be passed in as its body's stream. The {@link ImportLimits} are enforced while reading.
 */
public final class CandleImporter {
    /** Inputs above this size are refused rather than read (the default of {@link ImportLimits#maxBytes()}). */
    public static final long MAX_FILE_BYTES = ImportLimits.DEFAULT_MAX_BYTES;

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
        long max = options.limits().maxBytes();
        if (size > max) {
            throw single(source, "the file is " + size + " bytes; files over " + max + " bytes"
                    + (max == MAX_FILE_BYTES ? " (1 GiB)" : "") + " are refused: split it or resample it first");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source, options);
        }
    }

    /**
     * Reads a stream (a classpath resource, an HTTP body) to its end, without holding it whole; {@code source}
     * names it in messages and is what the default name and symbol are taken from.
     *
     * @throws InvalidCandleDataException when the input breaks a limit or holds bad or suspect candles
     * @throws IOException                when it cannot be read
     */
    public static ImportResult read(InputStream input, String source, ImportOptions options) throws IOException {
        Problems problems = new Problems(source);
        BufferedInputStream in = new BufferedInputStream(new Bounded(input, options.limits().maxBytes(), problems),
                1 << 16);
        boolean json = startsLikeJson(in);
        if (json && (options.format() == ImportFormat.CSV || options.format() == ImportFormat.TRADES_CSV)) {
            throw single(source, "the file is JSON, not " + options.format());
        }
        if (!json && options.format() != null && options.format() != ImportFormat.CSV
                && options.format() != ImportFormat.TRADES_CSV) {
            throw single(source, "the file is not JSON, so it cannot be " + options.format());
        }
        if (json) {
            RawCandles raw = JsonCandleReader.read(in, options.limits(), problems);
            if (raw != null && options.format() != null && raw.format() != options.format()) {
                throw single(source, "the file is " + raw.format() + ", not " + options.format());
            }
            return fromCandles(raw, source, options, problems);
        }
        CsvLines lines = new CsvLines(new InputStreamReader(in, StandardCharsets.UTF_8), options.limits(), problems);
        if (lines.header() == null) {
            throw single(source, "the file is empty");
        }
        CsvColumns columns = new CsvColumns(lines.header(), "line " + lines.headerLine(), problems);
        if (isTrades(columns, options)) {
            long timeframe = options.timeframeSeconds() > 0 ? options.timeframeSeconds()
                    : ImportOptions.DEFAULT_TRADES_TIMEFRAME;
            TradesCsvReader.Trades trades = TradesCsvReader.read(lines, columns, timeframe, options.limits(), problems);
            if (problems.isEmpty() && trades.candles().size() == 0) {
                problems.add("", "", "no trades in the file");
            }
            problems.throwIfAny();
            return finish(source, ImportFormat.TRADES_CSV, trades.candles(), timeframe, trades::location, options,
                    null, null, List.of());
        }
        return fromCandles(CsvCandleReader.read(lines, columns, options.limits(), problems), source, options, problems);
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
        return finish(source, raw.format(), valid.candles(), valid.timeframeSeconds(), valid.location(), options,
                raw.declaredSymbol(), raw.symbolHint(), valid.notes());
    }

    /**
     * The steps after reading, the same for every format: the suspect check on the candles as read (so each
     * suspect is located in the input), resampling if asked, the calendar and the gaps, the name and symbol.
     */
    private static ImportResult finish(String source, ImportFormat format, CandleSeries read, long readTimeframe,
                                       IntFunction<String> location, ImportOptions options, String declaredSymbol,
                                       String symbolHint, List<String> readNotes) {
        CandleSeries candles = read;
        List<SuspectCandle> suspects = List.of();
        Cleaning cleaning = Cleaning.NONE;
        if (options.suspects() != null) {
            SuspectScreen.Screened screened = SuspectScreen.screen(read, location, options.suspects(), source);
            candles = screened.candles();
            suspects = screened.suspects();
            cleaning = screened.cleaning();
        }
        long timeframe = readTimeframe;
        long wanted = options.timeframeSeconds();
        if (wanted > 0 && wanted != timeframe && format != ImportFormat.TRADES_CSV) {
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
        DatasetNames.Label label = DatasetNames.label(source, options.name(), options.symbol(), declaredSymbol,
                symbolHint);
        List<String> notes = new ArrayList<>(readNotes);
        GapReport gaps = GapReport.of(candles, timeframe, MarketCalendar.detect(candles, timeframe));
        return new ImportResult(source, format, candles, timeframe, label.name(), label.symbol(), gaps, suspects,
                cleaning, notes);
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

    /** Refuses to read past the byte limit, so no input is read further than allowed, whatever its shape. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private final Problems problems;
        private long count;

        Bounded(InputStream in, long max, Problems problems) {
            super(in);
            this.max = max;
            this.problems = problems;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, max - count + 1));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > max) {
                throw problems.fail("", "", "the input is larger than " + max + " bytes, the import's limit");
            }
        }
    }
}
