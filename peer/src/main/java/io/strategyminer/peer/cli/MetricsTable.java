package io.strategyminer.peer.cli;

import io.strategyminer.backtest.Metrics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** In-sample and out-of-sample metrics side by side, one metric a row, as every command prints them. */
final class MetricsTable {
    private record Row(String label, Function<Metrics, String> cell) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("net PnL", m -> String.format(Locale.ROOT, "%,.2f", m.netPnl())),
            new Row("return %", m -> String.format(Locale.ROOT, "%.2f", m.returnPct())),
            new Row("trades", m -> Integer.toString(m.trades())),
            new Row("win rate %", m -> String.format(Locale.ROOT, "%.1f", m.winRate() * 100)),
            new Row("Sharpe", m -> String.format(Locale.ROOT, "%.2f", m.sharpe())),
            new Row("Sortino", m -> String.format(Locale.ROOT, "%.2f", m.sortino())),
            new Row("calmar", m -> String.format(Locale.ROOT, "%.2f", m.calmar())),
            new Row("max drawdown %", m -> String.format(Locale.ROOT, "%.2f", m.maxDrawdownPct())),
            new Row("profit factor", m -> String.format(Locale.ROOT, "%.2f", m.profitFactor())),
            new Row("exposure %", m -> String.format(Locale.ROOT, "%.1f", m.exposurePct())));

    private MetricsTable() {
    }

    /**
     * Prints every metric row with {@code rowFormat}, a format taking three strings: the label, the
     * in-sample cell and the out-of-sample cell (e.g. {@code "%-16s %22s %22s%n"}).
     */
    static void print(PrintWriter out, String rowFormat, Metrics inSample, Metrics outOfSample) {
        for (Row row : ROWS) {
            out.printf(Locale.ROOT, rowFormat, row.label(), row.cell().apply(inSample), row.cell().apply(outOfSample));
        }
    }
}
