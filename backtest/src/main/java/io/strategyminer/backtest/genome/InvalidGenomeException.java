package io.strategyminer.backtest.genome;

import java.util.List;

/** A genome that breaks its rules; the message lists every problem, not just the first. */
public final class InvalidGenomeException extends IllegalArgumentException {
    private final List<String> problems;

    public InvalidGenomeException(List<String> problems) {
        super("invalid genome: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
