package io.strategyminer.peer.runtime;

import io.strategyminer.data.store.OwnerOnly;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The cluster secret kept in the data dir ({@value #FILE_NAME}, owner read/write only where the file
 * system has POSIX permissions), so a restarted peer rejoins its cluster without the token.
 */
public final class SecretFile {
    public static final String FILE_NAME = "cluster-secret";

    private SecretFile() {
    }

    public static Path in(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The stored secret, if any. */
    public static Optional<ClusterSecret> load(Path dataDir) throws IOException {
        Path file = in(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ClusterSecret.decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage() + " (delete it, or start with --join TOKEN)", e);
        }
    }

    /** Stores {@code secret}, replacing a stored one; the file is created owner-only before the secret is written. */
    public static void store(Path dataDir, ClusterSecret secret) throws IOException {
        OwnerOnly.createDirectories(dataDir);
        Path file = in(dataDir);
        Path temporary = dataDir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OwnerOnly.FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary); // no POSIX permissions (Windows): the user profile's ACL applies
        } catch (FileAlreadyExistsException e) {
            throw new IOException("could not create " + temporary + ": it appeared concurrently", e);
        }
        Files.writeString(temporary, secret.encoded() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}
