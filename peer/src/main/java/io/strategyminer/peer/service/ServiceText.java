package io.strategyminer.peer.service;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** How an argument is written in each kind of service file, so that the program receives it unchanged. */
final class ServiceText {
    /** Arguments systemd passes as they are: no blank, quote, backslash or lone semicolon. */
    private static final Pattern SYSTEMD_PLAIN = Pattern.compile("[^\\s\"'\\\\;]+");

    private ServiceText() {
    }

    /**
     * An ExecStart= command line: {@code %} (specifiers) and {@code $} (variables) doubled everywhere; an argument
     * with a blank, a quote, a backslash or a semicolon double-quoted with {@code \} and {@code "} escaped.
     */
    static String systemdCommandLine(List<String> argv) {
        return argv.stream().map(ServiceText::systemdArgument).collect(Collectors.joining(" "));
    }

    private static String systemdArgument(String arg) {
        String escaped = arg.replace("%", "%%").replace("$", "$$");
        if (!escaped.isEmpty() && SYSTEMD_PLAIN.matcher(escaped).matches()) {
            return escaped;
        }
        return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * A Windows command line as the C runtime splits it (CommandLineToArgvW): arguments with a blank or a quote are
     * double-quoted, a quote inside is {@code \"}, and backslashes right before a quote are doubled.
     */
    static String windowsCommandLine(List<String> argv) {
        return argv.stream().map(ServiceText::windowsArgument).collect(Collectors.joining(" "));
    }

    private static String windowsArgument(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return arg;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : arg.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            quoted.append("\\".repeat(c == '"' ? 2 * backslashes + 1 : backslashes)).append(c);
            backslashes = 0;
        }
        return quoted.append("\\".repeat(2 * backslashes)).append('"').toString();
    }

    /** Text as XML character data or attribute value. */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
