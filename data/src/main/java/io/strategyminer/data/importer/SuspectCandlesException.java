package io.strategyminer.data.importer;

import java.util.ArrayList;
import java.util.List;

import io.strategyminer.data.suspect.Cleaning;
import io.strategyminer.data.suspect.SuspectCandle;
import io.strategyminer.data.suspect.SuspectPolicy;
import io.strategyminer.data.suspect.SuspectReason;

/**
 * Candles were refused because some are suspect: the policy was {@link SuspectPolicy#REFUSE}, or there are
 * more suspects than {@link Cleaning#MAX_CANDLES} (too many to clean under any policy). Nothing was stored.
 * {@link #suspects()} lists every one (with time, location and reasons); {@link #problems()} gives the same as
 * {@link CandleProblem}s, one per reason, so callers that handle any {@link InvalidCandleDataException} show
 * them too.
 */
public final class SuspectCandlesException extends InvalidCandleDataException {
    private final transient List<SuspectCandle> suspects;
    private final boolean tooMany;

    SuspectCandlesException(String source, List<SuspectCandle> suspects) {
        super(problems(source, suspects), countReasons(suspects), message(source, suspects));
        this.suspects = List.copyOf(suspects);
        this.tooMany = suspects.size() > Cleaning.MAX_CANDLES;
    }

    /** Every suspect candle, oldest first. */
    public List<SuspectCandle> suspects() {
        return suspects;
    }

    /** True when dropping or repairing would not be allowed either (more than {@link Cleaning#MAX_CANDLES}). */
    public boolean tooManyToClean() {
        return tooMany;
    }

    private static String message(String source, List<SuspectCandle> suspects) {
        int n = suspects.size();
        StringBuilder s = new StringBuilder().append(n).append(n == 1 ? " suspect candle in " : " suspect candles in ")
                .append(source).append("; nothing was stored:");
        for (SuspectCandle c : suspects.subList(0, Math.min(n, Problems.KEPT))) {
            s.append("\n  ").append(c);
        }
        if (n > Problems.KEPT) {
            s.append("\n  ... and ").append(n - Problems.KEPT).append(" more");
        }
        if (n > Cleaning.MAX_CANDLES) {
            s.append("\nThat is more than the ").append(Cleaning.MAX_CANDLES).append(" a dataset may drop or repair:"
                    + " these do not look like one market's candles (check the columns, the units and the timeframe).");
        } else {
            s.append("\nChoose what to do with them: suspect policy \"drop\" removes them (each becomes a gap),"
                    + " \"repair\" replaces their impossible prices by the neighbouring close and clamps open and close"
                    + " into [low, high]. Either choice becomes part of the dataset id.");
        }
        return s.toString();
    }

    private static List<CandleProblem> problems(String source, List<SuspectCandle> suspects) {
        List<CandleProblem> problems = new ArrayList<>();
        for (SuspectCandle c : suspects) {
            for (SuspectReason r : c.reasons()) {
                if (problems.size() < Problems.KEPT) {
                    problems.add(new CandleProblem(source, c.location(), r.fieldList(), r.detail()));
                }
            }
        }
        return problems;
    }

    private static int countReasons(List<SuspectCandle> suspects) {
        return suspects.stream().mapToInt(c -> c.reasons().size()).sum();
    }
}
