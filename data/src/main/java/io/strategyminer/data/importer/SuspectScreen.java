package io.strategyminer.data.importer;

import java.util.List;
import java.util.function.IntFunction;

import io.strategyminer.data.CandleSeries;
import io.strategyminer.data.suspect.Cleaning;
import io.strategyminer.data.suspect.SuspectCandle;
import io.strategyminer.data.suspect.SuspectCleaner;
import io.strategyminer.data.suspect.SuspectDetector;
import io.strategyminer.data.suspect.SuspectPolicy;

/**
 * The suspect check every path into the store goes through (file import, HTTP upload, fetch): find the
 * suspects, then refuse, drop or repair them as the user chose.
 */
public final class SuspectScreen {
    private SuspectScreen() {
    }

    /**
     * The candles as they may be stored.
     *
     * @param candles  validated candles, oldest first
     * @param suspects what {@link SuspectDetector} found in them
     * @param cleaning {@link Cleaning#NONE} when nothing was dropped or repaired
     */
    public record Screened(CandleSeries candles, List<SuspectCandle> suspects, Cleaning cleaning) {
        public Screened {
            suspects = List.copyOf(suspects);
        }
    }

    private static InvalidCandleDataException refused(String source, String reason) {
        return new InvalidCandleDataException(source, List.of(new CandleProblem(source, "", "", reason)), 1);
    }

    /**
     * @param location where candle {@code i} is in the input
     * @param source   the input's name, for the refusal
     * @throws SuspectCandlesException    when there are suspects and the policy is {@link SuspectPolicy#REFUSE},
     *                                     or more than {@link Cleaning#MAX_CANDLES} of them
     * @throws InvalidCandleDataException when the cleaning is impossible: nothing left after a drop, no trustworthy
     *                                     neighbour to repair from
     */
    public static Screened screen(CandleSeries candles, IntFunction<String> location, SuspectPolicy policy,
                                  String source) {
        List<SuspectCandle> suspects = SuspectDetector.find(candles, location);
        if (suspects.isEmpty()) {
            return new Screened(candles, suspects, Cleaning.NONE);
        }
        if (policy == SuspectPolicy.REFUSE || suspects.size() > Cleaning.MAX_CANDLES) {
            throw new SuspectCandlesException(source, suspects);
        }
        SuspectCleaner.Cleaned cleaned;
        try {
            cleaned = SuspectCleaner.apply(policy, candles, suspects);
        } catch (IllegalArgumentException e) {
            throw refused(source, e.getMessage());
        }
        if (cleaned.candles().size() == 0) {
            throw refused(source, "all " + suspects.size() + " candles are suspect: nothing is left once they are dropped");
        }
        return new Screened(cleaned.candles(), suspects, cleaned.cleaning());
    }
}
