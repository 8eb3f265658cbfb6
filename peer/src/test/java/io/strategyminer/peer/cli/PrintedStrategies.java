package io.strategyminer.peer.cli;

import io.strategyminer.ledger.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back the strategies {@link StrategyPrinter} printed: what a user sees is what the tests check. */
final class PrintedStrategies {
    private static final Pattern HEADER = Pattern.compile(
            "(?m)^#(\\d+)  strategy (\\S+)  \\(search (\\S+), unit (\\d+), (\\w+)\\) on .+$");
    private static final Pattern DIGEST = Pattern.compile("(?m)^    digest ([0-9a-f]{64}) \\(");

    /** One printed strategy. */
    record Printed(int rank, String id, String searchId, int unit, String status, Sha256 digest) {
    }

    private PrintedStrategies() {
    }

    /** Every strategy block in {@code output}, in printed order; each header must be followed by its digest. */
    static List<Printed> in(String output) {
        List<Printed> printed = new ArrayList<>();
        Matcher header = HEADER.matcher(output);
        while (header.find()) {
            Matcher digest = DIGEST.matcher(output);
            if (!digest.find(header.end())) {
                throw new AssertionError("strategy #" + header.group(1) + " has no digest line:\n" + output);
            }
            printed.add(new Printed(Integer.parseInt(header.group(1)), header.group(2), header.group(3),
                    Integer.parseInt(header.group(4)), header.group(5), Sha256.parse(digest.group(1))));
        }
        return printed;
    }

    /** The printed digests of {@code searchId}'s strategies, by unit (0 … units-1); fails if a unit is missing or twice. */
    static List<Sha256> digestsByUnit(String output, String searchId, int units) {
        Sha256[] digests = new Sha256[units];
        for (Printed p : in(output)) {
            if (!p.searchId().equals(searchId)) {
                continue;
            }
            if (p.unit() >= units || digests[p.unit()] != null) {
                throw new AssertionError("unexpected or repeated unit " + p.unit() + " in:\n" + output);
            }
            digests[p.unit()] = p.digest();
        }
        for (int unit = 0; unit < units; unit++) {
            if (digests[unit] == null) {
                throw new AssertionError("no strategy printed for unit " + unit + " in:\n" + output);
            }
        }
        return List.of(digests);
    }
}
