package io.strategyminer.peer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.PropertiesDefaultProvider;

/**
 * Defaults from {@code <data dir>/peer.properties} for every command that takes {@code --data-dir}, read by picocli's
 * {@link PropertiesDefaultProvider}: a key is an option's long name without its dashes ({@code threads=4}), or that
 * name after the command's ({@code peer.start.port=7810}). An option on the command line wins over the file, the file
 * over the command's own defaults (the search limits' table for {@code mine}, the annotations elsewhere).
 *
 * <p>picocli asks for defaults after it has read the command line, so the data dir to read from is already known:
 * the one given, or the default.
 */
final class DataDirDefaults implements IDefaultValueProvider {
    /** The file's name in the data dir. */
    static final String FILE = "peer.properties";
    private static final String DATA_DIR = "--data-dir";

    private final IDefaultValueProvider fallback;
    private Path loadedFrom;
    private PropertiesDefaultProvider loaded;

    private DataDirDefaults(IDefaultValueProvider fallback) {
        this.fallback = fallback;
    }

    /** Puts the data dir's file in front of the defaults of {@code cli} and of each of its subcommands. */
    static void install(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        if (!(spec.defaultValueProvider() instanceof DataDirDefaults)) {
            spec.defaultValueProvider(new DataDirDefaults(spec.defaultValueProvider()));
        }
        cli.getSubcommands().values().forEach(DataDirDefaults::install);
    }

    @Override
    public String defaultValue(ArgSpec argument) throws Exception {
        String fromFile = fromFile(argument);
        if (fromFile != null) {
            return fromFile;
        }
        return fallback == null ? null : fallback.defaultValue(argument);
    }

    private String fromFile(ArgSpec argument) throws Exception {
        OptionSpec dataDir = argument.command().findOption(DATA_DIR);
        if (dataDir == null || argument == dataDir || dataDir.getValue() == null) {
            return null; // no data dir (or a temporary one), or the data dir itself: it cannot come from its own file
        }
        Path file = DataDirOption.expandHome(dataDir.getValue().toString()).toAbsolutePath().normalize().resolve(FILE);
        if (!file.equals(loadedFrom)) {
            // only a file that is there: picocli would warn on every command about a missing one
            loaded = Files.isRegularFile(file) ? new PropertiesDefaultProvider(file.toFile()) : null;
            loadedFrom = file;
        }
        return loaded == null ? null : loaded.defaultValue(argument);
    }
}
