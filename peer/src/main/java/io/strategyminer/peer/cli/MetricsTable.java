package io.strategyminer.peer.cli;

import io.strategyminer.backtest.Metrics;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Metrics side by side, one metric a row, as every command prints them: a strategy's in-sample and holdout figures
 * with buy-and-hold beside each where the command has them. Columns are as wide as their widest cell. An undefined
 * figure (NaN, see {@link Metrics}) prints as "n/a", and one line under the table says why, per column.
 */
final class MetricsTable {
    /** A metric row. */
    private record Row(String label, Function<Metrics, String> cell) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("net PnL", m -> String.format(Locale.ROOT, "%,.2f", m.netPnl())),
            new Row("return %", m -> decimal(m.returnPct())),
            new Row("CAGR %", m -> decimal(m.cagrPct())),
            new Row("trades", m -> Integer.toString(m.trades())),
            new Row("win rate %", m -> String.format(Locale.ROOT, "%.1f", m.winRate() * 100)),
            new Row("Sharpe (daily)", m -> decimal(m.sharpe())),
            new Row("Sortino (daily)", m -> decimal(m.sortino())),
            new Row("calmar", m -> decimal(m.calmar())),
            new Row("max drawdown %", m -> decimal(m.maxDrawdownPct())),
            new Row("profit factor", m -> decimal(m.profitFactor())),
            new Row("exposure %", m -> String.format(Locale.ROOT, "%.1f", m.exposurePct())),
            new Row("days", m -> Integer.toString(m.days())),
            new Row("daily skewness", m -> decimal(m.dailySkewness())),
            new Row("daily kurtosis", m -> decimal(m.dailyKurtosis())));
    private static final String NOT_AVAILABLE = "n/a";

    private final String indent;
    private final List<String> headings;
    private final List<String[]> rows = new ArrayList<>();
    /** Why a column has undefined figures, by column heading, in column order. */
    private final Map<String, String> undefined = new LinkedHashMap<>();

    /** A table whose lines start with {@code indent}, with one column per heading. */
    MetricsTable(String indent, String... headings) {
        this.indent = indent;
        this.headings = List.of(headings);
    }

    /** A row of free cells (a candle count, an excess return …), one per column; blank cells are allowed. */
    MetricsTable row(String label, String... cells) {
        if (cells.length != headings.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headings.size() + " columns");
        }
        String[] row = new String[cells.length + 1];
        row[0] = label;
        System.arraycopy(cells, 0, row, 1, cells.length);
        rows.add(row);
        return this;
    }

    /** Every metric row, one column per {@code metrics} (in heading order). */
    MetricsTable metrics(Metrics... metrics) {
        if (metrics.length != headings.size()) {
            throw new IllegalArgumentException(metrics.length + " metrics for " + headings.size() + " columns");
        }
        for (Row row : ROWS) {
            String[] cells = new String[metrics.length];
            for (int c = 0; c < metrics.length; c++) {
                String cell = row.cell().apply(metrics[c]);
                if (cell == null) {
                    cell = NOT_AVAILABLE;
                    undefined.putIfAbsent(headings.get(c), undefinedBecause(metrics[c]));
                }
                cells[c] = cell;
            }
            row(row.label(), cells);
        }
        return this;
    }

    void print(PrintWriter out) {
        int labelWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int[] widths = new int[headings.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headings.get(c).length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c + 1].length());
            }
        }
        List<String> header = new ArrayList<>(headings.size() + 1);
        header.add("");
        header.addAll(headings);
        line(out, labelWidth, widths, header.toArray(String[]::new));
        rows.forEach(row -> line(out, labelWidth, widths, row));
        if (!undefined.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            undefined.forEach((column, why) -> reasons.add(column + " " + why));
            out.printf(Locale.ROOT, "%sn/a: %s; CAGR, Sharpe, Sortino, skewness and kurtosis need %d daily returns"
                    + " that vary%n", indent, String.join(", ", reasons), Metrics.MIN_DAYS);
        }
    }

    private void line(PrintWriter out, int labelWidth, int[] widths, String[] cells) {
        StringBuilder line = new StringBuilder(indent).append(pad(cells[0], labelWidth, false));
        for (int c = 0; c < widths.length; c++) {
            line.append("  ").append(pad(cells[c + 1], widths[c], true));
        }
        out.println(line.toString().stripTrailing());
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - text.length()));
        return right ? spaces + text : text + spaces;
    }

    /** Percent with two decimals, for cells and extra rows; null when undefined. */
    static String decimal(double value) {
        return Double.isNaN(value) ? null : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String undefinedBecause(Metrics m) {
        if (m.days() < Metrics.MIN_DAYS) {
            return "has " + m.days() + " daily return" + (m.days() == 1 ? "" : "s");
        }
        return m.hasDailyStatistics() ? "overflows" : "has daily returns that do not vary";
    }
}
