package io.strategyminer.data.importer;

import java.math.BigDecimal;
import java.util.BitSet;

/**
 * The times of one candle input, and the unit of its plain numbers decided for the whole column rather
 * than number by number. Magnitude alone misreads old data: a millisecond time before March 1973 is below
 * 10^11 and looks like seconds, and before 1970 it is negative. So the unit comes from the format when the
 * format fixes it (Coinbase's candle arrays and Yahoo's chart API give seconds), and otherwise from the
 * column: fractions mean seconds; any number of 10^11 or more means milliseconds (as seconds it would be
 * after the year 5000); else milliseconds when most spacings between candles are whole minutes of
 * milliseconds (multiples of 60,000: no candle length in seconds is a multiple of 60,000 s = 16 h 40 min),
 * seconds otherwise. Texts such as ISO-8601 dates carry their own unit.
 */
final class TimeColumn {
    /** How the format says its numbers are meant. */
    enum Unit {
        SECONDS, MILLIS, INFER
    }

    private static final BigDecimal MILLIS_MAGNITUDE = BigDecimal.valueOf(Timestamps.MILLIS_THRESHOLD);
    private static final long MINUTE_MILLIS = 60_000;

    private final Unit unit;
    /** Rows whose time was a plain number (held as seconds × 1000 until {@link #resolve}). */
    private final BitSet numeric = new BitSet();
    private boolean fractional;
    private boolean millisMagnitude;
    private boolean readAsMillis;

    TimeColumn(Unit unit) {
        this.unit = unit;
    }

    /**
     * Epoch milliseconds of row {@code row}'s time, a plain number being read as seconds until
     * {@link #resolve}. Rows must be read in order; a row read again replaces the earlier one.
     *
     * @throws IllegalArgumentException with a reason fit for a {@link CandleProblem}
     */
    long read(String text, int row) {
        String s = text.trim();
        if (!Decimals.isDecimal(s)) {
            numeric.clear(row);
            return Timestamps.parseMillis(s);
        }
        BigDecimal value = Timestamps.unixNumber(s);
        numeric.set(row);
        fractional |= value.stripTrailingZeros().scale() > 0;
        millisMagnitude |= value.abs().compareTo(MILLIS_MAGNITUDE) >= 0;
        return Timestamps.secondsAsMillis(value, s);
    }

    /**
     * Decides the unit of the numbers and converts the times of the numeric rows in place.
     *
     * @param times the rows' times as {@link #read} returned them, in row order
     */
    void resolve(long[] times) {
        if (numeric.isEmpty()) {
            return;
        }
        readAsMillis = switch (unit) {
            case SECONDS -> false;
            case MILLIS -> true;
            case INFER -> !fractional && (millisMagnitude || spacedInWholeMinutesOfMillis(times));
        };
        if (readAsMillis) {
            for (int i = numeric.nextSetBit(0); i >= 0 && i < times.length; i = numeric.nextSetBit(i + 1)) {
                times[i] /= 1000; // exact: whole numbers were multiplied by 1000
            }
        }
    }

    /**
     * A note for the user when the unit was decided by spacing, not magnitude (numbers below 10^11 read as
     * milliseconds), else null.
     */
    String note() {
        return readAsMillis && unit == Unit.INFER && !millisMagnitude
                ? "times read as milliseconds since 1970 (spaced in whole minutes of milliseconds), although"
                + " small enough to be seconds" : null;
    }

    private boolean spacedInWholeMinutesOfMillis(long[] times) {
        long minutes = 0;
        long others = 0;
        for (int i = numeric.nextSetBit(1); i >= 0 && i < times.length; i = numeric.nextSetBit(i + 1)) {
            if (numeric.get(i - 1) && times[i] != times[i - 1]) {
                long raw = Math.abs(times[i] - times[i - 1]) / 1000; // the spacing in the file's own numbers
                if (raw % MINUTE_MILLIS == 0) {
                    minutes++;
                } else {
                    others++;
                }
            }
        }
        return minutes > others;
    }
}
