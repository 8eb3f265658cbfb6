package io.strategyminer.data.importer;

/**
 * Bounds an import enforces while it streams, before allocating for what it reads, so that no input (a
 * 62 MB single-line upload, a header of 200 KB, a number of a million digits) can exhaust a peer's memory.
 *
 * @param maxBytes      the most bytes read from the input
 * @param maxLineChars  the longest line of a CSV file (a candle line is under 200 characters); JSON is read
 *                      as tokens, not lines, and may be one line
 * @param maxFieldChars the longest CSV field, JSON string, number or key
 * @param maxCandles    the most candles (or, for trades, candles built from them) one input may hold
 */
public record ImportLimits(long maxBytes, int maxLineChars, int maxFieldChars, int maxCandles) {
    /** 1 GiB: larger files are split or resampled first. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final int DEFAULT_MAX_LINE_CHARS = 16_384;
    public static final int DEFAULT_MAX_FIELD_CHARS = 1_024;
    /** The most candles a dataset may be published with (the ledger's bound). */
    public static final int DEFAULT_MAX_CANDLES = 10_000_000;

    public ImportLimits {
        if (maxBytes < 1 || maxLineChars < 1 || maxFieldChars < 1 || maxCandles < 1) {
            throw new IllegalArgumentException("import limits must be positive: " + maxBytes + " bytes, "
                    + maxLineChars + " characters a line, " + maxFieldChars + " a field, " + maxCandles + " candles");
        }
    }

    public static ImportLimits defaults() {
        return new ImportLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_CANDLES);
    }

    /** The same limits with another byte bound (an HTTP upload's, for instance). */
    public ImportLimits withMaxBytes(long bytes) {
        return new ImportLimits(bytes, maxLineChars, maxFieldChars, maxCandles);
    }

    public ImportLimits withMaxCandles(int candles) {
        return new ImportLimits(maxBytes, maxLineChars, maxFieldChars, candles);
    }
}
