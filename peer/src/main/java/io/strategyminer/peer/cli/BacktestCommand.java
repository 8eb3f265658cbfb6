package io.strategyminer.peer.cli;

import io.strategyminer.web.api.SignificanceJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strategyminer.backtest.BacktestConfig;
import io.strategyminer.backtest.BacktestResult;
import io.strategyminer.backtest.Backtester;
import io.strategyminer.backtest.Evaluation;
import io.strategyminer.backtest.Split;
import io.strategyminer.backtest.Trade;
import io.strategyminer.backtest.genome.Genome;
import io.strategyminer.backtest.genome.GenomeJson;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.Timeframe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code peer backtest}: one genome over one dataset, in-sample and out-of-sample, the way a
 * verifying peer re-runs it; prints the rules, the metrics side by side with buy-and-hold over the same
 * candles, the trades and the digests.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Backtest one strategy (a genome JSON file) on a dataset, in-sample and out-of-sample.",
                "Prints the readable rules, the metrics, the trades and the result digest peers compare.",
                "--json prints {\"engineVersion\", \"dataset\":{id,name,symbol,timeframeSeconds,candles},"
                        + " \"genome\":{…}, \"rules\", \"split\", \"costs\":{feePct,slippagePct,initialCapital},"
                        + " \"inSample\" and \"outOfSample\": {from,to,metrics:{…},buyAndHold:{…},excessReturnPct,"
                        + "trades:[{entryIndex,entryTime,entryPrice,exitIndex,exitTime,exitPrice,quantity,pnl,returnPct,"
                        + "exitReason}]}, \"tradesDigest\", \"digest\"}; an undefined metric is null"
                        + " (see backtest/README.md).",
                "A genome file that is not valid is reported with every problem found (exit code 2)."})
final class BacktestCommand implements Runnable {
    /** Label, then the strategy and buy-and-hold in-sample, the strategy and buy-and-hold out-of-sample. */
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    DatasetOption dataset;

    @Option(names = "--genome", required = true, paramLabel = "FILE",
            description = "The strategy as genome JSON (example: backtest/src/main/resources/examples/rsi-reversion.json).")
    Path genomeFile;

    @Option(names = "--split", paramLabel = "PERCENT", defaultValue = "70",
            description = "Share of the candles, from the start, that is in-sample (default: ${DEFAULT-VALUE}).")
    int split;

    @Option(names = "--fee", paramLabel = "PERCENT", defaultValue = "0.1",
            description = "Fee per side, percent of the traded value (default: ${DEFAULT-VALUE}).")
    double fee;

    @Option(names = "--slippage", paramLabel = "PERCENT", defaultValue = "0.05",
            description = "Slippage per side, percent of the price, always against you (default: ${DEFAULT-VALUE}).")
    double slippage;

    @Option(names = "--capital", paramLabel = "AMOUNT", defaultValue = "10000",
            description = "Starting capital in the quote currency (default: ${DEFAULT-VALUE}).")
    double capital;

    @Option(names = "--trades", paramLabel = "N",
            description = "Show the trade count and only the first and last N trades of each part (default: all).")
    Integer tradesShown;

    @Option(names = "--json", description = "Machine-readable output (stable, see above).")
    boolean json;

