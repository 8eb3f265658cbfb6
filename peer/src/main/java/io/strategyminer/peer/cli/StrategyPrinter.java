package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Strategies as {@code GET /api/strategies} lists them, printed for people (what {@code results},
 * {@code submit --follow} and {@code demo} show): rank, id, search and unit, the rules, in-sample and
 * out-of-sample metrics side by side, the peers whose re-runs support it, and the digest.
 */
final class StrategyPrinter {
    private static final String ROW = "    %-15s %14s %14s%n";

    private StrategyPrinter() {
    }

    /** Prints {@code strategies} (a JSON array of strategy summaries) in the order given: best first. */
    static void print(PrintWriter out, JsonNode strategies, PeerNames names) {
        int rank = 0;
        for (JsonNode strategy : strategies) {
            rank++;
            out.println();
            out.printf(Locale.ROOT, "#%d  strategy %s  (search %s, unit %d, %s)%n", rank, strategy.path("id").asText(),
                    strategy.path("searchId").asText(), strategy.path("unit").asInt(), strategy.path("status").asText());
            out.println("    " + strategy.path("rules").asText());
            out.printf(Locale.ROOT, ROW, "", "in-sample", "out-of-sample");
            MetricsTable.print(out, ROW, CliJson.metrics(strategy.path("inSample")),
                    CliJson.metrics(strategy.path("outOfSample")));
            List<String> supporters = new ArrayList<>();
            strategy.path("supportingPeers").forEach(peer -> supporters.add(names.name(peer.asText())));
            out.printf(Locale.ROOT, "    supported by %s (%d peer%s; reported by %s)%n", String.join(", ", supporters),
                    supporters.size(), supporters.size() == 1 ? "" : "s", names.name(strategy.path("reporter").asText()));
            out.printf(Locale.ROOT, "    digest %s (%s)%n", strategy.path("digest").asText(),
                    strategy.path("engineVersion").asText());
        }
    }
}
