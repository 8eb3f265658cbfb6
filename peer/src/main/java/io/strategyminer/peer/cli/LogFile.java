package io.strategyminer.peer.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import io.strategyminer.data.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.LoggerFactory;

/**
 * A running peer's log in {@code <data dir>/logs/peer.log} as well as on the console, rotated by Logback
 * ({@code logback-file.xml}: daily and at 10 MB, 30 days and 100 MB kept). The data dir is only known once the
 * options are parsed, after Logback has started from {@code logback.xml}: so the file's configuration is applied
 * then, on top of it.
 */
final class LogFile implements AutoCloseable {
    static final String NAME = "peer.log";
    private static final String APPENDER = "PEER_LOG_FILE";

    private final Logger root;
    private final Level levelBefore;
    private boolean open = true;

    private LogFile(Logger root, Level levelBefore) {
        this.root = root;
        this.levelBefore = levelBefore;
    }

    /** Starts writing the log to {@code <dataDir>/logs/peer.log}, created owner-only like the rest of the data dir. */
    static LogFile start(Path dataDir) {
        Path dir = dataDir.resolve("logs");
        try {
            OwnerOnly.createDirectories(dir);
            Path file = dir.resolve(NAME);
            if (Files.notExists(file) && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log folder " + dir + ": " + e.getMessage()
                    + "; choose a data dir you can write with --data-dir", e);
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LogFile logFile = new LogFile(root, root.getLevel());
        long configured = System.currentTimeMillis();
        context.putProperty("sm.log.dir", dir.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(LogFile.class.getResource("/logback-file.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("the log file configuration is broken: " + e.getMessage(), e);
        }
        Appender<?> appender = root.getAppender(APPENDER);
        if (appender == null || !appender.isStarted()) {
            logFile.close();
            throw new UncheckedIOException(new IOException("cannot write the log file in " + dir + ": "
                    + firstError(context, configured) + "; choose a data dir you can write with --data-dir"));
        }
        return logFile;
    }

    private static String firstError(LoggerContext context, long since) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() == Status.ERROR && status.getTimestamp() >= since)
                .map(Status::getMessage).findFirst().orElse("the appender did not start");
    }

    /** Stops writing the file (e.g. before its folder is deleted); the console goes on. Idempotent. */
    @Override
    public void close() {
        if (open) {
            open = false;
            Appender<?> appender = root.getAppender(APPENDER);
            root.detachAppender(APPENDER);
            if (appender != null) {
                appender.stop();
            }
            root.setLevel(levelBefore);
        }
    }
}
