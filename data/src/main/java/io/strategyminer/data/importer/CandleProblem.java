package io.strategyminer.data.importer;

import io.strategyminer.data.Excerpt;

/**
 * One thing wrong with an input file, precise enough to find and fix it.
 *
 * @param source   the file (or resource, or URL) the problem is in
 * @param location where in it: "line 17", "element 3", or "" for the file as a whole
 * @param field    the column or JSON field concerned, or "" when the problem is not about one field
 * @param reason   what is wrong, with the offending value
 */
public record CandleProblem(String source, String location, String field, String reason) {
    /** The longest reason kept: a last guard, since reasons quote the input (in {@link Excerpt}s). */
    static final int MAX_REASON_CHARS = 400;

    public CandleProblem {
        // Field names come from the input's header: never echo one whole.
        field = Excerpt.of(field);
        reason = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
    }

    /** {@code btc.csv: line 17: high: 9.5 is below low 10.0} */
    @Override
    public String toString() {
        return source + ": " + detail();
    }

    /** The problem without its source: {@code line 17: high: 9.5 is below low 10.0}. */
    public String detail() {
        StringBuilder s = new StringBuilder();
        if (!location.isEmpty()) {
            s.append(location).append(": ");
        }
        if (!field.isEmpty()) {
            s.append(field).append(": ");
        }
        return s.append(reason).toString();
    }
}
