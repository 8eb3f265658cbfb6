package io.strategyminer.peer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.strategyminer.data.Dataset;
import io.strategyminer.data.Timeframe;
import io.strategyminer.data.fetch.CoinbaseFetcher;
import io.strategyminer.data.fetch.FetchClock;
import io.strategyminer.data.fetch.FetchException;
import io.strategyminer.data.fetch.FetchRequest;
import io.strategyminer.data.fetch.FetchResult;
import io.strategyminer.data.fetch.FetchSettings;
import io.strategyminer.data.importer.CandleImporter;
import io.strategyminer.data.importer.GapReport;
import io.strategyminer.data.importer.ImportFormat;
import io.strategyminer.data.importer.ImportOptions;
import io.strategyminer.data.importer.ImportResult;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.data.store.DatasetStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peer data import | fetch | list}: getting candles into the local dataset store. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Import, fetch and list candle datasets.",
        subcommands = {DataCommand.Import.class, DataCommand.Fetch.class, DataCommand.ListDatasets.class})
final class DataCommand implements Runnable {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Read a candle or trades file, validate it and store it as a dataset.",
                    "Formats (detected): CSV with a header naming time/open/high/low/close/volume in any order;"
                            + " trades CSV (timestamp,price,amount), aggregated into candles;"
                            + " Coinbase Advanced Trade JSON {\"candles\":[…]}; Coinbase Exchange JSON [[time, low,"
                            + " high, open, close, volume],…]; {\"ohlc\":[{\"endTime\":…}]} JSON.",
                    "On bad input nothing is stored and every problem found is listed (exit code 2)."})
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
        Path file;

        @Option(names = "--name", paramLabel = "NAME", description = "Dataset name (default: the file name).")
        String name;

        @Option(names = "--symbol", paramLabel = "SYMBOL",
                description = "Market, e.g. BTC-USD (default: guessed from the file).")
        String symbol;

        @Option(names = "--timeframe", paramLabel = "TF",
                description = {"Candle length, e.g. 1m, 5m, 1h. For trades: the candles to build (default 5m).",
                        "For candles: resample to this multiple of the file's timeframe (default: the file's)."})
        String timeframe;

        @Option(names = "--trades", description = "Read the file as trades (timestamp,price,amount) even if the"
                + " header does not make that clear.")
        boolean trades;

        @Mixin
        DataDirOption dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ImportOptions options = ImportOptions.auto();
            if (trades) {
                options = options.withFormat(ImportFormat.TRADES_CSV);
            }
            if (timeframe != null) {
                options = options.withTimeframe(Timeframe.parseSeconds(timeframe));
            }
            ImportResult result = CandleImporter.importFile(file, options);
            Dataset dataset = result.toDataset(name, symbol == null ? null : symbol.trim().toUpperCase(Locale.ROOT));
            DatasetStore store = new DatasetStore(dataDir.path());
            DatasetInfo info = store.save(dataset, file.toAbsolutePath().normalize().toString());
            PrintWriter out = spec.commandLine().getOut();
            out.println("Imported " + info.name() + " (" + describe(result.format(), result.timeframeSeconds()) + ")");
            printSummary(out, info, result.gaps(), store.directory());
            if (ImportResult.UNKNOWN_SYMBOL.equals(info.symbol())) {
                out.println("  note       no symbol could be guessed from the file; import again with --symbol");
            }
            return 0;
        }

        private static String describe(ImportFormat format, long timeframeSeconds) {
            String what = format.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            return format == ImportFormat.TRADES_CSV ? what + " aggregated into " + Timeframe.label(timeframeSeconds)
                    + " candles" : what;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download candles from Coinbase's public API into a dataset.",
                    "Paged (300 candles per request), at most 3 requests/s, retried with backoff; if interrupted,"
                            + " running the same command again fetches only what is missing."})
    static final class Fetch implements Callable<Integer> {
        @Option(names = "--product", paramLabel = "PRODUCT", defaultValue = "BTC-USD",
                description = "Coinbase product (default: ${DEFAULT-VALUE}).")
        String product;

        @Option(names = "--granularity", paramLabel = "TF", defaultValue = "5m",
                description = "Candle length: 1m, 5m, 15m, 1h, 6h or 1d (default: ${DEFAULT-VALUE}).")
        String granularity;

        @Option(names = "--days", paramLabel = "N", defaultValue = "90",
                description = "How many days back from now (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--api-url", paramLabel = "URL", hidden = true,
                description = "Exchange API root (for tests against a local server).")
        URI apiUrl = FetchSettings.COINBASE_EXCHANGE;

        @Mixin
        DataDirOption dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            FetchRequest request = FetchRequest.lastDays(product, Timeframe.parseSeconds(granularity), days,
                    Instant.now());
            CoinbaseFetcher fetcher = new CoinbaseFetcher(dataDir.path(), FetchSettings.defaults().withBaseUrl(apiUrl),
                    FetchClock.system());
            FetchResult result;
            try (ConsoleProgress bar = ConsoleProgress.onStderr()) {
                result = fetcher.fetch(request, (done, total, candles) -> bar.update(done, total,
                        String.format(Locale.ROOT, "page %d/%d  %,d candles", done, total, candles)));
            } catch (FetchException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return e.rejected() ? 2 : 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Fetched " + result.stored().name() + " (" + result.requests() + " requests, "
                    + result.pagesResumed() + " of " + result.pages() + " pages resumed from an earlier run)");
            printSummary(out, result.stored(), result.gaps(), new DatasetStore(dataDir.path()).directory());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the datasets this peer has: the bundled ones and those imported or fetched.",
                    "--json prints {\"datasets\":[{\"id\",\"shortId\",\"name\",\"symbol\",\"timeframe\","
                            + "\"timeframeSeconds\",\"candles\",\"firstTime\",\"lastTime\",\"from\",\"to\","
                            + "\"source\",\"importedAt\",\"bundled\"}]}: times in unix seconds (firstTime/lastTime"
                            + " are open times) and ISO-8601 (from = first open, to = last close); importedAt is"
                            + " null for bundled datasets."})
    static final class ListDatasets implements Callable<Integer> {
        @Option(names = "--json", description = "Machine-readable output (stable, see above).")
        boolean json;

        @Mixin
        DataDirOption dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<DatasetInfo> all = DatasetCatalog.in(dataDir.path()).list();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(toJson(all));
            } else {
                out.println(String.format(Locale.ROOT, "%-12s  %-36s  %-9s  %-4s  %9s  %-16s  %-16s",
                        "ID", "NAME", "SYMBOL", "TF", "CANDLES", "FROM (UTC)", "TO (UTC)"));
                for (DatasetInfo i : all) {
                    out.println(String.format(Locale.ROOT, "%-12s  %-36s  %-9s  %-4s  %,9d  %-16s  %-16s",
                            i.id().shortHex(), i.name(), i.symbol(), Timeframe.label(i.timeframeSeconds()),
                            i.candles(), MINUTE.format(Instant.ofEpochSecond(i.firstTime())),
                            MINUTE.format(Instant.ofEpochSecond(i.endTime()))));
                }
            }
            out.flush();
            return 0;
        }

        private static String toJson(List<DatasetInfo> all) {
            ObjectNode root = CliJson.object();
            ArrayNode datasets = root.putArray("datasets");
            for (DatasetInfo i : all) {
                ObjectNode d = datasets.addObject();
                d.put("id", i.id().hex());
                d.put("shortId", i.id().shortHex());
                d.put("name", i.name());
                d.put("symbol", i.symbol());
                d.put("timeframe", Timeframe.label(i.timeframeSeconds()));
                d.put("timeframeSeconds", i.timeframeSeconds());
                d.put("candles", i.candles());
                d.put("firstTime", i.firstTime());
                d.put("lastTime", i.lastTime());
                d.put("from", Instant.ofEpochSecond(i.firstTime()).toString());
                d.put("to", Instant.ofEpochSecond(i.endTime()).toString());
                d.put("source", i.source());
                if (i.importedAt() == null) {
                    d.putNull("importedAt");
                } else {
                    d.put("importedAt", i.importedAt().toString());
                }
                d.put("bundled", i.bundled());
            }
            return CliJson.pretty(root);
        }
    }

    /** The lines shared by import and fetch. */
    private static void printSummary(PrintWriter out, DatasetInfo info, GapReport gaps, Path storeDir) {
        out.println("  id         " + info.id());
        out.println("  symbol     " + info.symbol());
        out.println("  timeframe  " + Timeframe.label(info.timeframeSeconds()));
        out.println(String.format(Locale.ROOT, "  candles    %,d", info.candles()));
        out.println("  range      " + Instant.ofEpochSecond(info.firstTime()) + " → " + Instant.ofEpochSecond(info.endTime()));
        out.println("  gaps       " + gaps.summary());
        for (GapReport.Gap gap : gaps.first()) {
            out.println("               " + gap);
        }
        if (gaps.count() > gaps.first().size()) {
            out.println("               … " + (gaps.count() - gaps.first().size()) + " more");
        }
        out.println("  stored in  " + storeDir);
        out.flush();
    }
}
