package io.strategyminer.peer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} option shared by every command that keeps state on disk (datasets, fetch
 * progress, ledger). Use it as a picocli mixin: {@code @Mixin DataDirOption dataDir;} then
 * {@code dataDir.path()}.
 */
public final class DataDirOption {
    /** Where a peer keeps its state unless told otherwise (DESIGN §7). */
    public static final String DEFAULT = "~/.strategy-miner";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DEFAULT,
            description = "Where datasets and peer state are kept (default: ${DEFAULT-VALUE}).")
    private String dataDir = DEFAULT;

    /**
     * The data dir as an absolute path, {@code ~} expanded to the user's home, created with its parents
     * if missing.
     *
     * @throws UncheckedIOException if it cannot be created (e.g. the path names a file)
     */
    public Path path() {
        Path dir = location();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data dir " + dir + ": " + e + "; choose a directory you"
                    + " can write with --data-dir", e);
        }
        return dir;
    }

    /** The data dir as an absolute path, {@code ~} expanded, without creating it (for commands that only look). */
    public Path location() {
        return expandHome(dataDir).toAbsolutePath().normalize();
    }

    static Path expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/") || path.startsWith("~\\")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }
}
