package io.strategyminer.data.importer;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import io.strategyminer.data.Excerpt;

/**
 * The lines of a delimited text file split into fields: comma, semicolon or tab (whichever the header
 * uses most), fields optionally in double quotes ({@code ""} inside quotes is a quote), LF, CRLF or CR line
 * ends, blank lines skipped. Line numbers count every physical line from 1, as an editor shows them.
 *
 * <p>Lines are read into a buffer of at most {@link ImportLimits#maxLineChars()} characters and fields may
 * not exceed {@link ImportLimits#maxFieldChars()}: a longer one stops the reading with the line named,
 * before anything is allocated for it.
 */
final class CsvLines {
    private final Reader reader;
    private final int maxLine;
    private final int maxField;
    private final Problems problems;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private final StringBuilder line = new StringBuilder();
    private final char delimiter;
    private final String[] header;
    private final int headerLine;
    private int lineNumber;

    /** Reads up to and including the header (the first non-blank line); {@link #header()} is null if none. */
    CsvLines(Reader reader, ImportLimits limits, Problems problems) throws IOException {
        this.reader = reader;
        this.maxLine = limits.maxLineChars();
        this.maxField = limits.maxFieldChars();
        this.problems = problems;
        String first = nextNonBlank();
        if (first != null && first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        this.headerLine = lineNumber;
        this.delimiter = first == null ? ',' : delimiterOf(first);
        this.header = first == null ? null : split(first);
    }

    String[] header() {
        return header;
    }

    int headerLine() {
        return headerLine;
    }

    /** The next non-blank line's fields, or null at the end. */
    String[] next() throws IOException {
        String next = nextNonBlank();
        return next == null ? null : split(next);
    }

    /** The line number of the fields last returned. */
    int lineNumber() {
        return lineNumber;
    }

    private String nextNonBlank() throws IOException {
        String next;
        do {
            next = readLine();
            lineNumber++;
        } while (next != null && next.isBlank());
        return next;
    }

    /** The next line without its terminator, or null at the end of the input. */
    private String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line.toString() : null;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (line.length() + (position - start) > maxLine) {
                line.append(buffer, start, Math.min(position - start, Excerpt.MAX_CHARS));
                throw problems.fail("line " + (lineNumber + 1), "", "the line is longer than " + maxLine
                        + " characters, the import's limit: not a candle file (it starts '" + Excerpt.of(line.toString())
                        + "…')");
            }
            line.append(buffer, start, position - start);
            if (position < limit) {
                char end = buffer[position++];
                if (end == '\r') {
                    skipLineFeed();
                }
                return line.toString();
            }
        }
    }

    /** After a CR: a LF right behind it belongs to the same line end. */
    private void skipLineFeed() throws IOException {
        if (position == limit) {
            limit = Math.max(0, reader.read(buffer, 0, buffer.length));
            position = 0;
        }
        if (position < limit && buffer[position] == '\n') {
            position++;
        }
    }

    private static char delimiterOf(String headerLine) {
        char best = ',';
        long bestCount = 0;
        for (char candidate : new char[] {',', ';', '\t'}) {
            long count = headerLine.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    private String[] split(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(checked(field, fields.size()));
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(checked(field, fields.size()));
        return fields.toArray(new String[0]);
    }

    private String checked(StringBuilder field, int index) {
        if (field.length() > maxField) {
            throw problems.fail("line " + lineNumber, "", "field " + (index + 1) + " is longer than " + maxField
                    + " characters, the import's limit (it starts '" + Excerpt.of(field.toString()) + "')");
        }
        return field.toString().strip();
    }
}
