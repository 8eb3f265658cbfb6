package io.strategyminer.peer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A walk-forward search as {@code peer results --search} prints it ({@code GET /api/searches/{id}/walk-forward}):
 * one line per window — its training and test dates, its strategy and how it fared on the test segment beside
 * buy-and-hold — then the stitched out-of-sample record beside holding the asset through it, and the walk-forward
 * efficiency.
 */
final class WalkForwardPrinter {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private WalkForwardPrinter() {
    }

    static void print(PrintWriter out, JsonNode walkForward) {
        int windows = walkForward.path("windows").asInt();
        out.printf(Locale.ROOT, "Walk-forward: %d %s windows, each mined on %d %% of its length; %d of %d finished%n",
                windows, walkForward.path("anchored").asBoolean() ? "anchored" : "rolling",
                walkForward.path("splitPercent").asInt(), walkForward.path("windowsFinished").asInt(), windows);
        if (walkForward.hasNonNull("unavailable")) {
            out.println("  " + walkForward.path("unavailable").asText());
        }
        for (JsonNode window : walkForward.path("windowList")) {
            String status = window.path("status").asText();
            String dates = window.has("test") ? String.format(Locale.ROOT, "trained %s, tested %s",
                    span(window.path("training")), span(window.path("test"))) : "";
            out.printf(Locale.ROOT, "  window %d (units %s): %s%s%n", window.path("window").asInt() + 1,
                    window.path("units").toString().replaceAll("[\\[\\]]", ""), status.toLowerCase(Locale.ROOT),
                    dates.isEmpty() ? "" : ", " + dates);
            if (status.equals("DONE")) {
                out.println("      " + window.path("rules").asText());
            }
            if (window.hasNonNull("outOfSample")) {
                out.printf(Locale.ROOT, "      training return %s %%, test return %s %% (buy and hold %s %%),"
                                + " efficiency %s%n",
                        MetricsTable.decimal(window.at("/inSample/returnPct").asDouble()),
                        MetricsTable.decimal(window.at("/outOfSample/returnPct").asDouble()),
                        MetricsTable.decimal(window.at("/buyAndHold/returnPct").asDouble()),
                        efficiency(window.path("efficiency")));
            } else if (status.equals("CASH")) {
                out.printf(Locale.ROOT, "      every unit failed: held in cash (buy and hold %s %%)%n",
                        MetricsTable.decimal(window.at("/buyAndHold/returnPct").asDouble()));
            }
        }
        JsonNode stitched = walkForward.path("stitched");
        if (stitched.isNull() || stitched.isMissingNode()) {
            out.println("Stitched out-of-sample record: once every window has finished.");
            return;
        }
        out.printf(Locale.ROOT, "Stitched out-of-sample record, %s: walk-forward efficiency %s, excess return over"
                        + " buy and hold %s points%n", span(stitched), efficiency(stitched.path("efficiency")),
                MetricsTable.decimal(stitched.path("excessReturnPct").asDouble()));
        new MetricsTable("  ", "stitched test segments", "buy and hold")
                .metrics(CliJson.metrics(stitched.path("metrics")), CliJson.metrics(stitched.path("buyAndHold")))
                .print(out);
    }

    /** Efficiency of 1: the test segments paid as much a year as the training parts; n/a without a trained edge. */
    private static String efficiency(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.2f", value.asDouble())
                : "n/a (no profitable training part)";
    }

    private static String span(JsonNode range) {
        if (range.has("fromTime")) {
            return DAY.format(Instant.ofEpochSecond(range.path("fromTime").asLong())) + " – "
                    + DAY.format(Instant.ofEpochSecond(range.path("toTime").asLong())) + " UTC";
        }
        // the stitched record names candles, and its equity curve their times
        JsonNode time = range.at("/equity/time");
        return time.size() == 0 ? "" : DAY.format(Instant.ofEpochSecond(time.get(0).asLong())) + " – "
                + DAY.format(Instant.ofEpochSecond(time.get(time.size() - 1).asLong())) + " UTC";
    }
}
