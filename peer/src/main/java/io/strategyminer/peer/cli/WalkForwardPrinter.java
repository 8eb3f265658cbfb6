package io.strategyminer.peer.cli;

import io.strategyminer.web.api.WalkForwardJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

    static void print(PrintWriter out, WalkForwardJson walkForward) {
        int windows = walkForward.windows();
        out.printf(Locale.ROOT, "Walk-forward: %d %s windows, each mined on %d %% of its length; %d of %d finished%n",
                windows, walkForward.anchored() ? "anchored" : "rolling", walkForward.splitPercent(),
                walkForward.windowsFinished(), windows);
        if (walkForward.unavailable() != null) {
            out.println("  " + walkForward.unavailable());
        }
        for (WalkForwardJson.Window window : walkForward.windowList()) {
            String status = window.status();
            String dates = window.test() != null ? String.format(Locale.ROOT, "trained %s, tested %s",
                    span(window.training()), span(window.test())) : "";
            out.printf(Locale.ROOT, "  window %d (units %s): %s%s%n", window.window() + 1,
                    String.join(",", window.units().stream().map(String::valueOf).toList()),
                    status.toLowerCase(Locale.ROOT), dates.isEmpty() ? "" : ", " + dates);
            if (status.equals("DONE")) {
                out.println("      " + window.rules());
            }
            if (window.outOfSample() != null) {
                out.printf(Locale.ROOT, "      training return %s %%, test return %s %% (buy and hold %s %%),"
                                + " efficiency %s%n",
                        MetricsTable.decimal(window.inSample().returnPct()),
                        MetricsTable.decimal(window.outOfSample().returnPct()),
                        MetricsTable.decimal(window.buyAndHold().returnPct()), efficiency(window.efficiency()));
            } else if (status.equals("CASH") && window.buyAndHold() != null) {
                out.printf(Locale.ROOT, "      every unit failed: held in cash (buy and hold %s %%)%n",
                        MetricsTable.decimal(window.buyAndHold().returnPct()));
            } else if (status.equals("CASH")) {
                out.println("      every unit failed: held in cash");
            }
        }
        WalkForwardJson.Stitched stitched = walkForward.stitched();
        if (stitched == null) {
            out.println("Stitched out-of-sample record: once every window has finished.");
            return;
        }
        List<Long> time = stitched.equity().time();
        // the stitched record names candles, and its equity curve their times
        String span = time.isEmpty() ? "" : DAY.format(Instant.ofEpochSecond(time.get(0))) + " – "
                + DAY.format(Instant.ofEpochSecond(time.get(time.size() - 1))) + " UTC";
        out.printf(Locale.ROOT, "Stitched out-of-sample record, %s: walk-forward efficiency %s, excess return over"
                        + " buy and hold %s points%n", span, efficiency(stitched.efficiency()),
                MetricsTable.decimal(stitched.excessReturnPct()));
        new MetricsTable("  ", "stitched test segments", "buy and hold")
                .metrics(stitched.metrics().toMetrics(), stitched.buyAndHold().toMetrics())
                .print(out);
    }

    /** Efficiency of 1: the test segments paid as much a year as the training parts; n/a without a trained edge. */
    private static String efficiency(Double value) {
        return value != null ? String.format(Locale.ROOT, "%.2f", value) : "n/a (no profitable training part)";
    }

    private static String span(WalkForwardJson.Span range) {
        return DAY.format(Instant.ofEpochSecond(range.fromTime())) + " – "
                + DAY.format(Instant.ofEpochSecond(range.toTime())) + " UTC";
    }
}
