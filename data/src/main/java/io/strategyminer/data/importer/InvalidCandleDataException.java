package io.strategyminer.data.importer;

import java.util.List;

/**
 * An input that cannot become candles. Carries the first problems found (up to a bound, so a file with
 * a million bad rows still gives a readable message) and how many there were in all.
 */
public sealed class InvalidCandleDataException extends IllegalArgumentException permits SuspectCandlesException {
    private final transient List<CandleProblem> problems;
    private final int totalProblems;

    public InvalidCandleDataException(String source, List<CandleProblem> problems, int totalProblems) {
        this(problems, totalProblems, message(source, problems, totalProblems));
    }

    /** For refusals that word their message themselves ({@link SuspectCandlesException}). */
    InvalidCandleDataException(List<CandleProblem> problems, int totalProblems, String message) {
        super(message);
        this.problems = List.copyOf(problems);
        this.totalProblems = totalProblems;
    }

    /** The problems kept, in the order they were found. */
    public List<CandleProblem> problems() {
        return problems;
    }

    /** How many problems were found, including those not kept. */
    public int totalProblems() {
        return totalProblems;
    }

    private static String message(String source, List<CandleProblem> problems, int total) {
        if (total == 1 && problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder s = new StringBuilder()
                .append(total).append(" problems in ").append(source).append(':');
        for (CandleProblem p : problems) {
            s.append("\n  ").append(p.detail()); // the source is in the first line already
        }
        if (total > problems.size()) {
            s.append("\n  ... and ").append(total - problems.size()).append(" more");
        }
        return s.toString();
    }
}
