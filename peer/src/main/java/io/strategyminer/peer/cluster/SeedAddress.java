package io.strategyminer.peer.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The address of a known cluster member, as typed after {@code --seeds} or carried in a join token:
 * {@code host:port}, with IPv6 literals in brackets ({@code [fd7a::1]:7800}).
 *
 * @param host a host name or IP literal (without brackets)
 * @param port the member's JGroups port, 1..65535
 */
public record SeedAddress(String host, int port) {

    public SeedAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a seed needs a host");
        }
        if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',' || c == '[' || c == ']')) {
            throw new IllegalArgumentException("seed host '" + host + "' contains a space, a comma or a bracket");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("seed port " + port + " is outside 1..65535");
        }
    }

    /** Parses {@code host:port} or {@code [ipv6]:port}. */
    public static SeedAddress parse(String text) {
        String trimmed = text.trim();
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0 || close + 1 >= trimmed.length() || trimmed.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("seed '" + text + "' should look like [ipv6]:port");
            }
            host = trimmed.substring(1, close);
            port = trimmed.substring(close + 2);
        } else {
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || trimmed.indexOf(':') != colon) {
                throw new IllegalArgumentException("seed '" + text + "' should look like host:port (IPv6 in brackets)");
            }
            host = trimmed.substring(0, colon);
            port = trimmed.substring(colon + 1);
        }
        try {
            return new SeedAddress(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed '" + text + "' has a port that is not a number: '" + port + "'", e);
        }
    }

    /** Parses a comma-separated list such as {@code 100.64.0.2:7800,laptop.lan:7800}; blanks are refused. */
    public static List<SeedAddress> parseList(String text) {
        List<SeedAddress> seeds = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("seed list '" + text + "' has an empty entry");
            }
            seeds.add(parse(part));
        }
        return List.copyOf(seeds);
    }

    /** Formats a list the way {@link #parseList} reads it. */
    public static String formatList(List<SeedAddress> seeds) {
        List<String> parts = new ArrayList<>();
        for (SeedAddress seed : seeds) {
            parts.add(seed.toString());
        }
        return String.join(",", parts);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