    @Override
    public void run() {
        Genome genome = readGenome();
        BacktestConfig config = new BacktestConfig(fee, slippage, capital);
        Split chosen = new Split(split);
        if (tradesShown != null && tradesShown < 0) {
            throw new IllegalArgumentException("--trades must be 0 or more, got " + tradesShown);
        }
        Dataset candles = dataset.resolve(dataDir.path());
        Evaluation evaluation = new Backtester(candles, config).evaluate(genome, chosen);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(candles, genome, config, evaluation));
        } else {
            printReport(out, candles, genome, config, evaluation);
        }
        out.flush();
    }

    private Genome readGenome() {
        if (!Files.isRegularFile(genomeFile)) {
            throw new IllegalArgumentException("genome file not found: " + genomeFile);
        }
        try {
            return GenomeJson.read(genomeFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read genome file " + genomeFile + ": " + e.getMessage(), e);
        }
    }

    private void printReport(PrintWriter out, Dataset d, Genome genome, BacktestConfig config, Evaluation e) {
        out.printf(Locale.ROOT, "Dataset   %s (%s, %s, %,d candles, id %s)%n", d.name(), d.symbol(),
                Timeframe.label(d.timeframeSeconds()), d.size(), d.id().shortHex());
        out.println("Rules     " + genome.toSentence());
        out.printf(Locale.ROOT, "Costs     fee %s %% and slippage %s %% per side, capital %,.2f%n",
                number(config.feePct()), number(config.slippagePct()), config.initialCapital());
        out.println();
        BacktestResult in = e.inSample();
        BacktestResult oos = e.outOfSample();
        new MetricsTable("", "in-sample (" + e.split().inSamplePercent() + " %)", "buy and hold", "out-of-sample",
                "buy and hold")
                .row("candles", candles(in), candles(in), candles(oos), candles(oos))
                .metrics(in.metrics(), in.buyAndHold(), oos.metrics(), oos.buyAndHold())
                .row("excess return %", MetricsTable.decimal(in.excessReturnPct()), "",
                        MetricsTable.decimal(oos.excessReturnPct()), "")
                .print(out);
        out.println();
        out.println(probabilisticSharpe(SignificanceJson.of(in.metrics(), ONE_TRIAL)));
        printTrades(out, d, "In-sample", in.trades());
        printTrades(out, d, "Out-of-sample", oos.trades());
        out.println();
        out.println("Digest    " + e.digest() + " (" + e.engineVersion() + ")");
        out.println("Trades    " + e.tradesDigest() + " (digest of both trade lists)");
    }

    /**
     * One strategy tried, one trial: its probabilistic Sharpe ratio is what can be said (a search's strategies are
     * deflated by the search's trials; see {@code results}).
     */
    private static String probabilisticSharpe(SignificanceJson significance) {
        Double psr = significance.probabilisticSharpe();
        return psr != null ? String.format(Locale.ROOT, "In-sample probabilistic Sharpe %.3f = P(true Sharpe > 0)"
                + " for this one strategy; a search's best must be judged by its deflated Sharpe (`peer results`)",
                psr)
                : "In-sample probabilistic Sharpe n/a (" + significance.undefined() + ")";
    }

    private static String candles(BacktestResult r) {
        return String.format(Locale.ROOT, "%,d", r.range().length());
    }

    private void printTrades(PrintWriter out, Dataset d, String part, List<Trade> trades) {
        out.println();
        int shown = tradesShown == null ? trades.size() : Math.min(trades.size(), 2 * tradesShown);
        out.println(part + " trades: " + trades.size() + (shown < trades.size()
                ? " (first and last " + tradesShown + ")" : ""));
        if (trades.isEmpty() || shown == 0) {
            return;
        }
        out.printf(Locale.ROOT, "  %5s  %-16s %12s  %-16s %12s %9s %12s  %s%n", "#", "entry (UTC)", "price",
                "exit (UTC)", "price", "return %", "PnL", "reason");
        int head = shown == trades.size() ? trades.size() : tradesShown;
        for (int i = 0; i < trades.size(); i++) {
            if (i == head && shown < trades.size()) {
                out.println("  …");
                i = trades.size() - tradesShown;
            }
            Trade t = trades.get(i);
            out.printf(Locale.ROOT, "  %5d  %-16s %12s  %-16s %12s %9.2f %,12.2f  %s%n", i + 1,
                    time(d, t.entryIndex()), number(t.entryPrice()), time(d, t.exitIndex()), number(t.exitPrice()),
                    t.returnPct(), t.pnl(), t.exitReason());
        }
    }

    private static String time(Dataset d, int index) {
        return MINUTE.format(Instant.ofEpochSecond(d.candles().time()[index]));
    }

    /** Up to 8 significant digits without exponent, enough for any price. */
    private static String number(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
    }

    /** One backtest is one trial: its deflated Sharpe ratio is its probabilistic one. */
    private static final long ONE_TRIAL = 1;

    private static String toJson(Dataset d, Genome genome, BacktestConfig config, Evaluation e) {
        ObjectNode root = CliJson.object();
        root.put("engineVersion", e.engineVersion());
        root.set("dataset", CliJson.dataset(d));
        root.set("genome", CliJson.genome(genome));
        root.put("rules", genome.toSentence());
        root.put("split", e.split().inSamplePercent());
        ObjectNode costs = root.putObject("costs");
        costs.put("feePct", config.feePct());
        costs.put("slippagePct", config.slippagePct());
        costs.put("initialCapital", config.initialCapital());
        root.set("significance", CliJson.tree(SignificanceJson.of(e.inSample().metrics(), ONE_TRIAL)));
        part(root.putObject("inSample"), d, e.inSample());
        part(root.putObject("outOfSample"), d, e.outOfSample());
        root.put("tradesDigest", e.tradesDigest());
        root.put("digest", e.digest());
        return CliJson.pretty(root);
    }

    private static void part(ObjectNode node, Dataset d, BacktestResult r) {
        node.put("from", r.range().from());
        node.put("to", r.range().to());
        node.set("metrics", CliJson.metrics(r.metrics()));
        node.set("buyAndHold", CliJson.metrics(r.buyAndHold()));
        node.put("excessReturnPct", r.excessReturnPct());
        ArrayNode trades = node.putArray("trades");
        for (Trade t : r.trades()) {
            ObjectNode tn = trades.addObject();
            tn.put("entryIndex", t.entryIndex());
            tn.put("entryTime", Instant.ofEpochSecond(d.candles().time()[t.entryIndex()]).toString());
            tn.put("entryPrice", t.entryPrice());
            tn.put("exitIndex", t.exitIndex());
            tn.put("exitTime", Instant.ofEpochSecond(d.candles().time()[t.exitIndex()]).toString());
            tn.put("exitPrice", t.exitPrice());
            tn.put("quantity", t.quantity());
            tn.put("pnl", t.pnl());
            tn.put("returnPct", t.returnPct());
            tn.put("exitReason", t.exitReason().name());
        }
    }
}
