package io.strategyminer.peer.doctor;

import java.util.Locale;

/** How a check came out. Only {@link #FAIL} makes {@code peer doctor} exit with 1. */
public enum Status {
    /** Nothing wrong found. */
    OK,
    /** Works, but something is likely to hurt (a Mac that sleeps, two peers counted as one machine). */
    WARN,
    /** A cluster will not work this way until it is fixed. */
    FAIL,
    /** Not applicable here (another OS, no --seeds) or not measurable (no running peer): says which in its finding. */
    SKIP;

    /** As printed and in the JSON: "ok", "warn", "fail", "skip". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
