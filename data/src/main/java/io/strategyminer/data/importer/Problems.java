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

    void add(String location, String field, String reason) {
        total++;
        if (kept.size() < KEPT) {
            kept.add(new CandleProblem(source, location, field, reason));
        }
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
