package io.strategyminer.data.importer;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one input, keeping the first {@link #KEPT} and counting the rest. */
final class Problems {
    static final int KEPT = 20;

    private final String source;
    private final List<CandleProblem> kept = new ArrayList<>();
    private int total;

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void add(String location, String field, String reason) {
        total++;
        if (kept.size() < KEPT) {
            kept.add(new CandleProblem(source, location, field, reason));
        }
    }

    /** Adds a problem that stops the reading at once (a limit reached), with those found before it. */
    InvalidCandleDataException fail(String location, String field, String reason) {
        add(location, field, reason);
        return new InvalidCandleDataException(source, kept, total);
    }

    boolean isEmpty() {
        return total == 0;
    }

    void throwIfAny() {
        if (total > 0) {
            throw new InvalidCandleDataException(source, kept, total);
        }
    }
}
