package io.strategyminer.data.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only permissions for what a peer keeps in its data dir (identity, cluster secret, ledger, datasets,
 * uploads): files {@code rw-------}, directories {@code rwx------}, on file systems with POSIX permissions. Where
 * there are none (Windows) nothing is changed: the user profile's access control applies.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} and its missing parents, each created one owner-only; existing ones are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    }

    /**
     * Makes {@code root} and everything below it owner-only (symbolic links are not followed), for files other
     * libraries create with the process's default mode (RocksDB's) and for data dirs written before this rule.
     * Files that disappear during the walk are skipped.
     *
     * @return how many files and directories were changed
     */
    public static int restrict(Path root) throws IOException {
        if (!Files.isDirectory(root) || !posix(root)) {
            return 0;
        }
        int[] changed = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                changed[0] += set(dir, DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    changed[0] += set(file, FILE);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // RocksDB deletes old logs and tables while it runs
                }
                throw e;
            }
        });
        return changed[0];
    }

    private static int set(Path path, Set<PosixFilePermission> wanted) throws IOException {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            if (view.readAttributes().permissions().equals(wanted)) {
                return 0;
            }
            view.setPermissions(wanted);
            return 1;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
