package io.strategyminer.data.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a delimited text file split into fields: comma, semicolon or tab (whichever the header
 * uses most), fields optionally in double quotes ({@code ""} inside quotes is a quote), LF or CRLF line
 * ends, blank lines skipped. Line numbers count every physical line from 1, as an editor shows them.
 */
final class CsvLines {
    private final BufferedReader reader;
    private final char delimiter;
    private final String[] header;
    private final int headerLine;
    private int lineNumber;

    /** Reads up to and including the header (the first non-blank line); {@link #header()} is null if none. */
    CsvLines(BufferedReader reader) throws IOException {
        this.reader = reader;
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
        String line = nextNonBlank();
        return line == null ? null : split(line);
    }

    /** The line number of the fields last returned. */
    int lineNumber() {
        return lineNumber;
    }

    private String nextNonBlank() throws IOException {
        String line;
        do {
            line = reader.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        return line;
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

    private String[] split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
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
                fields.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString().strip());
        return fields.toArray(new String[0]);
    }
}
