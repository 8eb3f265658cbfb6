package io.strategyminer.data.importer;

/**
 * One thing wrong with an input file, precise enough to find and fix it.
 *
 * @param source   the file (or resource, or URL) the problem is in
 * @param location where in it: "line 17", "element 3", or "" for the file as a whole
 * @param field    the column or JSON field concerned, or "" when the problem is not about one field
 * @param reason   what is wrong, with the offending value
 */
public record CandleProblem(String source, String location, String field, String reason) {
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
