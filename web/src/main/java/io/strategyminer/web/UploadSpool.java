package io.strategyminer.web;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives an upload into a file of its own folder (in the peer's data dir) instead of memory, refusing it
 * with 413 as soon as it passes the bound; the file is deleted on every path (refused, failed, imported), and
 * files a killed peer left behind are deleted when the next server starts. Files are created owner-only.
 */
final class UploadSpool {
    private static final Logger LOG = LoggerFactory.getLogger(UploadSpool.class);
    private static final String PREFIX = "upload-";
    private static final String SUFFIX = ".part";

    private final Path directory;

    UploadSpool(Path directory) {
        this.directory = directory;
    }

    /** Deletes what an earlier server left (a peer killed during an upload). */
    void deleteLeftovers() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete unfinished uploads in {}: {}", directory, e.toString());
        }
    }

    /** A received upload: read it with {@link #open()}; closing deletes it. */
    static final class Received implements AutoCloseable {
        private final Path file;

        private Received(Path file) {
            this.file = file;
        }

        InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Streams the request body into a new file.
     *
     * @throws ApiException 413 when the body is (declared or turns out) larger than {@code limit} bytes
     */
    Received receive(HttpServerExchange exchange, int limit) throws IOException {
        ApiExchange.checkDeclaredLength(exchange, limit);
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, PREFIX, SUFFIX);
        // the request stream is left to Undertow: closing it would read (and discard) the rest of a refused body
        try (OutputStream out = Files.newOutputStream(file)) {
            ApiExchange.copyBounded(exchange.getInputStream(), out, limit);
            return new Received(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
