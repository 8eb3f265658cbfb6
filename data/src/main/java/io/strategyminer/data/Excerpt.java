package io.strategyminer.data;

/**
 * A short excerpt of input text for messages. Input is never echoed whole: a bad header or field may be
 * hundreds of kilobytes, and a message is read by a person (and sent back by the HTTP API).
 */
public final class Excerpt {
    /** At most this many characters of the input appear in a message. */
    public static final int MAX_CHARS = 40;

    private Excerpt() {
    }

    /** The text itself when short, else its first {@link #MAX_CHARS} characters and its length. */
    public static String of(String text) {
        return of(text, MAX_CHARS);
    }

    /** The text itself when at most {@code max} characters, else its start and its length. */
    public static String of(String text, int max) {
        if (text.length() <= max) {
            return printable(text);
        }
        return printable(text.substring(0, max)) + "… (" + text.length() + " characters)";
    }

    /** Control characters (a stray NUL, a carriage return) shown as '?', so a message stays on its line. */
    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, '?');
            }
        }
        return out == null ? text : out.toString();
    }
}
