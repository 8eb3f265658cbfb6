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
import io.strategyminer.data.importer.SuspectCandlesException;
import io.strategyminer.data.store.DatasetCatalog;
import io.strategyminer.data.store.DatasetInfo;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.data.store.MetadataJson;
import io.strategyminer.data.suspect.CleanedCandle;
import io.strategyminer.data.suspect.SuspectPolicy;
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
                            + " high, open, close, volume],…]; {\"ohlc\":[{\"endTime\":…}]} JSON; an array of"
                            + " candle objects [{\"Date\":…,\"Open\":…}] (Yahoo Finance via pandas); Yahoo's chart"
                            + " API JSON {\"chart\":{\"result\":[…]}}.",
                    "Suspect candles (a price far from its neighbours on both sides, a price <= 0, open or close"
                            + " outside [low, high], a negative or absurd volume) are refused unless --suspect says"
                            + " what to do: drop removes them, repair replaces impossible prices by the neighbouring"
                            + " close and clamps open and close into [low, high]. The choice is part of the dataset id.",
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
        SuspectOption suspect;

        @Mixin
        DataDirOption dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ImportOptions options = ImportOptions.auto().withSuspects(suspect.policy()).withName(name).withSymbol(symbol);
            if (trades) {
                options = options.withFormat(ImportFormat.TRADES_CSV);
            }
            if (timeframe != null) {
                options = options.withTimeframe(Timeframe.parseSeconds(timeframe));
            }
            ImportResult result;
            try {
                result = CandleImporter.importFile(file, options);
            } catch (SuspectCandlesException e) {
                return suspect.refused(spec, e, "Import", "");
            }
            Dataset dataset = result.toDataset();
            DatasetStore store = new DatasetStore(dataDir.path());
            DatasetInfo info = store.save(dataset, file.toAbsolutePath().normalize().toString());
            PrintWriter out = spec.commandLine().getOut();
            out.println("Imported " + info.name() + " (" + describe(result.format(), result.timeframeSeconds()) + ")");
            printSummary(out, info, result.gaps(), store.directory(), result.notes());
            if (ImportResult.UNKNOWN_SYMBOL.equals(info.symbol())) {
                out.println("  note       no symbol could be guessed from the file; import again with --symbol");
            }
            out.flush();
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
        SuspectOption suspect;

        @Mixin
        DataDirOption dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            FetchRequest request = FetchRequest.lastDays(product, Timeframe.parseSeconds(granularity), days,
                    Instant.now());
            SuspectPolicy policy = suspect.policy();
            CoinbaseFetcher fetcher = new CoinbaseFetcher(dataDir.path(), FetchSettings.defaults().withBaseUrl(apiUrl),
                    FetchClock.system());
            FetchResult result;
            try (ConsoleProgress bar = ConsoleProgress.onStderr()) {
                result = fetcher.fetch(request, policy, (done, total, candles) -> bar.update(done, total,
                        String.format(Locale.ROOT, "page %d/%d  %,d candles", done, total, candles)));
            } catch (FetchException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return e.rejected() ? 2 : 1;
            } catch (SuspectCandlesException e) {
                return suspect.refused(spec, e, "Fetch", " (the pages fetched are kept: nothing is downloaded again)");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Fetched " + result.stored().name() + " (" + result.requests() + " requests, "
                    + result.pagesResumed() + " of " + result.pages() + " pages resumed from an earlier run)");
            printSummary(out, result.stored(), result.gaps(), new DatasetStore(dataDir.path()).directory(), List.of());
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the datasets this peer has: the bundled ones and those imported or fetched.",
                    "--json prints {\"datasets\":[{\"id\",\"shortId\",\"name\",\"symbol\",\"timeframe\","
                            + "\"timeframeSeconds\",\"candles\",\"firstTime\",\"lastTime\",\"from\",\"to\","
                            + "\"source\",\"importedAt\",\"bundled\",\"cleaning\",\"calendar\"}]}: times in unix"
                            + " seconds (firstTime/lastTime are open times) and ISO-8601 (from = first open, to = last"
                            + " close); importedAt is null for bundled datasets; cleaning is {\"policy\" (none, drop,"
                            + " repair), \"summary\", \"candles\":[{\"time\",\"at\",\"location\",\"kinds\",\"why\","
                            + "\"before\",\"after\"}]}; calendar is {\"label\", \"closed\":[{\"from\",\"to\",\"text\"}]}"
                            + " in seconds of the week from Monday 00:00 UTC."})
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
                out.println(String.format(Locale.ROOT, "%-12s  %-36s  %-9s  %-4s  %9s  %-16s  %-16s  %-26s  %s",
                        "ID", "NAME", "SYMBOL", "TF", "CANDLES", "FROM (UTC)", "TO (UTC)", "SUSPECT CANDLES",
                        "CALENDAR"));
                for (DatasetInfo i : all) {
                    out.println(String.format(Locale.ROOT, "%-12s  %-36s  %-9s  %-4s  %,9d  %-16s  %-16s  %-26s  %s",
                            i.id().shortHex(), i.name(), i.symbol(), Timeframe.label(i.timeframeSeconds()),
                            i.candles(), MINUTE.format(Instant.ofEpochSecond(i.firstTime())),
                            MINUTE.format(Instant.ofEpochSecond(i.endTime())), i.cleaning().summary(),
                            i.calendar().label()));
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
                d.set("cleaning", MetadataJson.toJson(i.cleaning()));
                d.set("calendar", MetadataJson.toJson(i.calendar()));
            }
            return CliJson.pretty(root);
        }
    }

    /**
     * {@code --suspect refuse|drop|repair}: what to do with suspect candles, for every command that reads candles
     * into the store ({@code data import}, {@code data fetch}, and {@code submit --csv} through the upload).
     */
    static final class SuspectOption {
        @Option(names = "--suspect", paramLabel = "POLICY", defaultValue = "refuse",
                description = {"What to do with suspect candles: refuse (default: nothing is stored, they are"
                        + " listed), drop (each becomes a gap) or repair (impossible prices replaced by the"
                        + " neighbouring close, open and close clamped into [low, high], bad volumes replaced by"
                        + " the local median). The choice is part of the dataset id."})
        String policy;

        /** @throws IllegalArgumentException naming the valid values */
        SuspectPolicy policy() {
            return SuspectPolicy.parse(policy);
        }

        /**
         * Prints a refusal with what to pass next, and returns the exit code 2.
         *
         * @param command the command to run again ("Import", "Fetch")
         * @param note    what else the user should know, or ""
         */
        int refused(CommandSpec spec, SuspectCandlesException e, String command, String note) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.commandLine().getColorScheme().errorText("error: " + e.getMessage()));
            if (!e.tooManyToClean()) {
                err.println(command + " again with --suspect drop or --suspect repair to store them cleaned" + note + ".");
            }
            err.flush();
            return 2;
        }
    }

    /** The lines shared by import and fetch. */
    private static void printSummary(PrintWriter out, DatasetInfo info, GapReport gaps, Path storeDir,
                                     List<String> notes) {
        out.println("  id         " + info.id());
        out.println("  symbol     " + info.symbol());
        out.println("  timeframe  " + Timeframe.label(info.timeframeSeconds()));
        out.println(String.format(Locale.ROOT, "  candles    %,d", info.candles()));
        out.println("  range      " + Instant.ofEpochSecond(info.firstTime()) + " → " + Instant.ofEpochSecond(info.endTime()));
        out.println("  suspects   " + info.cleaning().summary());
        for (CleanedCandle c : info.cleaning().candles()) {
            out.println("               " + Instant.ofEpochSecond(c.time()) + "  " + c.location() + "  " + c.why());
        }
        out.println("  calendar   " + info.calendar().label());
        out.println("  gaps       " + gaps.summary());
        for (GapReport.Gap gap : gaps.first()) {
            out.println("               " + gap);
        }
        if (gaps.count() > gaps.first().size()) {
            out.println("               … " + (gaps.count() - gaps.first().size()) + " more");
        }
        for (String note : notes) {
            out.println("  note       " + note);
        }
        out.println("  stored in  " + storeDir);
    }
}
