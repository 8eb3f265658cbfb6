package io.strategyminer.data.suspect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.strategyminer.data.Excerpt;

/**
 * What to do with suspect candles (see {@link SuspectDetector}): the user's explicit choice, shared by
 * {@code peer data import}, {@code peer data fetch}, {@code peer submit --csv} and the HTTP upload.
 */
public enum SuspectPolicy {
    /** Store nothing and list the suspects (the default: data that may lie is never used silently). */
    REFUSE,
    /** Remove the suspect candles; each becomes a gap. */
    DROP,
    /** Rewrite the suspect candles by the documented rule ({@link SuspectCleaner}). */
    REPAIR;

    /** The name users type: "refuse", "drop", "repair". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "refuse, drop, repair": the values {@link #parse} accepts. */
    public static String choices() {
        return Arrays.stream(values()).map(SuspectPolicy::label).collect(Collectors.joining(", "));
    }

    /**
     * Parses a user's choice, case-insensitively.
     *
     * @throws IllegalArgumentException naming the valid values when the text is none of them
     */
    public static SuspectPolicy parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (SuspectPolicy policy : values()) {
            if (policy.label().equals(wanted)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("suspect policy '" + Excerpt.of(text == null ? "" : text)
                + "' is not one of: " + choices());
    }
}
